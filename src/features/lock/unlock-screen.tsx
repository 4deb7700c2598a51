import { lazy, Suspense, useRef, useState } from 'react';
import type { Recovered } from '../../db/encryption/lock-control';
import { LockScreenFrame } from './lock-screen-frame';
import { RecoveryForm } from './recovery-form';
import { UnlockForm } from './unlock-form';
import { useFocusOnChange } from './use-focus-on-change';
import './lock.css';

// Shown only after a recovery: loaded then, not with the unlock screen (the first screen of
// every coach with records, issue 7's budget).
const NewRecoveryKey = lazy(async () => ({
  default: (await import('./new-recovery-key')).NewRecoveryKey,
}));

export { LockScreenFrame } from './lock-screen-frame';

/** Words above the new recovery key once the old one has been used. */
export const RECOVERED_INTRO =
  'Your new passphrase is set. The recovery key you just used no longer works: this new one replaces it.';

/**
 * The whole page while the app is locked: the passphrase, or (if it is forgotten) the
 * recovery key and a new passphrase, after which the new recovery key is shown once (the one
 * used stops working) and the records open when the coach has kept it. Unlocking changes the
 * lock state, and whoever shows this screen then shows the app instead.
 */
export function UnlockScreen() {
  const [recovering, setRecovering] = useState(false);
  const [recovered, setRecovered] = useState<Recovered | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const recoveryHeadingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(recovering ? recoveryHeadingRef : headingRef, recovering);

  if (recovered) {
    return (
      <LockScreenFrame title="New recovery key">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <NewRecoveryKey
            headingLevel={1}
            intro={RECOVERED_INTRO}
            recoveryKey={recovered.recoveryKey}
            onDone={() => void recovered.open()}
          />
        </Suspense>
      </LockScreenFrame>
    );
  }

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
            new passphrase. You will then be given a new recovery key: the one you type here stops
            working.
          </p>
          <RecoveryForm onRecovered={setRecovered} />
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
