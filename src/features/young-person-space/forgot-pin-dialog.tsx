import { useCallback, useId, useRef, useState } from 'react';
import { SecretField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { useModalDialog } from '../../components/ui/use-modal-dialog';
import { lockSafely } from '../../db/encryption/session-key';
import { endHandoverWithPassphrase } from '../../db/repositories/handover';

interface ForgotPinDialogProps {
  /** The hand-over has ended and the PIN is gone: where the coach goes next. */
  onEnded: () => void;
  onCancel: () => void;
}

/**
 * "Forgot the PIN?" in the young person's space: the coach's passphrase always ends the
 * hand-over (during a wait too), and removes the PIN so the coach sets a new one. A coach who
 * has forgotten the passphrase as well can lock the app: its unlock screen takes the recovery
 * key, which sets a new passphrase that then works here.
 */
export function ForgotPinDialog({ onEnded, onCancel }: ForgotPinDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [passphrase, setPassphrase] = useState('');
  useModalDialog(ref, inputRef);

  const save = useCallback(() => endHandoverWithPassphrase(passphrase), [passphrase]);
  const { submit, errors } = useFormSubmit(save, onEnded);
  const refused = async (event: { preventDefault: () => void }) => {
    await submit(event);
    setPassphrase('');
    inputRef.current?.focus();
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog pin-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>Forgot the PIN?</h2>
      <p>
        Coach: your passphrase ends the hand-over. The PIN is then removed, and you set a new one
        before the next hand-over.
      </p>
      <form noValidate onSubmit={(e) => void refused(e)}>
        <SecretField
          label="Your passphrase"
          name="passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
          error={errors.passphrase ?? errors._form}
          inputRef={inputRef}
        />
        <div className="confirm-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button">
            End the hand-over
          </button>
        </div>
      </form>
      <p>
        Forgotten your passphrase too? Lock the app: the unlock screen takes your recovery key and
        sets a new passphrase, which then works here.
      </p>
      <p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void lockSafely()}
        >
          Lock the app
        </button>
      </p>
    </dialog>
  );
}
