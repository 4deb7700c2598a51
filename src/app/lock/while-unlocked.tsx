import { useEffect } from 'react';
import { finishRequestedHandoverEnd } from '../../db/repositories/handover-end';
import { showToast } from '../../stores/toast-store';
import { useAutoLock } from './auto-lock';
import { connectTabs } from './lock-across-tabs';
import { reloadOnLock } from './reload-on-lock';
import { useUnlockLimit } from './unlock-limit';

interface WhileUnlockedProps {
  /** True while the app is unlocked. */
  unlocked: boolean;
  /** Told true from a lock until the page reloads. */
  onReloadPending: (pending: boolean) => void;
}

/**
 * What runs once the app has been unlocked: the tabs told of each other (locking one locks
 * every tab, each holding the key in its own memory; see ./lock-across-tabs.ts), the
 * auto-lock, the time limit, the reload after a lock, and the end of a hand-over asked for
 * with "Forgot the PIN?". Loaded by the lock gate on the first unlock, with the rest of what unlocking
 * loads, so the unlock screen (the first screen of every coach with records) carries none of
 * it.
 */
export default function WhileUnlocked({ unlocked, onReloadPending }: WhileUnlockedProps) {
  useEffect(() => connectTabs(), []);
  // After the tabs' lock listener: the other tabs are told before this one reloads.
  useEffect(() => reloadOnLock(onReloadPending), [onReloadPending]);
  useEffect(() => {
    if (!unlocked) return;
    finishRequestedHandoverEnd().then(
      (ended) => {
        if (ended)
          showToast('The hand-over has ended and the PIN was removed. Set a new PIN to hand over.');
      },
      () => undefined,
    );
  }, [unlocked]);
  useAutoLock(unlocked);
  useUnlockLimit(unlocked);
  return null;
}
