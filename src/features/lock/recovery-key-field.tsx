import { useId } from 'react';
import { FieldMessages, describedByIds } from '../../components/ui/field';

interface RecoveryKeyFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

const HINT = 'It looks like ABCD-EFGH-…; capitals, spaces and dashes do not matter.';

/**
 * The box for the recovery key: like a TextField, but with no spelling check, no
 * autocomplete and capitals on touch keyboards.
 */
export function RecoveryKeyField({ label, value, onChange, error }: RecoveryKeyFieldProps) {
  const id = `${useId()}-recoveryKey`;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <FieldMessages id={id} hint={HINT} error={error} />
      <input
        id={id}
        name="recoveryKey"
        className="field__input recovery-key-input"
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        translate="no"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByIds(id, HINT, error)}
      />
    </div>
  );
}
