import { ChoiceGroup, TextAreaField, TextField } from '../../components/ui/field';
import { CLOSURE_REASON_LABELS, CLOSURE_REASONS } from '../../domain/schemas';
import type { FieldErrors } from '../../domain/validation';
import type { CloseCaseFormValues } from './close-case-model';

type ReasonValues = Pick<CloseCaseFormValues, 'closedOn' | 'reason' | 'reasonDetail'>;

interface ClosingReasonFieldsProps {
  values: ReasonValues;
  today: string;
  onChange: (change: Partial<ReasonValues>) => void;
  errors: FieldErrors;
}

const REASON_OPTIONS = CLOSURE_REASONS.map((value) => ({
  value,
  label: CLOSURE_REASON_LABELS[value],
}));

/** The closing date, the reason for closing and the reason in the coach's words. */
export function ClosingReasonFields({ values, today, onChange, errors }: ClosingReasonFieldsProps) {
  const other = values.reason === 'other';
  return (
    <section className="close-case__section" aria-labelledby="close-case-when-heading">
      <h2 id="close-case-when-heading">When and why</h2>
      <TextField
        label="Closing date"
        name="closedOn"
        type="date"
        width="medium"
        max={today}
        hint="Not before the last session."
        value={values.closedOn}
        onChange={(closedOn) => onChange({ closedOn })}
        error={errors.closedOn}
      />
      <ChoiceGroup
        legend="Why is the case closing?"
        name="reason"
        type="radio"
        options={REASON_OPTIONS}
        value={values.reason ? [values.reason] : []}
        onChange={(v) => {
          if (v[0]) onChange({ reason: v[0] });
        }}
        error={errors.reason}
      />
      <TextAreaField
        label="The reason in your words"
        name="reasonDetail"
        optional={!other}
        hint={other ? 'Needed when the reason is Other.' : 'Add more detail if it helps.'}
        value={values.reasonDetail}
        onChange={(reasonDetail) => onChange({ reasonDetail })}
        maxLength={500}
        rows={2}
        error={errors.reasonDetail}
      />
    </section>
  );
}
