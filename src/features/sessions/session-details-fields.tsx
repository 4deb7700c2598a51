import { ChoiceGroup, TextField } from '../../components/ui/field';
import { LOCATION_LABELS, LOCATIONS, type Location } from '../../domain/schemas';
import type { FieldErrors } from '../../domain/validation';

interface SessionDetailsFieldsProps {
  date: string;
  durationMinutes: string;
  location: Location | '';
  today: string;
  onChange: (
    change: Partial<{ date: string; durationMinutes: string; location: Location }>,
  ) => void;
  errors: FieldErrors;
}

const LOCATION_OPTIONS = LOCATIONS.map((value) => ({ value, label: LOCATION_LABELS[value] }));

/** When, how long and where the session took place. */
export function SessionDetailsFields({
  date,
  durationMinutes,
  location,
  today,
  onChange,
  errors,
}: SessionDetailsFieldsProps) {
  return (
    <div className="session-form__details">
      <TextField
        label="Date of the session"
        name="date"
        type="date"
        width="medium"
        value={date}
        max={today}
        onChange={(value) => onChange({ date: value })}
        error={errors.date}
      />
      <TextField
        label="Length in minutes"
        name="durationMinutes"
        inputMode="numeric"
        width="short"
        optional
        hint="Whole minutes, up to 600."
        value={durationMinutes}
        onChange={(value) => onChange({ durationMinutes: value })}
        error={errors.durationMinutes}
      />
      <ChoiceGroup
        legend="Where did it take place?"
        name="location"
        type="radio"
        inline
        options={LOCATION_OPTIONS}
        value={location === '' ? [] : [location]}
        onChange={(v) => {
          const chosen = v[0];
          if (chosen) onChange({ location: chosen });
        }}
        error={errors.location}
      />
    </div>
  );
}
