import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import {
  unlockLimitReached,
  useUnlockLimit,
  type UnlockClockReading,
} from '../../../src/app/lock/unlock-limit';
import { getDb } from '../../../src/db/database';
import {
  getDataKey,
  getLockState,
  holdAutoLock,
  setDataKey,
} from '../../../src/db/encryption/session-key';
import { setUnlockLimitHours } from '../../../src/db/encryption/unlock-limit';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The page's clocks, moved by the test: nothing waits for real. */
function fakeClock() {
  const reading: UnlockClockReading = { mono: 1_000, wall: Date.UTC(2026, 10, 23, 9) };
  return {
    read: () => ({ ...reading }),
    pass(ms: number) {
      reading.mono += ms;
      reading.wall += ms;
    },
    moveDeviceClock(ms: number) {
      reading.wall += ms;
    },
  };
}

/** What makes the hook look at the time at once, besides its timer: the window gaining focus. */
const lookNow = () => window.dispatchEvent(new Event('focus'));

/** Lets the limit's setting be read (the hook reads it as it starts). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('unlockLimitReached', () => {
  const at = { mono: 0, wall: 0 };
  it('counts by whichever clock says more', () => {
    expect(unlockLimitReached(at, { mono: 8 * HOUR - 1, wall: 8 * HOUR - 1 }, 8)).toBe(false);
    expect(unlockLimitReached(at, { mono: 8 * HOUR, wall: 8 * HOUR }, 8)).toBe(true);
    // The device's clock moved back a day: the monotonic clock still counts.
    expect(unlockLimitReached(at, { mono: 8 * HOUR, wall: 8 * HOUR - DAY }, 8)).toBe(true);
    // A device that slept: its monotonic clock may have stopped, its clock did not.
    expect(unlockLimitReached(at, { mono: HOUR, wall: 9 * HOUR }, 8)).toBe(true);
  });
});

describe('useUnlockLimit', () => {
  let key: Uint8Array;
  beforeEach(async () => {
    await getDb().delete();
    await getDb().open();
    key = new Uint8Array(getDataKey() ?? []);
  });
  afterEach(() => {
    if (getLockState() !== 'unlocked') setDataKey(key);
  });

  it('locks 8 hours after unlocking, however much the app is used', async () => {
    const clock = fakeClock();
    renderHook(() => useUnlockLimit(true, clock.read));
    await settle();

    for (let hour = 0; hour < 8; hour += 1) {
      clock.pass(HOUR - (hour === 7 ? MINUTE : 0));
      window.dispatchEvent(new KeyboardEvent('keydown')); // in use all along
      lookNow();
      await settle();
      expect(getLockState()).toBe('unlocked');
    }
    clock.pass(MINUTE);
    lookNow();
    await waitFor(() => expect(getLockState()).toBe('locked'));
  });

  it('is not stretched by moving the device clock back', async () => {
    const clock = fakeClock();
    renderHook(() => useUnlockLimit(true, clock.read));
    await settle();
    clock.moveDeviceClock(-DAY);
    clock.pass(8 * HOUR);
    lookNow();
    await waitFor(() => expect(getLockState()).toBe('locked'));
  });

  it('follows the limit set in Settings', async () => {
    const clock = fakeClock();
    renderHook(() => useUnlockLimit(true, clock.read));
    await settle();
    await setUnlockLimitHours(2);
    await settle();
    clock.pass(2 * HOUR);
    lookNow();
    await waitFor(() => expect(getLockState()).toBe('locked'));
  });

  it('waits while the new recovery key is on screen, then locks', async () => {
    const clock = fakeClock();
    renderHook(() => useUnlockLimit(true, clock.read));
    await settle();
    const release = holdAutoLock();
    clock.pass(9 * HOUR);
    lookNow();
    await settle();
    expect(getLockState()).toBe('unlocked');
    release();
    lookNow();
    await waitFor(() => expect(getLockState()).toBe('locked'));
  });

  it('does nothing while the app is not unlocked', async () => {
    const clock = fakeClock();
    renderHook(() => useUnlockLimit(false, clock.read));
    await settle();
    clock.pass(DAY);
    lookNow();
    await settle();
    expect(getLockState()).toBe('unlocked');
  });
});
