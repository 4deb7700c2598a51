import { useCallback, useState, type ReactNode } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { SecretField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import {
  EncryptionSetUpError,
  MIN_PASSPHRASE_LENGTH,
  setUpEncryption,
} from '../../db/encryption/lock-control';
import { ValidationError } from '../../domain/validation';
import { checkedNewPassphraseErrors } from '../../domain/passphrase-strength';
import { usePassphraseChecker } from '../../components/ui/use-passphrase-checker';
import { StepHeading, type StepHeadingProps } from './step-heading';

const LABELS = { passphrase: 'Passphrase', confirm: 'Type the passphrase again' };

interface PassphraseStepProps {
  heading: Omit<StepHeadingProps, 'children'>;
  reason?: ReactNode;
  /** Called with the recovery key once the passphrase is set and the records are encrypted. */
  onSetUp: (recoveryKey: string) => void;
}

/** The first step: what the passphrase protects, and the passphrase typed twice. */
export function PassphraseStep({ heading, reason, onSetUp }: PassphraseStepProps) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  usePassphraseChecker();

  const save = useCallback(async () => {
    const errors = await checkedNewPassphraseErrors(passphrase, confirm, {
      passphrase: 'passphrase',
      again: 'confirm',
    });
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    try {
      return await setUpEncryption(passphrase);
    } catch (error) {
      if (error instanceof EncryptionSetUpError) {
        throw new ValidationError({ _form: error.message }, error.message);
      }
      throw error;
    }
  }, [passphrase, confirm]);
  const onSaved = useCallback(
    (recoveryKey: string) => {
      setPassphrase('');
      setConfirm('');
      onSetUp(recoveryKey);
    },
    [onSetUp],
  );
  const { submit, errors, saving } = useFormSubmit(save, onSaved);

  return (
    <>
      <StepHeading {...heading}>Choose a passphrase</StepHeading>
      {reason && <div className="lock-note">{reason}</div>}
      <p>
        The records you keep are about children, and they are sensitive. So the app keeps them
        encrypted on this device, and your passphrase opens them.
      </p>
      <p className="lock-warning">
        <strong>
          Without your passphrase or your recovery key, nobody can read the records, not even you.
          There is no other way back in.
        </strong>
      </p>
      <p>Next you will get a recovery key to print or save, in case you forget the passphrase.</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="lock-form">
        <ErrorSummary errors={errors} labels={LABELS} />
        <SecretField
          label={LABELS.passphrase}
          name="passphrase"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSPHRASE_LENGTH} characters, and not a common password. A few words you will remember work well. You can paste it, or let a password manager fill it in.`}
          value={passphrase}
          onChange={setPassphrase}
          error={errors.passphrase}
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
            Set passphrase
          </button>
        </div>
        <p role="status" className="lock-form__status">
          {saving ? 'Encrypting the records…' : ''}
        </p>
      </form>
    </>
  );
}
