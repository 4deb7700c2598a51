import { useCallback, useState, type ComponentProps, type ReactNode } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { TextField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { showToast } from '../../stores/toast-store';
import './settings.css';

/** The typed text as a number; blank or non-numbers become NaN, which the save refuses. */
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** What the box may add to a plain short text field: a number box, its keypad and bounds. */
type NumberInputProps = Pick<
  ComponentProps<typeof TextField>,
  'type' | 'inputMode' | 'min' | 'max'
>;

interface NumberSettingFormProps {
  /** The value saved now: the box starts with it. */
  current: number;
  label: string;
  /** The field's name, and the key its ValidationError uses. */
  name: string;
  hint: string;
  /** What the error summary calls the field. */
  summaryLabel: string;
  /** Checks and stores the typed number; returns the number stored. */
  save: (value: number) => Promise<number>;
  /** The toast once saved. */
  savedMessage: string;
  submitLabel: string;
  inputProps?: NumberInputProps;
  className?: string;
  /** Shown between the error summary and the field. */
  children?: ReactNode;
}

/** A settings form with one number: a short box, its save button, and a toast once saved. */
export function NumberSettingForm({
  current,
  label,
  name,
  hint,
  summaryLabel,
  save,
  savedMessage,
  submitLabel,
  inputProps,
  className,
  children,
}: NumberSettingFormProps) {
  const [text, setText] = useState(String(current));
  const saveTyped = useCallback(() => save(toNumber(text)), [save, text]);
  const onSaved = useCallback(
    (value: number) => {
      setText(String(value));
      showToast(savedMessage);
    },
    [savedMessage],
  );
  const { submit, errors, saving } = useFormSubmit(saveTyped, onSaved);
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className={className}>
      <ErrorSummary errors={errors} labels={{ [name]: summaryLabel }} />
      {children}
      <TextField
        label={label}
        name={name}
        hint={hint}
        width="short"
        {...inputProps}
        value={text}
        onChange={setText}
        error={errors[name]}
      />
      <div className="coach-pin-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
