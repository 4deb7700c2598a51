import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLockState } from '../../db/hooks/use-lock-state';
import { lockSafely } from '../../db/encryption/session-key';
import { AutoLockForm } from './auto-lock-form';
import { ChangePassphraseForm } from './change-passphrase-form';
import { UnlockLimitForm } from './unlock-limit-form';
import { RenewKeys, type RenderNewRecoveryKey } from './renew-keys';
import './settings.css';

export interface LockSectionProps {
  /**
   * Shows the passphrase set-up form (SetUpPassphrase, which this feature may not import);
   * it calls `onDone` once the coach has kept the recovery key. Without it there is no
   * "Choose a passphrase" button.
   */
  renderSetUp?: (onDone: () => void) => ReactNode;
  /**
   * Shows a new recovery key once (RecoveryKeyStep, which this feature may not import).
   * Without it there is no "Renew keys" part.
   */
  renderNewRecoveryKey?: RenderNewRecoveryKey;
}

/** Chooses the passphrase inline, keeping the set-up on screen until it is finished. */
function NotSetUp({
  settingUp,
  setSettingUp,
  renderSetUp,
}: LockSectionProps & { settingUp: boolean; setSettingUp: (value: boolean) => void }) {
  const areaRef = useRef<HTMLDivElement>(null);
  const onDone = useCallback(() => setSettingUp(false), [setSettingUp]);
  useEffect(() => {
    if (settingUp) areaRef.current?.querySelector<HTMLElement>('h1, h2, h3')?.focus();
  }, [settingUp]);
  if (settingUp && renderSetUp) return <div ref={areaRef}>{renderSetUp(onDone)}</div>;
  return (
    <>
      <p className="settings__pin-status">No passphrase yet: only demo data can be kept.</p>
      <p>
        Choose a passphrase before you add a real young person. The records are then kept encrypted
        on this device, and only your passphrase or your recovery key opens them.
      </p>
      {renderSetUp && (
        <div className="coach-pin-form__actions">
          <button type="button" className="button" onClick={() => setSettingUp(true)}>
            Choose a passphrase
          </button>
        </div>
      )}
    </>
  );
}

function Unlocked({ renderNewRecoveryKey }: Pick<LockSectionProps, 'renderNewRecoveryKey'>) {
  return (
    <>
      <p className="settings__pin-status">
        Your passphrase is set: the records are kept encrypted on this device.
      </p>
      <div className="lock-section__part">
        <h3>Lock now</h3>
        <p>Lock the app whenever you step away. Your passphrase opens it again.</p>
        <div className="coach-pin-form__actions">
          <button type="button" className="button" onClick={() => void lockSafely()}>
            Lock now
          </button>
        </div>
      </div>
      <AutoLockForm />
      <UnlockLimitForm />
      <ChangePassphraseForm />
      {renderNewRecoveryKey && <RenewKeys renderNewRecoveryKey={renderNewRecoveryKey} />}
    </>
  );
}

/**
 * The Settings section for the passphrase, locking now, auto-lock, the time limit, changing
 * the passphrase and renewing the keys.
 */
export function LockSection({ renderSetUp, renderNewRecoveryKey }: LockSectionProps) {
  const state = useLockState();
  // Set-up unlocks the app before it shows the recovery key, so it stays on screen until done.
  const [settingUp, setSettingUp] = useState(false);

  return (
    <section className="settings__section lock-section" aria-labelledby="lock-heading">
      <h2 id="lock-heading">Passphrase and lock</h2>
      {state === 'not-set-up' || settingUp ? (
        <NotSetUp settingUp={settingUp} setSettingUp={setSettingUp} renderSetUp={renderSetUp} />
      ) : state === 'unlocked' ? (
        <Unlocked renderNewRecoveryKey={renderNewRecoveryKey} />
      ) : state === 'locked' ? (
        <p>The app is locked. Unlock it with your passphrase to change these settings.</p>
      ) : (
        <p role="status">Loading…</p>
      )}
    </section>
  );
}
