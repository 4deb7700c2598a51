import { useState } from 'react';
import { SaveFileDialog } from '../../components/ui/save-file-dialog';
import { protectFile } from '../../domain/backup-crypto';
import { JSON_MIME, downloadText } from '../../lib/download';
import { showToast } from '../../stores/toast-store';
import { BACKUP_EXPOSES } from '../../domain/file-exposure';

interface SafetyCopyDownloadProps {
  fileName: string;
  json: string;
}

/**
 * "Download the safety copy": the copy from before a "replace everything", protected with a
 * passphrase unless the coach turns that off (it holds every record that was on the device).
 */
export function SafetyCopyDownload({ fileName, json }: SafetyCopyDownloadProps) {
  const [asking, setAsking] = useState(false);
  const save = async (passphrase: string | null) => {
    const file = await protectFile(fileName, json, passphrase);
    downloadText(file.fileName, file.text, JSON_MIME);
    setAsking(false);
    showToast(`Safety copy saved: ${file.fileName}`);
  };
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        Download the safety copy
      </button>
      {asking && (
        <SaveFileDialog
          title="Download the safety copy"
          exposes={BACKUP_EXPOSES}
          saveLabel="Download the safety copy"
          failure="The safety copy was not downloaded."
          onSave={save}
          onCancel={() => setAsking(false)}
        >
          <p>
            It holds every record that was on this device before the restore, in the backup format:
            it restores like any backup.
          </p>
        </SaveFileDialog>
      )}
    </>
  );
}
