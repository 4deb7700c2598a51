/**
 * The coach's PIN, which ends a hand-over (issue 13: "a PIN that cannot be worn down").
 *
 * - Kept sealed: the PIN's PBKDF2 hash is stored only encrypted under the data key (AES-GCM,
 *   bound to the setting, the salt and the iteration count), so a copy of the database does
 *   not let anyone test guesses offline. Setting or checking a PIN needs the app unlocked,
 *   and so does a hand-over.
 * - A PIN stored the old way (its hash in plain sight) still works: the first time it is
 *   used while the app is unlocked (checked, changed, or a hand-over started), its hash is
 *   sealed in place.
 * - Wrong PINs make the next try wait, longer each time, and the tenth in a row uses the PIN
 *   up: the hand-over ends and the app locks (see ../../domain/pin-attempts.ts).
 */
import { z } from 'zod';
import { fromBase64, toBase64 } from '../../lib/crypto';
import {
  PIN_ITERATIONS,
  PIN_SALT_BYTES,
  derivePinHash,
  isValidPin,
  pinMatches,
  pinRefusalMessage,
  type PinCheckResult,
} from '../../lib/pin';
import {
  NO_PIN_ATTEMPTS,
  afterWrongPin,
  countWait,
  isSpent,
  newPinPage,
  toPinAttempts,
  triesLeft,
  waitLeft,
  type PinAttempts,
  type PinClock,
  type PinPage,
} from '../../domain/pin-attempts';
import { ValidationError } from '../../domain/validation';
import { getDb } from '../database';
import { decryptField, encryptField } from '../encryption/field-crypto';
import {
  LockedError,
  PassphraseNeededError,
  getDataKey,
  getLockState,
  lockSafely,
} from '../encryption/session-key';
import { ENDED_BY_WRONG_PINS } from './handover-end';
import { COACH_PIN_KEY, HANDOVER_END_KEY, HANDOVER_KEY, PIN_ATTEMPTS_KEY } from '../settings-keys';

export type { PinCheckResult } from '../../lib/pin';

/** At most this many PBKDF2 rounds are accepted from a stored PIN (more would hang the page). */
const MAX_PIN_ITERATIONS = 2_000_000;

const storedFields = {
  algorithm: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().min(1).max(MAX_PIN_ITERATIONS),
  salt: z.string().min(1),
};
const sealedPinSchema = z.object({
  version: z.literal(2),
  ...storedFields,
  /** The PBKDF2 hash, encrypted under the data key (see sealHash). */
  sealedHash: z.string().min(1),
});
const legacyPinSchema = z.object({ ...storedFields, hash: z.string().min(1) });

export type SealedPin = z.infer<typeof sealedPinSchema>;
type LegacyPin = z.infer<typeof legacyPinSchema>;
type StoredPin = { sealed: SealedPin } | { legacy: LegacyPin };

/**
 * - 'set': a PIN that can be checked.
 * - 'not-set': none yet (or it was removed with the passphrase).
 * - 'spent': typed wrong MAX_WRONG_PINS times in a row; it no longer works.
 * - 'unreadable': sealed under another data key, or changed: it cannot be checked.
 * Any but 'set' is replaced by setting a new PIN, without the old one.
 */
export type PinStatus = 'set' | 'not-set' | 'spent' | 'unreadable';

export interface PinState {
  status: PinStatus;
  /** Wrong PINs in a row so far. */
  failures: number;
  /** Wrong tries left before the PIN is used up and the app locks. */
  triesLeft: number;
  /** How long the next try must wait, in milliseconds (0 for none). */
  waitMs: number;
}

/** The time as this page reads it, and what this page remembers of the waits it counted. */
export interface PinTime {
  clock: PinClock;
  page: PinPage;
}

const thisPage = newPinPage();

/** Now, by this page's clocks (see PinClock): a change of the device's clock does not move it. */
export function pinTimeNow(): PinTime {
  const mono = performance.now();
  return { clock: { now: performance.timeOrigin + mono, mono }, page: thisPage };
}

/** Thrown when a hand-over needs a PIN that can be checked first (Settings sets one). */
export class PinNeededError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PinNeededError';
  }
}

/**
 * The data key: a PIN is set and checked only while the app is unlocked. Throws a
 * PassphraseNeededError before a passphrase is chosen, and a LockedError while locked.
 */
function requireKey(): Uint8Array {
  const key = getDataKey();
  if (key) return key;
  if (getLockState() === 'not-set-up') {
    throw new PassphraseNeededError('Choose a passphrase first: your PIN is kept sealed with it.');
  }
  throw new LockedError('The app is locked: unlock it to use the coach PIN.');
}

/** The additional data a sealed hash is bound to: this setting, its salt and its rounds. */
const sealContext = (pin: { iterations: number; salt: string }) =>
  `settings/${COACH_PIN_KEY}/${pin.iterations}/${pin.salt}`;

function seal(key: Uint8Array, hash: Uint8Array, salt: string, iterations: number): SealedPin {
  const fields = { algorithm: 'PBKDF2-SHA-256' as const, iterations, salt };
  return {
    version: 2,
    ...fields,
    sealedHash: encryptField(key, toBase64(hash), sealContext(fields)),
  };
}

/** The PBKDF2 hash inside a sealed PIN, or null when this key does not open it. */
function openSeal(key: Uint8Array, pin: SealedPin): Uint8Array | null {
  try {
    return fromBase64(decryptField(key, pin.sealedHash, sealContext(pin)));
  } catch {
    return null;
  }
}

/** A PIN stored the old way, sealed in place (no PIN needed: its hash is sealed as it is). */
function sealLegacy(key: Uint8Array, pin: LegacyPin): SealedPin {
  return seal(key, fromBase64(pin.hash), pin.salt, pin.iterations);
}

async function readPin(): Promise<StoredPin | null> {
  const value: unknown = (await getDb().settings.get(COACH_PIN_KEY))?.value;
  const sealed = sealedPinSchema.safeParse(value);
  if (sealed.success) return { sealed: sealed.data };
  const legacy = legacyPinSchema.safeParse(value);
  return legacy.success ? { legacy: legacy.data } : null;
}

/** Inside a transaction: the stored PIN, a PIN stored the old way being sealed now. */
async function readPinSealed(key: Uint8Array): Promise<SealedPin | null> {
  const pin = await readPin();
  if (!pin) return null;
  if ('sealed' in pin) return pin.sealed;
  const sealed = sealLegacy(key, pin.legacy);
  await getDb().settings.put({ key: COACH_PIN_KEY, value: sealed });
  return sealed;
}

async function readAttempts(): Promise<PinAttempts> {
  return toPinAttempts((await getDb().settings.get(PIN_ATTEMPTS_KEY))?.value);
}

async function writeAttempts(attempts: PinAttempts): Promise<void> {
  await getDb().settings.put({ key: PIN_ATTEMPTS_KEY, value: attempts });
}

function statusOf(pin: StoredPin | null, attempts: PinAttempts): PinStatus {
  if (!pin) return 'not-set';
  if (isSpent(attempts)) return 'spent';
  if ('legacy' in pin) return 'set';
  const key = getDataKey();
  return !key || openSeal(key, pin.sealed) ? 'set' : 'unreadable';
}

/** Whether a PIN is set and usable, and the wrong tries and wait so far. Changes nothing. */
export async function getPinState(time: PinTime = pinTimeNow()): Promise<PinState> {
  const db = getDb();
  return db.transaction('r', db.settings, async () => {
    const pin = await readPin();
    const attempts = await readAttempts();
    return {
      status: statusOf(pin, attempts),
      failures: attempts.failures,
      triesLeft: triesLeft(attempts),
      waitMs: waitLeft(attempts, time.clock, time.page),
    };
  });
}

/**
 * Counts the time this page has seen pass towards the current wait, and stores it (so a
 * reload keeps it): the wait left and the tries left. The PIN box calls it now and then
 * while it shows a wait.
 */
export async function countPinWait(
  time: PinTime = pinTimeNow(),
): Promise<{ waitMs: number; triesLeft: number }> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const attempts = await readAttempts();
    const counted = countWait(attempts, time.clock, time.page);
    if (counted !== attempts) await writeAttempts(counted);
    return { waitMs: counted.waitLeftMs, triesLeft: triesLeft(counted) };
  });
}

type BeforeTry = { refused: PinCheckResult } | { pin: SealedPin; hash: Uint8Array };

/** May a PIN be tried now? Seals an old PIN and counts the wait on the way. */
async function beforeTry(key: Uint8Array, time: PinTime): Promise<BeforeTry> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const pin = await readPinSealed(key);
    if (!pin) return { refused: { ok: false, reason: 'not-set' } };
    const attempts = await readAttempts();
    if (isSpent(attempts)) return { refused: { ok: false, reason: 'spent' } };
    const counted = countWait(attempts, time.clock, time.page);
    if (counted !== attempts) await writeAttempts(counted);
    if (counted.waitLeftMs > 0) {
      const left = triesLeft(counted);
      return {
        refused: { ok: false, reason: 'waiting', waitMs: counted.waitLeftMs, triesLeft: left },
      };
    }
    const hash = openSeal(key, pin);
    return hash ? { pin, hash } : { refused: { ok: false, reason: 'unreadable' } };
  });
}

/**
 * Records the outcome of a PIN checked against `checked` (the PIN then stored). A right PIN
 * clears the count; a wrong one adds to it, and the tenth in a row ends the hand-over too.
 */
async function recordTry(
  right: boolean,
  checked: SealedPin,
  time: PinTime,
): Promise<PinCheckResult> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const current = await readPin();
    const attempts = countWait(await readAttempts(), time.clock, time.page);
    if (!current || !('sealed' in current) || current.sealed.sealedHash !== checked.sealedHash) {
      // The PIN changed meanwhile: the try proved nothing either way.
      return current
        ? {
            ok: false,
            reason: 'wrong',
            triesLeft: triesLeft(attempts),
            waitMs: attempts.waitLeftMs,
          }
        : { ok: false, reason: 'not-set' };
    }
    // Another tab counted wrong tries while this one was hashing.
    if (isSpent(attempts)) return { ok: false, reason: 'spent' };
    if (attempts.waitLeftMs > 0) {
      await writeAttempts(attempts);
      return {
        ok: false,
        reason: 'waiting',
        triesLeft: triesLeft(attempts),
        waitMs: attempts.waitLeftMs,
      };
    }
    if (right) {
      await writeAttempts(NO_PIN_ATTEMPTS);
      return { ok: true };
    }
    const next = afterWrongPin(attempts, time.clock, time.page);
    await writeAttempts(next);
    if (isSpent(next)) {
      await db.settings.delete(HANDOVER_KEY);
      // Told to the coach after the next unlock (see ./handover-end.ts).
      await db.settings.put({ key: HANDOVER_END_KEY, value: ENDED_BY_WRONG_PINS });
      return { ok: false, reason: 'spent' };
    }
    return { ok: false, reason: 'wrong', triesLeft: triesLeft(next), waitMs: next.waitLeftMs };
  });
}

/**
 * Checks a typed PIN (the app must be unlocked). While a wait runs no PIN is checked at all.
 * The tenth wrong PIN in a row uses the PIN up: the hand-over ends and the app locks (what is
 * being typed is kept as a draft first), so only the passphrase opens it. Hashing runs
 * outside any transaction.
 */
export async function checkCoachPin(
  typed: string,
  time: PinTime = pinTimeNow(),
): Promise<PinCheckResult> {
  const key = requireKey();
  const before = await beforeTry(key, time);
  if ('refused' in before) return before.refused;
  const { pin, hash } = before;
  const right = await pinMatches(typed, hash, pin.salt, pin.iterations);
  const result = await recordTry(right, pin, time);
  if (!result.ok && result.reason === 'spent') await lockSafely();
  return result;
}

/**
 * Sets the coach's PIN (4 to 8 digits), or changes it: while a usable PIN is set, the current
 * one is needed and a wrong one counts as a wrong try. A PIN used up, unreadable or removed
 * is replaced without it (the coach has unlocked the app with the passphrase). Throws a
 * ValidationError with `pin` or `currentPin` messages and changes nothing on bad input.
 */
export async function setCoachPin(
  pin: string,
  currentPin: string | null,
  time: PinTime = pinTimeNow(),
): Promise<void> {
  const key = requireKey();
  const errors: Record<string, string> = {};
  if (!isValidPin(pin)) errors.pin = 'Use 4 to 8 digits.';
  const { status } = await getPinState(time);
  const needsCurrent = status === 'set';
  if (needsCurrent && !currentPin) errors.currentPin = 'Enter your current PIN.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  if (needsCurrent) {
    const result = await checkCoachPin(currentPin ?? '', time);
    if (!result.ok) {
      throw new ValidationError({ currentPin: pinRefusalMessage(result) });
    }
  }
  const salt = crypto.getRandomValues(new Uint8Array(PIN_SALT_BYTES));
  const hash = await derivePinHash(pin, salt, PIN_ITERATIONS);
  const sealed = seal(key, hash, toBase64(salt), PIN_ITERATIONS);
  const db = getDb();
  const expected = needsCurrent ? await readPinSealed(key) : null;
  await db.transaction('rw', db.settings, async () => {
    const latest = await readPin();
    const changed = needsCurrent
      ? !latest || !('sealed' in latest) || latest.sealed.sealedHash !== expected?.sealedHash
      : statusOf(latest, await readAttempts()) === 'set';
    if (changed) throw new Error('The PIN was changed somewhere else just now. Please try again.');
    await db.settings.put({ key: COACH_PIN_KEY, value: sealedPinSchema.parse(sealed) });
    await writeAttempts(NO_PIN_ATTEMPTS);
  });
}

/**
 * Inside a transaction that includes the settings, when the data key is replaced: seals the
 * PIN's hash again under the new key, so the PIN keeps working. A PIN the old key does not
 * open is left as it is (it was unreadable already); returns whether it was sealed again.
 */
export async function resealCoachPin(oldKey: Uint8Array, newKey: Uint8Array): Promise<boolean> {
  const pin = await readPin();
  if (!pin) return false;
  const hash = 'sealed' in pin ? openSeal(oldKey, pin.sealed) : fromBase64(pin.legacy.hash);
  if (!hash) return false;
  const { salt, iterations } = 'sealed' in pin ? pin.sealed : pin.legacy;
  await getDb().settings.put({ key: COACH_PIN_KEY, value: seal(newKey, hash, salt, iterations) });
  return true;
}

/**
 * Inside a transaction that includes the settings: a PIN that can start a hand-over, an old
 * one sealed on the way. Throws a PinNeededError saying what to do otherwise.
 */
export async function requireUsablePin(): Promise<void> {
  const key = requireKey();
  const pin = await readPinSealed(key);
  if (!pin) throw new PinNeededError('Set a coach PIN in Settings before handing over.');
  if (isSpent(await readAttempts())) {
    throw new PinNeededError(
      'Your PIN was typed wrong too many times in a row, so it no longer works. Set a new one in Settings before handing over.',
    );
  }
  if (!openSeal(key, pin)) {
    throw new PinNeededError(
      'Your PIN cannot be checked on this device any more. Set it again in Settings before handing over.',
    );
  }
}
