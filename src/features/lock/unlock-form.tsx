import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { SecretField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { describeWait, unlock } from '../../db/encryption/lock-control';
import { useUnlockWait } from './use-unlock-wait';

/** The passphrase box and the Unlock button, paused while wrong tries make it wait. */
export function UnlockForm() {
  const waitId = `${useId()}-wait`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const wait = useUnlockWait();
  const { refresh } = wait;

  const save = useCallback(async () => {
    try {
      await unlock(passphrase);
    } catch (error) {
      await refresh();
      throw error;
    }
  }, [passphrase, refresh]);
  const onSaved = useCallback(() => setPassphrase(''), []);
  const { submit, errors, setErrors, saving } = useFormSubmit(save, onSaved);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  // Once a wait has run out, its message no longer holds.
  useEffect(() => {
    if (wait.over) setErrors({});
  }, [wait.over, setErrors]);

  const waiting = wait.msLeft > 0;
  const status = saving ? 'Checking…' : wait.over ? 'You can try your passphrase again now.' : '';

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="lock-form">
      <ErrorSummary errors={errors} labels={{ passphrase: 'Passphrase' }} />
      <SecretField
        label="Passphrase"
        name="passphrase"
        autoComplete="current-password"
        inputRef={inputRef}
        value={passphrase}
        onChange={setPassphrase}
        error={errors.passphrase}
      />
      {waiting && (
        <p id={waitId} className="lock-wait">
          Too many wrong tries. Try again in {describeWait(wait.msLeft)}.
        </p>
      )}
      <div className="lock-form__actions">
        <button
          type="submit"
          className="button"
          disabled={saving || waiting}
          aria-describedby={waiting ? waitId : undefined}
        >
          Unlock
        </button>
      </div>
      <p role="status" className="lock-form__status">
        {status}
      </p>
    </form>
  );
}
