import { useId, type ReactNode, type Ref } from 'react';
import './field.css';

/** The ids a control's aria-describedby should name: its hint and its error, when shown. */
export function describedByIds(id: string, hint: unknown, error: unknown): string | undefined {
  return (
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined
  );
}

/** A field's hint and error message, with the ids that describedByIds names. */
export function FieldMessages({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: ReactNode;
  error?: string | undefined;
}) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </>
  );
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}

/** Label, hint, the control and its error message, wired together for screen readers. */
function FieldShell({ id, label, hint, error, optional, children }: FieldShellProps) {
  const describedBy = describedByIds(id, hint, error);
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> (optional)</span>}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children(describedBy)}
    </div>
  );
}

interface SecretFieldProps {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  autoComplete: 'new-password' | 'current-password' | 'off';
  /** 'numeric' for a PIN: the number keypad on touch screens. */
  inputMode?: 'numeric';
  className?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A masked box for a PIN or passphrase; pasting is allowed, so a password manager can fill it. */
export function SecretField({
  label,
  name,
  value,
  onChange,
  hint,
  error,
  autoComplete,
  inputMode,
  className = 'field__input',
  inputRef,
}: SecretFieldProps) {
  const id = `${useId()}-${name}`;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          ref={inputRef}
          id={id}
          name={name}
          type="password"
          inputMode={inputMode}
          autoComplete={autoComplete}
          spellCheck={false}
          className={className}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldShell>
  );
}

interface TextFieldProps {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  type?: 'text' | 'date' | 'number' | 'search';
  inputMode?: 'numeric' | 'text';
  list?: string;
  autoComplete?: string;
  min?: string | number;
  max?: string | number;
  maxLength?: number;
  width?: 'short' | 'medium' | 'full';
}

export function TextField({
  label,
  name,
  value,
  onChange,
  hint,
  error,
  optional,
  width = 'full',
  ...rest
}: TextFieldProps) {
  const id = `${useId()}-${name}`;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional ?? false}>
      {(describedBy) => (
        <input
          id={id}
          name={name}
          className={`field__input field__input--${width}`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...rest}
        />
      )}
    </FieldShell>
  );
}

interface TextAreaFieldProps {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  rows?: number;
  maxLength?: number;
}

export function TextAreaField({
  label,
  name,
  value,
  onChange,
  hint,
  error,
  optional,
  rows = 4,
  maxLength,
}: TextAreaFieldProps) {
  const id = `${useId()}-${name}`;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional ?? false}>
      {(describedBy) => (
        <textarea
          id={id}
          name={name}
          className="field__input field__textarea"
          value={value}
          rows={rows}
          maxLength={maxLength}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldShell>
  );
}

interface SelectFieldProps<T extends string> {
  label: ReactNode;
  name: string;
  value: T | '';
  onChange: (value: T) => void;
  options: readonly { value: T; label: string }[];
  placeholder?: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function SelectField<T extends string>({
  label,
  name,
  value,
  onChange,
  options,
  placeholder,
  hint,
  error,
}: SelectFieldProps<T>) {
  const id = `${useId()}-${name}`;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={id}
          name={name}
          className="field__input field__input--medium"
          value={value}
          onChange={(e) => onChange(e.target.value as T)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface ChoiceGroupProps<T extends string> {
  legend: ReactNode;
  name: string;
  type: 'radio' | 'checkbox';
  options: readonly { value: T; label: ReactNode; hint?: ReactNode }[];
  /** The chosen values (one at most for radios). */
  value: readonly T[];
  onChange: (value: T[]) => void;
  hint?: ReactNode;
  error?: string | undefined;
  inline?: boolean;
}

/** A fieldset of radios or checkboxes with a legend, hint and error. */
export function ChoiceGroup<T extends string>({
  legend,
  name,
  type,
  options,
  value,
  onChange,
  hint,
  error,
  inline,
}: ChoiceGroupProps<T>) {
  const baseId = `${useId()}-${name}`;
  const toggle = (v: T, checked: boolean) => {
    if (type === 'radio') onChange([v]);
    else onChange(checked ? [...value, v] : value.filter((x) => x !== v));
  };
  return (
    <fieldset
      className={error ? 'field choice-group field--error' : 'field choice-group'}
      aria-describedby={describedByIds(baseId, hint, error)}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <FieldMessages id={baseId} hint={hint} error={error} />
      <div
        className={
          inline ? 'choice-group__options choice-group__options--inline' : 'choice-group__options'
        }
      >
        {options.map((o) => {
          const id = `${baseId}-${o.value}`;
          return (
            <div key={o.value} className="choice">
              <input
                id={id}
                type={type}
                name={name}
                value={o.value}
                checked={value.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              <label htmlFor={id}>
                {o.label}
                {o.hint && <span className="choice__hint">{o.hint}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
