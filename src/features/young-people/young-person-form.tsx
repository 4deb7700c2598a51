import type { ReactNode } from 'react';
import {
  PROGRAMME_SUGGESTIONS,
  type YoungPerson,
  type YoungPersonInput,
} from '../../domain/schemas';
import type { FieldErrors } from '../../domain/validation';
import { TextField } from '../../components/ui/field';
import { ErrorSummary } from '../../components/ui/error-summary';
import { formatDate, toIsoDate } from '../../lib/dates';

export interface YoungPersonFormValues {
  name: string;
  dateOfBirth: string;
  school: string;
  programme: string;
  referralDate: string;
}

export function initialValues(
  yp?: YoungPerson | null,
  today = toIsoDate(new Date()),
): YoungPersonFormValues {
  return {
    name: yp?.name ?? '',
    dateOfBirth: yp?.dateOfBirth ?? '',
    school: yp?.school ?? '',
    programme: yp?.programme ?? '',
    referralDate: yp ? (yp.referralDate ?? '') : today,
  };
}

export function toInput(values: YoungPersonFormValues): YoungPersonInput {
  return { ...values };
}

interface YoungPersonFormProps {
  values: YoungPersonFormValues;
  onChange: (values: YoungPersonFormValues) => void;
  errors: FieldErrors;
  /** Young people who may be the same person, shown as a warning by the name. */
  duplicates: YoungPerson[];
  saving: boolean;
  submitLabel: string;
  onSubmit: () => void;
  cancel: ReactNode;
}

const LABELS: Record<string, string> = {
  name: 'Name or initials',
  dateOfBirth: 'Date of birth',
  school: 'School',
  programme: 'Programme',
  referralDate: 'Referral date',
};

/** Details of a young person: add or edit. */
export function YoungPersonForm({
  values,
  onChange,
  errors,
  duplicates,
  saving,
  submitLabel,
  onSubmit,
  cancel,
}: YoungPersonFormProps) {
  const today = toIsoDate(new Date());
  const set = (key: keyof YoungPersonFormValues) => (value: string) =>
    onChange({ ...values, [key]: value });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <ErrorSummary errors={errors} labels={LABELS} />
      <TextField
        label="Name or initials"
        name="name"
        hint="A first name or initials is enough: keep only what you need."
        value={values.name}
        onChange={set('name')}
        error={errors.name}
        autoComplete="off"
        maxLength={100}
        width="medium"
      />
      {duplicates.length > 0 && (
        <div className="duplicate-warning" role="alert">
          <p>
            <strong>Is this the same person?</strong> The caseload already has{' '}
            {duplicates
              .map((d) => `${d.name}${d.dateOfBirth ? `, born ${formatDate(d.dateOfBirth)}` : ''}`)
              .join('; ')}
            .
          </p>
          <p>If this is someone else, select “{submitLabel}” again to save anyway.</p>
        </div>
      )}
      <TextField
        label="Date of birth"
        name="dateOfBirth"
        type="date"
        optional
        max={today}
        value={values.dateOfBirth}
        onChange={set('dateOfBirth')}
        error={errors.dateOfBirth}
        width="short"
      />
      <TextField
        label="School"
        name="school"
        optional
        value={values.school}
        onChange={set('school')}
        error={errors.school}
        autoComplete="off"
        maxLength={200}
      />
      <TextField
        label="Programme"
        name="programme"
        optional
        hint="Choose a suggestion or type your own."
        list="programme-suggestions"
        value={values.programme}
        onChange={set('programme')}
        error={errors.programme}
        autoComplete="off"
        maxLength={100}
        width="medium"
      />
      <datalist id="programme-suggestions">
        {PROGRAMME_SUGGESTIONS.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <TextField
        label="Referral date"
        name="referralDate"
        type="date"
        optional
        max={today}
        value={values.referralDate}
        onChange={set('referralDate')}
        error={errors.referralDate}
        width="short"
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={saving}>
          {submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}
