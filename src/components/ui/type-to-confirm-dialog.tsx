import { useId, useRef, useState, type ReactNode } from 'react';
import { TextField } from './field';
import { useModalDialog } from './use-modal-dialog';
import './ui.css';
import { errorReason } from '../../lib/errors';

interface TypeToConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** What must be typed to confirm (a young person's name); compared ignoring case and spaces. */
  expected: string;
  confirmLabel: string;
  /** Runs the action; a thrown Error's message is shown in the dialog. */
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

/**
 * A modal for an action that cannot be undone: it goes ahead only once the expected text
 * (the young person's name) has been typed. Focus starts in the text field.
 */
export function TypeToConfirmDialog({
  title,
  children,
  expected,
  confirmLabel,
  onConfirm,
  onCancel,
}: TypeToConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useModalDialog(ref, 'input');

  const confirm = async (event: { preventDefault: () => void }) => {
    event.preventDefault();
    if (busy) return;
    if (normalise(typed) !== normalise(expected)) {
      setError(`Type ${expected} exactly as it is shown to confirm.`);
      return;
    }
    setBusy(true);
    try {
      await onConfirm();
    } catch (e) {
      setError(`Nothing was erased. ${errorReason(e)}`);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form noValidate onSubmit={(e) => void confirm(e)}>
        <h2 id={titleId}>{title}</h2>
        <div className="confirm-dialog__body">{children}</div>
        <TextField
          label={`Type ${expected} to confirm`}
          name="confirm-name"
          value={typed}
          onChange={(value) => {
            setTyped(value);
            setError(null);
          }}
          error={error ?? undefined}
          autoComplete="off"
        />
        <div className="confirm-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? 'Erasing…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
