import { lockSafely } from '../../db/encryption/session-key';
import { useLockState } from '../../db/hooks/use-lock-state';

/**
 * "Lock", always in the coach's header once a passphrase is set: the records leave the
 * screen and memory at once, and the passphrase is asked for again.
 */
export function LockButton() {
  const state = useLockState();
  if (state !== 'unlocked') return null;
  return (
    <button type="button" className="app-header__lock" onClick={() => void lockSafely()}>
      Lock
    </button>
  );
}
