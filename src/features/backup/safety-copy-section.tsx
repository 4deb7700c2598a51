import { useState } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { useRestoreSafetyCopy } from '../../db/hooks/records';
import { deleteRestoreSafetyCopy } from '../../db/repositories/backup/safety-copy';
import { formatInstantTime } from '../../lib/dates';
import { errorReason } from '../../lib/errors';
import { showToast } from '../../stores/toast-store';
import { safetyCopyFileName } from './restore-model';
import { SafetyCopyDownload } from './safety-copy-download';

/** The copy kept from before the last "replace everything", to download or delete. */
export function SafetyCopySection() {
  const copy = useRestoreSafetyCopy();
  const [confirming, setConfirming] = useState(false);
  if (!copy) return null;
  const remove = async () => {
    setConfirming(false);
    try {
      await deleteRestoreSafetyCopy();
      showToast('Safety copy deleted');
    } catch (error) {
      showToast(`The safety copy was not deleted. ${errorReason(error)}`, 'error');
    }
  };
  return (
    <section className="backup__section" aria-labelledby="safety-copy-heading">
      <h2 id="safety-copy-heading">Safety copy</h2>
      <p>Safety copy from before the restore on {formatInstantTime(copy.savedAt)}.</p>
      <div className="backup__actions">
        <SafetyCopyDownload fileName={safetyCopyFileName(copy.savedAt)} json={copy.json} />
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          Delete the safety copy
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Delete the safety copy?"
          confirmLabel="Delete the safety copy"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => void remove()}
        >
          <p>
            It holds what was on this device before the restore. Once deleted it cannot be brought
            back, so download it first if you might need it.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
