import { useId, useState } from 'react';
import { checkedNewPassphraseErrors } from '../../domain/passphrase-strength';
import type { FieldErrors } from '../../domain/validation';
import { ConfirmDialog } from './confirm-dialog';
import { SecretField } from './field';
import './file-protection.css';

/**
 * Whether a file the app writes is protected with a passphrase, and the passphrase typed twice.
 * Protection is on until the coach turns it off, and turning it off asks once more.
 */
export interface FileProtectionValues {
  protect: boolean;
  passphrase: string;
  confirmPassphrase: string;
}

export const PROTECTED_FILE: FileProtectionValues = {
  protect: true,
  passphrase: '',
  confirmPassphrase: '',
};

export const FILE_PROTECTION_LABELS: Record<string, string> = {
  passphrase: 'Passphrase',
  confirmPassphrase: 'Type the passphrase again',
};

/**
 * What to fix before the file can be made, by field: nothing when it is not protected,
 * otherwise a new passphrase's rules (length, typed twice, not a common password).
 */
export async function fileProtectionErrors(values: FileProtectionValues): Promise<FieldErrors> {
  if (!values.protect) return {};
  return checkedNewPassphraseErrors(values.passphrase, values.confirmPassphrase, {
    passphrase: 'passphrase',
    again: 'confirmPassphrase',
  });
}

/** The passphrase to protect the file with, or null for a plain file. */
export function protectionPassphrase(values: FileProtectionValues): string | null {
  return values.protect ? values.passphrase : null;
}

interface FileProtectionFieldsProps {
  values: FileProtectionValues;
  onChange: (values: FileProtectionValues) => void;
  errors: FieldErrors;
  /** "backup" or "file": the words of the checkbox and the question. */
  noun: string;
  /** What a plain file lets anyone read, e.g. "every young person's name, goals and notes". */
  exposes: string;
  /** The file is always protected: no box to turn protection off (a file of keys). */
  required?: boolean;
}

/**
 * "Protect this <noun> with a passphrase" (ticked at first) and, while ticked, the passphrase
 * typed twice. Unticking asks once more, saying plainly what a plain file would expose; while
 * unticked, the same words stay on screen beside the box.
 */
export function FileProtectionFields({
  values,
  onChange,
  errors,
  noun,
  exposes,
  required = false,
}: FileProtectionFieldsProps) {
  const [asking, setAsking] = useState(false);
  const checkboxId = `${useId()}-protect`;
  const set = (key: 'passphrase' | 'confirmPassphrase') => (value: string) =>
    onChange({ ...values, [key]: value });
  return (
    <div className="file-protection">
      {!required && (
        <div className="choice">
          <input
            id={checkboxId}
            type="checkbox"
            checked={values.protect}
            aria-describedby={values.protect ? undefined : `${checkboxId}-warning`}
            onChange={(e) => {
              if (e.target.checked) onChange({ ...PROTECTED_FILE });
              else setAsking(true);
            }}
          />
          <label htmlFor={checkboxId}>Protect this {noun} with a passphrase</label>
        </div>
      )}
      {values.protect ? (
        <div className="file-protection__passphrase">
          <SecretField
            label={FILE_PROTECTION_LABELS.passphrase}
            name="passphrase"
            hint={`At least 10 characters, and not a common password: a few words you will remember work well. Without it the ${noun} cannot be opened, so keep it somewhere safe.`}
            autoComplete="new-password"
            className="field__input field__input--medium"
            value={values.passphrase}
            onChange={set('passphrase')}
            error={errors.passphrase}
          />
          <SecretField
            label={FILE_PROTECTION_LABELS.confirmPassphrase}
            name="confirmPassphrase"
            autoComplete="new-password"
            className="field__input field__input--medium"
            value={values.confirmPassphrase}
            onChange={set('confirmPassphrase')}
            error={errors.confirmPassphrase}
          />
        </div>
      ) : (
        <p id={`${checkboxId}-warning`} className="file-protection__warning">
          <strong>Not protected:</strong> anyone who opens this {noun} can read {exposes}, in plain
          text.
        </p>
      )}
      {asking && (
        <ConfirmDialog
          title={`Save the ${noun} without a passphrase?`}
          confirmLabel="Save without a passphrase"
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onChange({ protect: false, passphrase: '', confirmPassphrase: '' });
          }}
        >
          <p>
            Without a passphrase, anyone who opens the {noun} can read {exposes}, in plain text:
            whoever finds it in this device&apos;s Downloads folder, on a memory stick or in an
            email.
          </p>
          <p>Only do this if the {noun} goes straight somewhere that is itself kept secure.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
