import { useEffect } from 'react';
import { finishRequestedHandoverEnd } from '../../db/repositories/handover-end';
import { showToast } from '../../stores/toast-store';
import { useAutoLock } from './auto-lock';
import { connectTabs } from './lock-across-tabs';
import { reloadOnLock } from './reload-on-lock';
import { useUnlockLimit } from './unlock-limit';

const HANDOVER_NEWS = {
  ended: 'The hand-over has ended and the PIN was removed. Set a new PIN to hand over.',
  'wrong-pins':
    'The coach PIN was typed wrong too many times in a row, so the hand-over ended and the app locked. Set a new PIN to hand over.',
} as const;

interface WhileUnlockedProps {
  /** True while the app is unlocked. */
  unlocked: boolean;
  /** Told true from a lock until the page reloads. */
  onReloadPending: (pending: boolean) => void;
}

/**
 * What runs once the app has been unlocked: telling the other tabs when this one locks and
 * when it is in use (see ./lock-across-tabs.ts), the auto-lock, the time limit, the reload
 * after a lock, and what a hand-over left to tell ("Forgot the PIN?", ten wrong PINs).
 * Loaded by the lock gate on the first unlock, with the rest of what unlocking loads, so the
 * unlock screen (the first screen of every coach with records) carries none of it.
 */
export default function WhileUnlocked({ unlocked, onReloadPending }: WhileUnlockedProps) {
  useEffect(() => connectTabs(), []);
  // After the tabs' lock listener: the other tabs are told before this one reloads.
  useEffect(() => reloadOnLock(onReloadPending), [onReloadPending]);
  useEffect(() => {
    if (!unlocked) return;
    finishRequestedHandoverEnd().then(
      (news) => {
        if (news) showToast(HANDOVER_NEWS[news]);
      },
      () => undefined,
    );
  }, [unlocked]);
  useAutoLock(unlocked);
  useUnlockLimit(unlocked);
  return null;
}
