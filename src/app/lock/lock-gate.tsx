import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { checkEncryptionSetUp } from '../../db/encryption/lock-settings';
import { useKeyringStored } from '../../db/hooks/core';
import { setEncryptionSetUp, subscribeToLock } from '../../db/encryption/session-key';
import { errorReason } from '../../lib/errors';
import { useToastStore } from '../../stores/toast-store';
import { useLockState } from '../../db/hooks/use-lock-state';
import { hearTabLocks } from './hear-tab-locks';

const UnlockScreen = lazy(async () => ({
  default: (await import('../../features/lock/unlock-screen')).UnlockScreen,
}));
const WhileUnlocked = lazy(() => import('./while-unlocked'));

/** Clears what the app keeps in memory outside React's tree when it locks. */
function forgetOnLock(): () => void {
  return subscribeToLock(() => {
    useToastStore.setState({ toasts: [] });
  });
}

/**
 * Shows nothing of the records until the app is unlocked. While locked, the whole app (the
 * coach's screens and the young person's space alike) is replaced by the unlock screen, so
 * every page, live query and decrypted record leaves memory and the screen; unlocking brings
 * back the same address. Locking reloads the page, so nothing decrypted stays in its memory
 * (see ./reload-on-lock.ts). Before a passphrase is chosen the app runs as it is (only demo
 * data can be kept then). Also runs the auto-lock and the limit on how long the app stays
 * unlocked, and locks when another tab of the app locks.
 */
export function LockGate({ children }: { children: ReactNode }) {
  const state = useLockState();
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (state !== 'starting') return;
    checkEncryptionSetUp().catch((error: unknown) => setProblem(errorReason(error)));
  }, [state]);
  const [reloading, setReloading] = useState(false);
  // The auto-lock, the time limit and the reload after a lock load with the first unlock.
  const [wasUnlocked, setWasUnlocked] = useState(false);
  if (state === 'unlocked' && !wasUnlocked) setWasUnlocked(true);
  useEffect(forgetOnLock, []);
  // Locking one tab locks every tab of the app (each holds the key in its own memory): heard
  // from the start, not once what unlocking loads has arrived.
  useEffect(() => hearTabLocks(), []);
  useEffect(() => {
    // The last page's title may name a young person.
    if (state === 'locked') document.title = 'Unlock - Resilience Coaching';
  }, [state]);

  // A passphrase chosen in another tab: this tab locks too, rather than go on storing plain.
  const keyringHere = useKeyringStored(state === 'not-set-up');
  useEffect(() => {
    if (keyringHere) setEncryptionSetUp(true);
  }, [keyringHere]);

  const whileUnlocked = wasUnlocked && (
    <Suspense fallback={null}>
      <WhileUnlocked unlocked={state === 'unlocked'} onReloadPending={setReloading} />
    </Suspense>
  );

  if (problem) {
    return (
      <main className="lock-gate-problem">
        <h1>The records could not be opened</h1>
        <p role="alert">{problem}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </main>
    );
  }
  if (state === 'starting') return null;
  let content: ReactNode = children;
  if (state === 'locked' && reloading) {
    content = <p role="status">Locking…</p>;
  } else if (state === 'locked') {
    content = (
      <Suspense fallback={<p role="status">Loading…</p>}>
        <UnlockScreen />
      </Suspense>
    );
  }
  return (
    <>
      {whileUnlocked}
      {content}
    </>
  );
}
