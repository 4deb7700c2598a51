import { z } from 'zod';
import { hashPin, isValidPin, verifyPin, type PinCheckResult, type StoredPin } from '../../lib/pin';
import { toInstant } from '../../lib/dates';
import { ValidationError } from '../../domain/validation';
import { getDb } from '../database';
import { COACH_PIN_KEY, PIN_ATTEMPTS_KEY } from '../settings-keys';

export type { PinCheckResult, StoredPin } from '../../lib/pin';

/** Wrong tries in a row before the PIN locks, and for how long. */
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 60_000;

const storedPinSchema = z.object({
  algorithm: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().positive(),
  salt: z.string().min(1),
  hash: z.string().min(1),
});

const attemptsSchema = z.object({
  failures: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
});
type PinAttempts = z.infer<typeof attemptsSchema>;

const NO_ATTEMPTS: PinAttempts = { failures: 0, lockedUntil: null };

export interface PinState {
  isSet: boolean;
  /** When the lock ends (ISO instant), or null when the PIN is not locked now. */
  lockedUntil: string | null;
  /** Wrong tries in a row so far. */
  failures: number;
}

async function readPin(): Promise<StoredPin | null> {
  const row = await getDb().settings.get(COACH_PIN_KEY);
  const parsed = storedPinSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

/** The stored attempts, with an ended lock already cleared so the next try starts afresh. */
async function readAttempts(now: Date): Promise<PinAttempts> {
  const row = await getDb().settings.get(PIN_ATTEMPTS_KEY);
  const parsed = attemptsSchema.safeParse(row?.value);
  if (!parsed.success) return NO_ATTEMPTS;
  const { lockedUntil } = parsed.data;
  if (lockedUntil !== null && Date.parse(lockedUntil) <= now.getTime()) return NO_ATTEMPTS;
  return parsed.data;
}

function isLocked(
  attempts: PinAttempts,
  now: Date,
): attempts is { failures: number; lockedUntil: string } {
  return attempts.lockedUntil !== null && Date.parse(attempts.lockedUntil) > now.getTime();
}

/** Whether a PIN is set, and whether wrong tries have locked it. */
export async function getPinState(now: Date = new Date()): Promise<PinState> {
  const db = getDb();
  return db.transaction('r', db.settings, async () => {
    const [pin, attempts] = await Promise.all([readPin(), readAttempts(now)]);
    return {
      isSet: pin !== null,
      lockedUntil: isLocked(attempts, now) ? attempts.lockedUntil : null,
      failures: attempts.failures,
    };
  });
}

/**
 * Records the outcome of a PIN that was checked against `checked` (the hash then stored).
 * A right PIN clears the count; a wrong one adds to it and locks after five in a row.
 * The count is stored, so a reload does not reset it.
 */
async function recordTry(right: boolean, checked: StoredPin, now: Date): Promise<PinCheckResult> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const attempts = await readAttempts(now);
    // Another tab may have locked the PIN while this one was hashing.
    if (isLocked(attempts, now))
      return { ok: false, reason: 'locked', lockedUntil: attempts.lockedUntil };
    const current = await readPin();
    if (current?.hash !== checked.hash) {
      // The PIN changed meanwhile: the try proved nothing either way.
      return current
        ? { ok: false, reason: 'wrong', triesLeft: MAX_PIN_FAILURES - attempts.failures }
        : { ok: false, reason: 'not-set' };
    }
    if (right) {
      await db.settings.put({ key: PIN_ATTEMPTS_KEY, value: NO_ATTEMPTS });
      return { ok: true };
    }
    const failures = attempts.failures + 1;
    if (failures >= MAX_PIN_FAILURES) {
      const lockedUntil = toInstant(new Date(now.getTime() + PIN_LOCK_MS));
      await db.settings.put({ key: PIN_ATTEMPTS_KEY, value: { failures, lockedUntil } });
      return { ok: false, reason: 'locked', lockedUntil };
    }
    await db.settings.put({ key: PIN_ATTEMPTS_KEY, value: { failures, lockedUntil: null } });
    return { ok: false, reason: 'wrong', triesLeft: MAX_PIN_FAILURES - failures };
  });
}

/**
 * Checks a typed PIN. Five wrong tries in a row lock it for a minute; while locked, no PIN is
 * checked at all. Hashing runs outside any transaction.
 */
export async function checkCoachPin(pin: string, now: Date = new Date()): Promise<PinCheckResult> {
  const [stored, attempts] = await Promise.all([readPin(), readAttempts(now)]);
  if (!stored) return { ok: false, reason: 'not-set' };
  if (isLocked(attempts, now))
    return { ok: false, reason: 'locked', lockedUntil: attempts.lockedUntil };
  const right = await verifyPin(pin, stored);
  return recordTry(right, stored, now);
}

function secondsUntil(instant: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(instant) - now.getTime()) / 1000));
}

/** The message for a current PIN that was refused. */
function currentPinMessage(result: Exclude<PinCheckResult, { ok: true }>, now: Date): string {
  switch (result.reason) {
    case 'wrong':
      return `That PIN is not right. ${result.triesLeft} ${result.triesLeft === 1 ? 'try' : 'tries'} left.`;
    case 'locked':
      return `Too many wrong tries. Try again in ${secondsUntil(result.lockedUntil, now)} seconds.`;
    case 'not-set':
      return 'There is no PIN to change yet.';
  }
}

/**
 * Sets the coach's PIN (4 to 8 digits), or changes it: when a PIN exists the current one is
 * needed, and a wrong current PIN counts as a wrong try. Throws a ValidationError with
 * `pin` or `currentPin` messages and changes nothing on bad input.
 */
export async function setCoachPin(
  pin: string,
  currentPin: string | null,
  now: Date = new Date(),
): Promise<void> {
  const errors: Record<string, string> = {};
  if (!isValidPin(pin)) errors.pin = 'Use 4 to 8 digits.';
  const existing = await readPin();
  if (existing && !currentPin) errors.currentPin = 'Enter your current PIN.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  if (existing) {
    const result = await checkCoachPin(currentPin ?? '', now);
    if (!result.ok) throw new ValidationError({ currentPin: currentPinMessage(result, now) });
  }
  const stored = await hashPin(pin);
  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    const latest = await readPin();
    if (latest?.hash !== existing?.hash) {
      throw new Error('The PIN was changed somewhere else just now. Please try again.');
    }
    await db.settings.put({ key: COACH_PIN_KEY, value: stored });
    await db.settings.put({ key: PIN_ATTEMPTS_KEY, value: NO_ATTEMPTS });
  });
}
