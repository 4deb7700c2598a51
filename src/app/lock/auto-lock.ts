import { useEffect } from 'react';
import { AUTO_LOCK_CHANGE_EVENT, getAutoLockMinutes } from '../../db/encryption/lock-settings';
import { isAutoLockHeld, lockSafely } from '../../db/encryption/session-key';
import { subscribeToActivityInOtherTabs, tellTabsOfActivity } from './lock-across-tabs';

/** What counts as using the app. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;
/** How often the idle time is checked. */
const CHECK_EVERY_MS = 5_000;
/** At most how often the other tabs are told this one is in use. */
const TELL_TABS_EVERY_MS = 5_000;

/**
 * Locks the app after the chosen minutes without use (5 unless changed in Settings). Measured
 * by the clock, not by counting timer ticks, so a tablet that slept or a tab left in the
 * background locks as soon as it is looked at again. Use of any tab of the app counts (the
 * tabs tell each other), since locking one tab locks them all (see ./lock-across-tabs.ts).
 * It waits while the new recovery key is on screen (holdAutoLock), which is shown only once.
 */
export function useAutoLock(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    let minutes: number | null = null;
    let lastUse = Date.now();
    let lastTold = 0;
    let stopped = false;

    const readMinutes = () => {
      getAutoLockMinutes().then(
        (value) => {
          minutes = value;
          check();
        },
        () => undefined,
      );
    };
    const used = () => {
      lastUse = Date.now();
      if (lastUse - lastTold >= TELL_TABS_EVERY_MS) {
        lastTold = lastUse;
        tellTabsOfActivity();
      }
    };
    const usedElsewhere = () => {
      lastUse = Date.now();
    };
    const check = () => {
      if (stopped || minutes === null) return;
      // Held (the recovery key on screen): the wait starts again once it is let go.
      if (isAutoLockHeld()) {
        lastUse = Date.now();
        return;
      }
      if (Date.now() - lastUse >= minutes * 60_000) {
        stopped = true;
        void lockSafely();
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };

    readMinutes();
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, used, { capture: true, passive: true });
    }
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', check);
    window.addEventListener(AUTO_LOCK_CHANGE_EVENT, readMinutes);
    const stopListening = subscribeToActivityInOtherTabs(usedElsewhere);
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      stopped = true;
      stopListening();
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, used, { capture: true });
      }
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', check);
      window.removeEventListener(AUTO_LOCK_CHANGE_EVENT, readMinutes);
      window.clearInterval(timer);
    };
  }, [active]);
}
