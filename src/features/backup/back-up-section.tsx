import { useCallback, useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { LeftOutNote } from '../../components/ui/left-out-note';
import {
  FILE_PROTECTION_LABELS,
  FileProtectionFields,
  PROTECTED_FILE,
  fileProtectionErrors,
  protectionPassphrase,
  type FileProtectionValues,
} from '../../components/ui/file-protection';
import { useBackupReminder } from '../../db/hooks/caseload';
import { makeBackup, markBackupMade } from '../../db/repositories/backup/export';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { usePassphraseChecker } from '../../components/ui/use-passphrase-checker';
import { protectFile } from '../../domain/backup-crypto';
import { ValidationError } from '../../domain/validation';
import { JSON_MIME, downloadText } from '../../lib/download';
import { showToast } from '../../stores/toast-store';
import { BACKUP_EXPOSES } from '../../domain/file-exposure';
import { describeLastBackup } from './last-backup';

/** When the last backup was made, kept up to date as backups are made. */
function LastBackup() {
  const reminder = useBackupReminder();
  if (reminder === undefined) return null;
  return <p className="backup__last">{describeLastBackup(reminder.lastBackupAt, new Date())}</p>;
}

/** Makes the backup file (protected unless turned off), offers it for download and records it. */
async function backUp(values: FileProtectionValues): Promise<{ fileName: string; unread: number }> {
  const errors = await fileProtectionErrors(values);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const now = new Date();
  const backup = await makeBackup(now);
  const { fileName, text } = await protectFile(
    backup.fileName,
    backup.json,
    protectionPassphrase(values),
  );
  downloadText(fileName, text, JSON_MIME);
  await markBackupMade(now);
  return { fileName, unread: backup.unread };
}

/** "Back up now": every record on the device in one file, behind a passphrase unless turned off. */
export function BackUpSection() {
  const [values, setValues] = useState<FileProtectionValues>(PROTECTED_FILE);
  // Records that failed their check in the last backup: not in the file, kept on the device.
  const [unread, setUnread] = useState(0);
  usePassphraseChecker();
  const save = useCallback(() => backUp(values), [values]);
  const onSaved = useCallback(({ fileName, unread }: { fileName: string; unread: number }) => {
    setValues(PROTECTED_FILE);
    setUnread(unread);
    showToast(`Backup saved: ${fileName}`);
  }, []);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);

  return (
    <section className="backup__section" aria-labelledby="back-up-heading">
      <h2 id="back-up-heading">Back up now</h2>
      <p>
        Your records live only on this device: if it is lost, broken or reset, they are gone. A
        backup file is the way to keep them safe, so save one regularly somewhere secure.
      </p>
      <LastBackup />
      <LeftOutNote count={unread} file="this backup" />
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary errors={errors} labels={FILE_PROTECTION_LABELS} />
        <FileProtectionFields
          values={values}
          onChange={setValues}
          errors={errors}
          noun="backup"
          exposes={BACKUP_EXPOSES}
        />
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Backing up…' : 'Back up now'}
        </button>
      </form>
    </section>
  );
}
