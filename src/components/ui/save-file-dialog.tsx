import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { ValidationError } from '../../domain/validation';
import { errorReason } from '../../lib/errors';
import { ErrorSummary } from './error-summary';
import {
  FILE_PROTECTION_LABELS,
  FileProtectionFields,
  PROTECTED_FILE,
  fileProtectionErrors,
  protectionPassphrase,
  type FileProtectionValues,
} from './file-protection';
import { useFormSubmit } from './use-form-submit';
import { useModalDialog } from './use-modal-dialog';
import { usePassphraseChecker } from './use-passphrase-checker';
import './ui.css';

interface SaveFileDialogProps {
  /** e.g. "Download Kai's records". */
  title: string;
  /** What the file holds. */
  children?: ReactNode;
  /** What a plain file lets anyone read, e.g. "Kai's name, goals, session notes and comments". */
  exposes: string;
  /** The button that makes the file. */
  saveLabel: string;
  /** Said, with the reason, when the file cannot be made: "The safety copy was not downloaded." */
  failure: string;
  /**
   * Makes and offers the file, protected with the passphrase, or plain when it is null. A
   * thrown error is shown in the dialog, which stays open.
   */
  onSave: (passphrase: string | null) => Promise<void>;
  onCancel: () => void;
  /** The file is always protected (a file of keys): protection cannot be turned off. */
  required?: boolean;
}

/**
 * Asks how to protect a JSON file before it is made: a passphrase typed twice (protection is
 * on until turned off, and turning it off asks once more). Focus starts in the passphrase box.
 */
export function SaveFileDialog({
  title,
  children,
  exposes,
  saveLabel,
  failure,
  onSave,
  onCancel,
  required = false,
}: SaveFileDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [values, setValues] = useState<FileProtectionValues>(PROTECTED_FILE);
  useModalDialog(ref, 'input[type="password"]');
  usePassphraseChecker();

  const save = useCallback(async () => {
    const errors = await fileProtectionErrors(values);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    try {
      await onSave(protectionPassphrase(values));
    } catch (error) {
      throw new ValidationError({ _form: `${failure} ${errorReason(error)}` });
    }
  }, [values, onSave, failure]);
  const { submit, errors, saving } = useFormSubmit(save, () => undefined);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        // A question asked inside this dialog (turning protection off) handles its own Escape.
        if (e.target !== e.currentTarget) return;
        e.preventDefault();
        if (!saving) onCancel();
      }}
    >
      <form noValidate onSubmit={(e) => void submit(e)}>
        <h2 id={titleId}>{title}</h2>
        <ErrorSummary errors={errors} labels={FILE_PROTECTION_LABELS} />
        {children && <div className="confirm-dialog__body">{children}</div>}
        <FileProtectionFields
          values={values}
          onChange={setValues}
          errors={errors}
          noun="file"
          exposes={exposes}
          required={required}
        />
        <p role="status" className="save-file-dialog__status">
          {saving ? (values.protect ? 'Protecting the file…' : 'Making the file…') : ''}
        </p>
        <div className="confirm-dialog__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={onCancel}
            disabled={saving}
          >
            Cancel
          </button>
          <button type="submit" className="button" disabled={saving}>
            {saveLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
