import { SelectField, TextAreaField } from '../../components/ui/field';
import type { FieldErrors } from '../../domain/validation';
import type { CloseCaseFormValues } from './close-case-model';

type FeedbackValues = Pick<
  CloseCaseFormValues,
  | 'youngPersonSatisfaction'
  | 'youngPersonComments'
  | 'parentCarerSatisfaction'
  | 'parentCarerComments'
>;

interface SatisfactionFieldsProps {
  values: FeedbackValues;
  onChange: (change: Partial<FeedbackValues>) => void;
  errors: FieldErrors;
}

const SCORE_OPTIONS = Array.from({ length: 11 }, (_, i) => ({
  value: String(i),
  label: String(i),
}));

const optional = <span className="field__optional"> (optional)</span>;

/** Optional satisfaction out of 10 and comments, from the young person and a parent or carer. */
export function SatisfactionFields({ values, onChange, errors }: SatisfactionFieldsProps) {
  return (
    <section className="close-case__section" aria-labelledby="close-case-feedback-heading">
      <h2 id="close-case-feedback-heading">What they thought of the support</h2>
      <p className="field__hint">
        Ask if you can. Leave anything they did not want to answer empty.
      </p>
      <SelectField
        label={<>How satisfied is the young person, out of 10?{optional}</>}
        name="youngPersonSatisfaction"
        hint="0 is not at all satisfied, 10 is completely satisfied."
        value={values.youngPersonSatisfaction}
        onChange={(youngPersonSatisfaction) => onChange({ youngPersonSatisfaction })}
        options={SCORE_OPTIONS}
        placeholder="Not given"
        error={errors.youngPersonSatisfaction}
      />
      <TextAreaField
        label="The young person’s comments"
        name="youngPersonComments"
        optional
        value={values.youngPersonComments}
        onChange={(youngPersonComments) => onChange({ youngPersonComments })}
        maxLength={2000}
        rows={3}
        error={errors.youngPersonComments}
      />
      <SelectField
        label={<>How satisfied is a parent or carer, out of 10?{optional}</>}
        name="parentCarerSatisfaction"
        hint="0 is not at all satisfied, 10 is completely satisfied."
        value={values.parentCarerSatisfaction}
        onChange={(parentCarerSatisfaction) => onChange({ parentCarerSatisfaction })}
        options={SCORE_OPTIONS}
        placeholder="Not given"
        error={errors.parentCarerSatisfaction}
      />
      <TextAreaField
        label="A parent or carer’s comments"
        name="parentCarerComments"
        optional
        value={values.parentCarerComments}
        onChange={(parentCarerComments) => onChange({ parentCarerComments })}
        maxLength={2000}
        rows={3}
        error={errors.parentCarerComments}
      />
    </section>
  );
}
