import { describe, expect, it } from 'vitest';
import {
  MAX_WRONG_PINS,
  NO_PIN_ATTEMPTS,
  afterWrongPin,
  countWait,
  isSpent,
  newPinPage,
  toPinAttempts,
  triesLeft,
  waitAfterWrongPins,
  waitLeft,
  type PinAttempts,
  type PinClock,
  type PinPage,
} from '../../../src/domain/pin-attempts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 23 Nov 2026, 10:00 UTC, in milliseconds. */
const T0 = Date.UTC(2026, 10, 23, 10);

/**
 * A page of the app: its wall clock (which the device's owner may move) and its monotonic
 * clock (which nobody can), both moved by the test.
 */
class FakePage {
  readonly memory: PinPage = newPinPage();
  mono = 0;
  constructor(private wallAtStart: number) {}
  get clock(): PinClock {
    return { now: this.wallAtStart + this.mono, mono: this.mono };
  }
  /** Real time passes. */
  pass(ms: number) {
    this.mono += ms;
  }
}

function wrongTries(count: number, page: FakePage, start: PinAttempts = NO_PIN_ATTEMPTS) {
  let attempts = start;
  for (let i = 0; i < count; i++) attempts = afterWrongPin(attempts, page.clock, page.memory);
  return attempts;
}

describe('the waits after wrong PINs', () => {
  it('grow: none for three, then 1 min, 5 min, 15 min, 1 hour, 4 hours, 4 hours; the tenth uses the PIN up', () => {
    const waits = Array.from({ length: MAX_WRONG_PINS }, (_, i) => waitAfterWrongPins(i + 1));
    expect(waits).toEqual([0, 0, 0, MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 4 * HOUR, 4 * HOUR, 0]);
    const page = new FakePage(T0);
    expect(isSpent(wrongTries(9, page))).toBe(false);
    expect(isSpent(wrongTries(10, page))).toBe(true);
    expect(triesLeft(wrongTries(10, page))).toBe(0);
  });

  it('do not give the count back when a wait ends', () => {
    const page = new FakePage(T0);
    let attempts = wrongTries(4, page);
    expect(waitLeft(attempts, page.clock, page.memory)).toBe(MINUTE);

    page.pass(MINUTE);
    attempts = countWait(attempts, page.clock, page.memory);
    expect(attempts.waitLeftMs).toBe(0);
    expect(attempts.failures).toBe(4);
    expect(triesLeft(attempts)).toBe(6);

    attempts = afterWrongPin(attempts, page.clock, page.memory);
    expect(attempts.failures).toBe(5);
    expect(attempts.waitLeftMs).toBe(5 * MINUTE);
  });

  it('count down only by the monotonic clock while a page is open: moving the clock forward a day ends nothing', () => {
    const page = new FakePage(T0);
    const attempts = wrongTries(7, page); // a one-hour wait
    page.pass(10 * MINUTE);
    // The device's clock is moved a day forward: the page's wall clock does not follow it
    // (performance.timeOrigin + performance.now()), and even a clock that did is capped by
    // the monotonic one.
    const jumped: PinClock = { now: page.clock.now + DAY, mono: page.mono };
    expect(waitLeft(attempts, jumped, page.memory)).toBe(50 * MINUTE);
    expect(countWait(attempts, jumped, page.memory).waitLeftMs).toBe(50 * MINUTE);
  });

  it('a reload after the clock was moved forward counts nothing from before it, then only real time', () => {
    const first = new FakePage(T0);
    let attempts = wrongTries(7, first); // one hour
    first.pass(20 * MINUTE);
    attempts = countWait(attempts, first.clock, first.memory);
    expect(attempts.waitLeftMs).toBe(40 * MINUTE);

    // Clock moved forward a day, then the page reloaded: a new page whose wall clock is a day on.
    const reloaded = new FakePage(first.clock.now + DAY);
    expect(waitLeft(attempts, reloaded.clock, reloaded.memory)).toBe(40 * MINUTE);
    attempts = countWait(attempts, reloaded.clock, reloaded.memory);
    expect(attempts.waitLeftMs).toBe(40 * MINUTE);

    reloaded.pass(5 * MINUTE);
    attempts = countWait(attempts, reloaded.clock, reloaded.memory);
    expect(attempts.waitLeftMs).toBe(35 * MINUTE);
  });

  it('a clock moved back counts as no time passed, and never lengthens the count for a later page', () => {
    const first = new FakePage(T0);
    let attempts = wrongTries(6, first); // 15 minutes
    first.pass(5 * MINUTE);
    attempts = countWait(attempts, first.clock, first.memory);
    expect(attempts.waitLeftMs).toBe(10 * MINUTE);

    // Clock moved back a day, then a reload.
    const reloaded = new FakePage(first.clock.now - DAY);
    attempts = countWait(attempts, reloaded.clock, reloaded.memory);
    reloaded.pass(30 * MINUTE);
    attempts = countWait(attempts, reloaded.clock, reloaded.memory);
    expect(attempts.waitLeftMs).toBe(10 * MINUTE);
    expect(attempts.seenAt).toBe(T0 + 5 * MINUTE);

    // Moving the clock forward again gives back nothing more than the time that really passed.
    const again = new FakePage(T0 + 5 * MINUTE + 2 * DAY);
    attempts = countWait(attempts, again.clock, again.memory);
    again.pass(4 * MINUTE);
    attempts = countWait(attempts, again.clock, again.memory);
    expect(attempts.waitLeftMs).toBe(6 * MINUTE);
  });

  it('two open tabs do not count the same minutes twice', () => {
    const a = new FakePage(T0);
    const b = new FakePage(T0);
    let attempts = wrongTries(5, a); // 5 minutes
    attempts = countWait(attempts, b.clock, b.memory); // b sees it begin

    a.pass(MINUTE);
    b.pass(MINUTE);
    attempts = countWait(attempts, a.clock, a.memory);
    attempts = countWait(attempts, b.clock, b.memory);
    expect(attempts.waitLeftMs).toBe(4 * MINUTE);
  });

  it('a tab opened long before cannot claim its own past for a new wait', () => {
    const old = new FakePage(T0);
    let attempts = countWait(wrongTries(4, old), old.clock, old.memory);
    old.pass(2 * HOUR); // open, unlooked at, for two hours
    const other = new FakePage(T0 + 2 * HOUR);
    attempts = afterWrongPin(attempts, other.clock, other.memory); // a new 5-minute wait
    // The clock is moved forward a day, and the old tab is looked at.
    const looked: PinClock = { now: old.clock.now + DAY, mono: old.mono };
    attempts = countWait(attempts, looked, old.memory);
    expect(attempts.waitLeftMs).toBe(5 * MINUTE);
  });
});

describe('toPinAttempts', () => {
  it('reads a stored record, an old one (count kept, no wait) and rubbish', () => {
    const stored = { failures: 6, waitLeftMs: 900_000, seenAt: T0 + 0.5, since: T0 };
    expect(toPinAttempts(stored)).toEqual(stored);
    expect(toPinAttempts({ failures: 4, lockedUntil: null })).toEqual({
      ...NO_PIN_ATTEMPTS,
      failures: 4,
    });
    expect(toPinAttempts({ failures: 99, waitLeftMs: 0, seenAt: 0, since: 0 }).failures).toBe(
      MAX_WRONG_PINS,
    );
    for (const rubbish of [null, 'x', { failures: -1 }, { failures: 1.5 }, []]) {
      expect(toPinAttempts(rubbish)).toEqual(NO_PIN_ATTEMPTS);
    }
  });
});
