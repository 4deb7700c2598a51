/**
 * Wrong coach PINs, and the waits they bring (issue 13: "a PIN that cannot be worn down").
 *
 * - The first FREE_WRONG_PINS wrong PINs in a row cost nothing but a try. Each one after that
 *   makes the next try wait, longer each time: 1 minute, 5, 15, 1 hour, then 4 hours.
 * - The count goes back to 0 only when the right PIN is typed, a new PIN is set, or the
 *   passphrase ends the hand-over: never because a wait ended.
 * - The MAX_WRONG_PINS-th wrong PIN in a row uses the PIN up: it stops working, the hand-over
 *   ends and the app locks, so only the passphrase (or the recovery key) opens it again.
 *
 * A wait counts down only while a page of the app is open and looking at it, by each page's
 * own monotonic clock (performance.now()), so moving the device's clock forward or back does
 * not shorten it. The stored record says how much of the wait was left when it was last
 * counted (`waitLeftMs` at `seenAt`); each page remembers when it last counted it (a PinPage).
 * A page counts the time since it last looked, but never more than the time since the record
 * was last counted by any page (so two open tabs do not count the same minute twice), and a
 * page that has not looked at this wait before counts nothing the first time (so a page
 * opened, or reloaded, after the clock was moved cannot claim the time in between). The record's
 * `seenAt` never moves back: a clock moved back makes a page count nothing until it catches up.
 *
 * Pure: every function is given the time (a PinClock), so tests need no real waiting.
 */

export const FREE_WRONG_PINS = 3;
export const MAX_WRONG_PINS = 10;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The wait after the 4th, 5th, 6th, 7th, 8th and 9th wrong PIN in a row. */
export const PIN_WAITS_MS: readonly number[] = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  4 * HOUR,
  4 * HOUR,
];

/** What is stored (settings, `pinAttempts`). Times are milliseconds since 1970. */
export interface PinAttempts {
  /** Wrong PINs in a row. */
  failures: number;
  /** How much of the wait after the last wrong PIN was left at `seenAt`; 0 for none. */
  waitLeftMs: number;
  /** When the wait was last counted, by the clock of the page that counted it. */
  seenAt: number;
  /** When the last wrong PIN was typed: with `failures`, it names the wait. */
  since: number;
}

export const NO_PIN_ATTEMPTS: PinAttempts = { failures: 0, waitLeftMs: 0, seenAt: 0, since: 0 };

/**
 * The time, as one page of the app reads it: `now` in milliseconds since 1970 (in a browser
 * performance.timeOrigin + performance.now(), which a change of the device's clock does not
 * move while the page is open), and `mono`, the page's monotonic clock (performance.now()).
 */
export interface PinClock {
  now: number;
  mono: number;
}

/** What one page remembers of the wait it last counted. A reload starts a new page. */
export interface PinPage {
  look: { wait: string; mono: number } | null;
}

export function newPinPage(): PinPage {
  return { look: null };
}

/** How long the next try must wait after this many wrong PINs in a row. */
export function waitAfterWrongPins(failures: number): number {
  if (failures <= FREE_WRONG_PINS || failures >= MAX_WRONG_PINS) return 0;
  const index = Math.min(failures - FREE_WRONG_PINS - 1, PIN_WAITS_MS.length - 1);
  return PIN_WAITS_MS[index] ?? 0;
}

/** True once the PIN has been typed wrong MAX_WRONG_PINS times in a row: it no longer works. */
export function isSpent(attempts: PinAttempts): boolean {
  return attempts.failures >= MAX_WRONG_PINS;
}

/** Tries left before the PIN is used up and the app locks. */
export function triesLeft(attempts: PinAttempts): number {
  return Math.max(0, MAX_WRONG_PINS - attempts.failures);
}

const waitName = (attempts: PinAttempts) => `${attempts.failures}@${attempts.since}`;

/** The time this page may count towards the wait now (0 the first time it looks at it). */
function countable(attempts: PinAttempts, clock: PinClock, page: PinPage): number {
  const { look } = page;
  if (!look || look.wait !== waitName(attempts)) return 0;
  const sinceCounted = clock.now - attempts.seenAt;
  const sinceLooked = clock.mono - look.mono;
  return Math.max(0, Math.min(sinceCounted, sinceLooked));
}

/** The wait left now, as this page would count it; nothing changes. */
export function waitLeft(attempts: PinAttempts, clock: PinClock, page: PinPage): number {
  if (attempts.waitLeftMs <= 0) return 0;
  return Math.max(0, attempts.waitLeftMs - countable(attempts, clock, page));
}

/**
 * Counts the time passed towards the wait: returns the record to store, and notes in `page`
 * that this page has now looked. A record with no wait comes back as it is.
 */
export function countWait(attempts: PinAttempts, clock: PinClock, page: PinPage): PinAttempts {
  if (attempts.waitLeftMs <= 0) return attempts;
  const waitLeftMs = Math.max(0, attempts.waitLeftMs - countable(attempts, clock, page));
  const next = { ...attempts, waitLeftMs, seenAt: Math.max(attempts.seenAt, clock.now) };
  page.look = { wait: waitName(next), mono: clock.mono };
  return next;
}

/** One more wrong PIN: the record to store, with its wait (this page has seen it begin). */
export function afterWrongPin(attempts: PinAttempts, clock: PinClock, page: PinPage): PinAttempts {
  const failures = attempts.failures + 1;
  const next: PinAttempts = {
    failures,
    waitLeftMs: waitAfterWrongPins(failures),
    seenAt: Math.max(attempts.seenAt, clock.now),
    since: clock.now,
  };
  page.look = { wait: waitName(next), mono: clock.mono };
  return next;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * The stored record, checked by hand (read where no validation code is loaded). A record from
 * before issue 13 (`{ failures, lockedUntil }`) keeps its count, with no wait; anything else
 * unreadable counts as no wrong PIN.
 */
export function toPinAttempts(value: unknown): PinAttempts {
  if (typeof value !== 'object' || value === null) return NO_PIN_ATTEMPTS;
  const { failures, waitLeftMs, seenAt, since } = value as Record<string, unknown>;
  if (!isCount(failures)) return NO_PIN_ATTEMPTS;
  if (!isTime(waitLeftMs) || !isTime(seenAt) || !isTime(since)) {
    return { ...NO_PIN_ATTEMPTS, failures: Math.min(failures, MAX_WRONG_PINS) };
  }
  return { failures: Math.min(failures, MAX_WRONG_PINS), waitLeftMs, seenAt, since };
}
