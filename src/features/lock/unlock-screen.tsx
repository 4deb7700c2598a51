import { useRef, useState } from 'react';
import { LockScreenFrame } from './lock-screen-frame';
import { RecoveryForm } from './recovery-form';
import { UnlockForm } from './unlock-form';
import { useFocusOnChange } from './use-focus-on-change';
import './lock.css';

export { LockScreenFrame } from './lock-screen-frame';

/**
 * The whole page while the app is locked: the passphrase, or (if it is forgotten) the
 * recovery key and a new passphrase. Unlocking changes the lock state, and whoever shows
 * this screen then shows the app instead.
 */
export function UnlockScreen() {
  const [recovering, setRecovering] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const recoveryHeadingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(recovering ? recoveryHeadingRef : headingRef, recovering);

  return (
    <LockScreenFrame title="Unlock">
      <h1 ref={headingRef} tabIndex={-1} className="lock-heading">
        Unlock
      </h1>
      {recovering ? (
        <section aria-labelledby="recovery-heading" className="lock-recovery">
          <h2 id="recovery-heading" ref={recoveryHeadingRef} tabIndex={-1} className="lock-heading">
            Use your recovery key
          </h2>
          <p>
            Type the recovery key you printed or saved when you chose your passphrase, and choose a
            new passphrase. The recovery key keeps working afterwards.
          </p>
          <RecoveryForm />
          <button
            type="button"
            className="button button--link"
            onClick={() => setRecovering(false)}
          >
            Back to the passphrase
          </button>
        </section>
      ) : (
        <>
          <p>Enter your passphrase to open the records.</p>
          <UnlockForm />
          <button type="button" className="button button--link" onClick={() => setRecovering(true)}>
            Forgotten your passphrase?
          </button>
        </>
      )}
    </LockScreenFrame>
  );
}
