import { useCallback, useId, useRef, useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { TextAreaField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { reopenCase } from '../../db/repositories/closure';
import type { YoungPerson } from '../../domain/schemas';
import './closure.css';
import { useModalDialog } from '../../components/ui/use-modal-dialog';

interface ReopenCaseDialogProps {
  youngPerson: YoungPerson;
  onReopened: () => void;
  onCancel: () => void;
}

/**
 * A modal (native <dialog>) asking why the case is being reopened; the reason is required.
 * Focus starts in the reason box and goes back to the opener when the dialog closes.
 */
export function ReopenCaseDialog({ youngPerson, onReopened, onCancel }: ReopenCaseDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState('');
  const save = useCallback(() => reopenCase(youngPerson.id, reason), [youngPerson.id, reason]);
  const { submit, errors, saving } = useFormSubmit(save, onReopened);

  useModalDialog(ref, 'textarea');

  return (
    <dialog
      ref={ref}
      className="reopen-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>Reopen {youngPerson.name}’s case?</h2>
      <p>The case can then be changed again: goals, sessions and ratings.</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary errors={errors} labels={{ reason: 'Why' }} />
        <TextAreaField
          label="Why is the case being reopened?"
          name="reopenReason"
          value={reason}
          onChange={setReason}
          maxLength={2000}
          rows={3}
          error={errors.reason}
        />
        <div className="reopen-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={saving}>
            Reopen case
          </button>
        </div>
      </form>
    </dialog>
  );
}
