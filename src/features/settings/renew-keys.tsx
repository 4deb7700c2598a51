import { useCallback, useRef, useState, type ReactNode } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { SecretField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { changeDataKey, renewRecoveryKey } from '../../db/encryption/key-renewal';
import { showToast } from '../../stores/toast-store';

/** Shows a new recovery key once (RecoveryKeyStep, which this feature may not import). */
export type RenderNewRecoveryKey = (args: {
  recoveryKey: string;
  intro: string;
  onDone: () => void;
}) => ReactNode;

const LABEL = 'Your passphrase';
const LABELS = { currentPassphrase: LABEL };

type Action = 'recovery-key' | 'data-key';

const INTRO: Record<Action, string> = {
  'recovery-key':
    'A new recovery key is made. The old one stopped working the moment this one was made.',
  'data-key':
    'The records are now encrypted with a new key. The old key, and the old recovery key, no longer open them. Your passphrase is the same.',
};

/**
 * "Renew keys" in Settings: a new recovery key (the old one stops working at once), or a new
 * data key (every record encrypted again, for when the device or the passphrase may have
 * been seen by someone else). Both ask for the passphrase and end by showing the new
 * recovery key once.
 */
export function RenewKeys({
  renderNewRecoveryKey,
}: {
  renderNewRecoveryKey: RenderNewRecoveryKey;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [action, setAction] = useState<Action>('recovery-key');
  // Which button submitted: read by save in the same event, before the state is updated.
  const actionRef = useRef<Action>('recovery-key');
  const choose = (next: Action) => () => {
    actionRef.current = next;
    setAction(next);
  };
  const [shown, setShown] = useState<{ recoveryKey: string; action: Action } | null>(null);

  const save = useCallback(async () => {
    const chosen = actionRef.current;
    const recoveryKey =
      chosen === 'data-key' ? await changeDataKey(passphrase) : await renewRecoveryKey(passphrase);
    return { recoveryKey, action: chosen };
  }, [passphrase]);
  const onSaved = useCallback((result: { recoveryKey: string; action: Action }) => {
    setPassphrase('');
    setShown(result);
  }, []);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);
  const onDone = useCallback(() => {
    const done = shown?.action;
    setShown(null);
    showToast(done === 'data-key' ? 'Data key changed' : 'New recovery key made');
  }, [shown]);

  if (shown) {
    return (
      <div className="lock-section__part">
        {renderNewRecoveryKey({
          recoveryKey: shown.recoveryKey,
          intro: INTRO[shown.action],
          onDone,
        })}
      </div>
    );
  }
  return (
    <div className="lock-section__part">
      <h3>Renew keys</h3>
      <p>
        <strong>Make a new recovery key</strong> if the one you kept may have been lost or seen: the
        old one stops working at once.
      </p>
      <p>
        <strong>Change the data key</strong> if this device or your passphrase may have been
        exposed: every record is encrypted again with a new key, which takes a little while (you can
        keep using the app). Other open tabs of the app lock. You are given a new recovery key too.
      </p>
      <form
        noValidate
        onSubmit={(e) => void submit(e)}
        className="change-passphrase-form"
        aria-label="Renew keys"
      >
        <ErrorSummary errors={errors} labels={LABELS} />
        <SecretField
          label={LABEL}
          name="currentPassphrase"
          autoComplete="current-password"
          value={passphrase}
          onChange={setPassphrase}
          error={errors.currentPassphrase}
        />
        <div className="coach-pin-form__actions">
          <button
            type="submit"
            className="button"
            disabled={saving}
            onClick={choose('recovery-key')}
          >
            Make a new recovery key
          </button>
          <button
            type="submit"
            className="button button--secondary"
            disabled={saving}
            onClick={choose('data-key')}
          >
            Change the data key
          </button>
        </div>
        <p role="status" className="lock-section__status">
          {saving
            ? action === 'data-key'
              ? 'Encrypting every record with a new key…'
              : 'Checking…'
            : ''}
        </p>
      </form>
    </div>
  );
}
