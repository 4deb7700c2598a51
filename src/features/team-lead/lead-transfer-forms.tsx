import { useId, useRef, useState, type FormEvent } from 'react';
import { SaveFileDialog } from '../../components/ui/save-file-dialog';
import { readTeamLead, type TeamLead } from '../../db/repositories/team-lead';
import { SecretField } from '../../components/ui/field';
import { downloadText, JSON_MIME } from '../../lib/download';
import { readFileText } from '../../lib/read-file-text';
import {
  LeadTransferError,
  leadTransferFileName,
  makeLeadTransfer,
  takeLeadTransfer,
} from './lead-transfer';

/**
 * "Save the lead's keys for a new device": a file always protected with a passphrase (it holds
 * the keys to every caseload), for Take over from another device on the new device.
 */
export function SaveLeadKeys({ now }: { now: () => Date }) {
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <p>
        A new or replacement device for you, the lead: save the lead’s keys to a file protected with
        a passphrase, then open it on the new device (Settings, Lead a team, Take over from another
        device). Your coaches see no change.
      </p>
      <button type="button" className="button button--secondary" onClick={() => setSaving(true)}>
        Save the lead’s keys for a new device…
      </button>
      {saved && (
        <p role="status">
          Saved {saved}. Once the new device leads the team, choose Stop leading on this device and
          delete the file.
        </p>
      )}
      {saving && (
        <SaveFileDialog
          title="Save the lead’s keys for a new device"
          exposes="the keys to every caseload of the team"
          saveLabel="Save the file"
          failure="The file was not saved."
          required
          onCancel={() => setSaving(false)}
          onSave={async (passphrase) => {
            const lead = await readTeamLead();
            if (!lead || passphrase === null)
              throw new Error('This device no longer leads a team.');
            const name = leadTransferFileName(now());
            downloadText(name, await makeLeadTransfer(lead, passphrase), JSON_MIME);
            setSaving(false);
            setSaved(name);
          }}
        >
          <p>
            Anyone with this file and its passphrase can lead your team and read every caseload.
            Keep it with you, never send it by email, and delete it once the new device leads the
            team.
          </p>
        </SaveFileDialog>
      )}
    </>
  );
}

/** "Take over from another device": the lead's keys file and its passphrase. */
export function TakeOverForm({
  now,
  onDone,
}: {
  now: () => Date;
  onDone: (lead: TeamLead) => void;
}) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ file?: string; passphrase?: string; _form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const file = fileInput.current?.files?.[0];
    const found: typeof errors = {};
    if (!file) found.file = 'Choose the file of the lead’s keys.';
    if (passphrase === '') found.passphrase = 'Enter the file’s passphrase.';
    setErrors(found);
    if (!file || Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onDone(await takeLeadTransfer(await readFileText(file), passphrase, now()));
    } catch (error) {
      setErrors(
        error instanceof LeadTransferError
          ? { [error.field]: error.message }
          : { _form: 'This device could not take over. Please try again.' },
      );
    } finally {
      setBusy(false);
    }
  };

  const fileError = `${id}-file-error`;
  return (
    <form aria-labelledby={`${id}-heading`} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-heading`}>Take over from another device</h3>
      <p>
        Already the lead on another device? Open the file saved there with “Save the lead’s keys for
        a new device”, and this device leads the team instead.
      </p>
      <div className={errors.file ? 'field field--error' : 'field'}>
        <label htmlFor={`${id}-file`} className="field__label">
          The lead’s keys file
        </label>
        {errors.file && (
          <p id={fileError} className="field__error">
            {errors.file}
          </p>
        )}
        <input
          id={`${id}-file`}
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="team-lead__file-input"
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={errors.file ? fileError : undefined}
        />
      </div>
      <SecretField
        label="The file’s passphrase"
        name="leadFilePassphrase"
        className="field__input field__input--medium"
        value={passphrase}
        onChange={setPassphrase}
        error={errors.passphrase}
        autoComplete="current-password"
      />
      {errors._form && <p role="alert">{errors._form}</p>}
      <button type="submit" className="button button--secondary" disabled={busy}>
        {busy ? 'Opening the file…' : 'Take over leading'}
      </button>
    </form>
  );
}
