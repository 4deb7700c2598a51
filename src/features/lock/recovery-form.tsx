import { useCallback, useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { SecretField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import {
  MIN_PASSPHRASE_LENGTH,
  unlockWithRecovery,
  type Recovered,
} from '../../db/encryption/lock-control';
import { ValidationError } from '../../domain/validation';
import { checkedNewPassphraseErrors } from '../../domain/passphrase-strength';
import { usePassphraseChecker } from '../../components/ui/use-passphrase-checker';
import { RecoveryKeyField } from './recovery-key-field';

const LABELS = {
  recoveryKey: 'Recovery key',
  newPassphrase: 'New passphrase',
  confirm: 'Type the new passphrase again',
};

/**
 * For a forgotten passphrase: the recovery key sets a new passphrase and a new recovery key
 * (the one typed stops working). `onRecovered` is given the new key to show, and the way in.
 */
export function RecoveryForm({ onRecovered }: { onRecovered: (recovered: Recovered) => void }) {
  const [recoveryKey, setRecoveryKey] = useState('');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  usePassphraseChecker();

  const save = useCallback(async () => {
    const errors = await checkedNewPassphraseErrors(newPassphrase, confirm, {
      passphrase: 'newPassphrase',
      again: 'confirm',
    });
    if (Object.keys(errors).length > 0) {
      if (recoveryKey.trim() === '') errors.recoveryKey = 'Enter your recovery key.';
      throw new ValidationError(errors);
    }
    return unlockWithRecovery(recoveryKey, newPassphrase);
  }, [recoveryKey, newPassphrase, confirm]);
  const onSaved = useCallback(
    (recovered: Recovered) => {
      setRecoveryKey('');
      setNewPassphrase('');
      setConfirm('');
      onRecovered(recovered);
    },
    [onRecovered],
  );
  const { submit, errors, saving } = useFormSubmit(save, onSaved);

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="lock-form">
      <ErrorSummary errors={errors} labels={LABELS} />
      <RecoveryKeyField
        label={LABELS.recoveryKey}
        value={recoveryKey}
        onChange={setRecoveryKey}
        error={errors.recoveryKey}
      />
      <SecretField
        label={LABELS.newPassphrase}
        name="newPassphrase"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSPHRASE_LENGTH} characters, and not a common password. A few words you will remember work well.`}
        value={newPassphrase}
        onChange={setNewPassphrase}
        error={errors.newPassphrase}
      />
      <SecretField
        label={LABELS.confirm}
        name="confirm"
        autoComplete="new-password"
        value={confirm}
        onChange={setConfirm}
        error={errors.confirm}
      />
      <div className="lock-form__actions">
        <button type="submit" className="button" disabled={saving}>
          Unlock and set the new passphrase
        </button>
      </div>
      <p role="status" className="lock-form__status">
        {saving ? 'Checking…' : ''}
      </p>
    </form>
  );
}
