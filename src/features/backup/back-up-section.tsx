import { useCallback, useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { useBackupReminder } from '../../db/hooks/caseload';
import { makeBackup, markBackupMade } from '../../db/repositories/backup/export';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { encryptBackup } from '../../domain/backup-crypto';
import { ValidationError } from '../../domain/validation';
import { JSON_MIME, downloadText } from '../../lib/download';
import { showToast } from '../../stores/toast-store';
import {
  BACK_UP_FORM_LABELS,
  EMPTY_BACK_UP_FORM,
  backUpFormErrors,
  protectedFileName,
  type BackUpFormValues,
} from './back-up-model';
import { PassphraseField } from './passphrase-field';
import { describeLastBackup } from './last-backup';

/** When the last backup was made, kept up to date as backups are made. */
function LastBackup() {
  const reminder = useBackupReminder();
  if (reminder === undefined) return null;
  return <p className="backup__last">{describeLastBackup(reminder.lastBackupAt, new Date())}</p>;
}

/** Makes the backup file (protected when asked), offers it for download and records it. */
async function backUp(values: BackUpFormValues): Promise<string> {
  const errors = backUpFormErrors(values);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const now = new Date();
  const { json, fileName } = await makeBackup(now);
  const text = values.protect ? await encryptBackup(json, values.passphrase) : json;
  const name = values.protect ? protectedFileName(fileName) : fileName;
  downloadText(name, text, JSON_MIME);
  await markBackupMade(now);
  return name;
}

/** "Back up now": every record on the device in one file, optionally behind a passphrase. */
export function BackUpSection() {
  const [values, setValues] = useState<BackUpFormValues>(EMPTY_BACK_UP_FORM);
  const save = useCallback(() => backUp(values), [values]);
  const onSaved = useCallback((name: string) => {
    setValues(EMPTY_BACK_UP_FORM);
    showToast(`Backup saved: ${name}`);
  }, []);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);
  const set = (key: 'passphrase' | 'confirmPassphrase') => (value: string) =>
    setValues({ ...values, [key]: value });

  return (
    <section className="backup__section" aria-labelledby="back-up-heading">
      <h2 id="back-up-heading">Back up now</h2>
      <p>
        Your records live only on this device: if it is lost, broken or reset, they are gone. A
        backup file is the way to keep them safe, so save one regularly somewhere secure.
      </p>
      <LastBackup />
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary errors={errors} labels={BACK_UP_FORM_LABELS} />
        <div className="choice backup__protect">
          <input
            id="backup-protect"
            type="checkbox"
            checked={values.protect}
            onChange={(e) => setValues({ ...EMPTY_BACK_UP_FORM, protect: e.target.checked })}
          />
          <label htmlFor="backup-protect">Protect this backup with a passphrase</label>
        </div>
        {values.protect && (
          <div className="backup__passphrase">
            <PassphraseField
              label="Passphrase"
              name="passphrase"
              hint="At least 10 characters. Without it the backup cannot be opened, so keep it somewhere safe."
              autoComplete="new-password"
              value={values.passphrase}
              onChange={set('passphrase')}
              error={errors.passphrase}
            />
            <PassphraseField
              label="Type the passphrase again"
              name="confirmPassphrase"
              autoComplete="new-password"
              value={values.confirmPassphrase}
              onChange={set('confirmPassphrase')}
              error={errors.confirmPassphrase}
            />
          </div>
        )}
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Backing up…' : 'Back up now'}
        </button>
      </form>
    </section>
  );
}
