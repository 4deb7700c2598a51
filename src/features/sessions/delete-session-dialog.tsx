import { useState } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { deleteSession } from '../../db/repositories/sessions';
import { showToast } from '../../stores/toast-store';
import { errorReason } from '../../lib/errors';

interface DeleteSessionDialogProps {
  sessionId: string;
  ratingCount: number;
  onDeleted: () => void;
  onCancel: () => void;
}

function consequence(ratingCount: number): string {
  if (ratingCount === 0) return 'No ratings were made in it.';
  return ratingCount === 1
    ? 'Its 1 rating will be deleted too.'
    : `Its ${ratingCount} ratings will be deleted too.`;
}

/** Asks before deleting a session and the ratings made in it, then deletes both together. */
export function DeleteSessionDialog({
  sessionId,
  ratingCount,
  onDeleted,
  onCancel,
}: DeleteSessionDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    try {
      await deleteSession(sessionId);
      showToast('Session deleted');
      onDeleted();
    } catch (e) {
      setError(`Nothing was deleted. ${errorReason(e)}`);
    }
  };
  return (
    <ConfirmDialog
      title="Delete this session?"
      confirmLabel="Delete session"
      danger
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p>{consequence(ratingCount)} This cannot be undone.</p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}
