import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { requestHandoverEnd } from '../../db/repositories/handover';

/**
 * "Forgot the PIN?" in the young person's space: the coach's passphrase, or recovery key,
 * always ends the hand-over. Confirming locks the app; unlocking it ends the hand-over and
 * removes the PIN, for the coach to set a new one (see requestHandoverEnd).
 */
export function ForgotPinDialog({ onCancel }: { onCancel: () => void }) {
  return (
    <ConfirmDialog
      title="Forgot the PIN?"
      confirmLabel="Lock the app"
      onConfirm={() => void requestHandoverEnd()}
      onCancel={onCancel}
    >
      <p>
        Coach: your passphrase, or your recovery key, ends the hand-over. This locks the app now.
        Unlock it and the hand-over ends, and the PIN is removed so that you can set a new one.
      </p>
    </ConfirmDialog>
  );
}
