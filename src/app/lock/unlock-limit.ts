import { useEffect } from 'react';
import { getUnlockLimitHours, UNLOCK_LIMIT_CHANGE_EVENT } from '../../db/encryption/unlock-limit';
import { isAutoLockHeld, lockSafely } from '../../db/encryption/session-key';

/** How often the time since unlocking is checked. */
const CHECK_EVERY_MS = 30_000;
const HOUR = 3_600_000;

/** Two readings of the time: the page's monotonic clock, and the device's clock. */
export interface UnlockClockReading {
  mono: number;
  wall: number;
}

export const readUnlockClock = (): UnlockClockReading => ({
  mono: performance.now(),
  wall: Date.now(),
});

/**
 * True once `hours` have passed since `unlockedAt`, by whichever clock says more: the
 * monotonic one cannot be moved back (so setting the device's clock back does not stretch
 * the limit), and the device's clock counts time the device slept (which some browsers'
 * monotonic clocks do not).
 */
export function unlockLimitReached(
  unlockedAt: UnlockClockReading,
  now: UnlockClockReading,
  hours: number,
): boolean {
  const passed = Math.max(now.mono - unlockedAt.mono, now.wall - unlockedAt.wall);
  return passed >= hours * HOUR;
}

/**
 * Locks the app once it has been unlocked for the hours set in Settings (8 unless changed),
 * however much it is in use: a device left open and busy all day still asks for the
 * passphrase. Each tab counts from its own unlock; locking one locks them all. Like the
 * auto-lock, it waits while the new recovery key is on screen (holdAutoLock). `clock` is
 * passed in by tests.
 */
export function useUnlockLimit(
  active: boolean,
  clock: () => UnlockClockReading = readUnlockClock,
): void {
  useEffect(() => {
    if (!active) return undefined;
    const unlockedAt = clock();
    let hours: number | null = null;
    let stopped = false;

    const check = () => {
      if (stopped || hours === null || isAutoLockHeld()) return;
      if (unlockLimitReached(unlockedAt, clock(), hours)) {
        stopped = true;
        void lockSafely();
      }
    };
    const readHours = () => {
      getUnlockLimitHours().then(
        (value) => {
          hours = value;
          check();
        },
        () => undefined,
      );
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };

    readHours();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', check);
    window.addEventListener(UNLOCK_LIMIT_CHANGE_EVENT, readHours);
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', check);
      window.removeEventListener(UNLOCK_LIMIT_CHANGE_EVENT, readHours);
      window.clearInterval(timer);
    };
  }, [active, clock]);
}
