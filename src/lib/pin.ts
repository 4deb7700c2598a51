/**
 * The coach's PIN: its slow hash (PBKDF2-SHA-256 through WebCrypto, never the digits), and
 * what to say when a PIN is refused. How the hash is kept (sealed under the data key) is the
 * database's business: see src/db/repositories/coach-pin.ts.
 */
import { fromBase64, toBase64, utf8Encoder } from './crypto';

/** How a PIN was stored before issue 13: its hash in plain sight. Still read, once. */
export interface LegacyStoredPin {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
}

/**
 * What checking a PIN can say. `waitMs` is how long the next try must wait (0 for none);
 * `triesLeft`, the wrong tries left before the PIN is used up and the app locks.
 */
export type PinCheckResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number; waitMs: number }
  | { ok: false; reason: 'waiting'; triesLeft: number; waitMs: number }
  | { ok: false; reason: 'spent' }
  | { ok: false; reason: 'unreadable' }
  | { ok: false; reason: 'not-set' };

export type PinRefusal = Exclude<PinCheckResult, { ok: true }>;

export const PIN_ITERATIONS = 200_000;
export const PIN_SALT_BYTES = 16;
const HASH_BITS = 256;

/** True for 4 to 8 digits and nothing else. */
export function isValidPin(pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin);
}

/** The PBKDF2-SHA-256 hash of a PIN (32 bytes). */
export async function derivePinHash(
  pin: string,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', utf8Encoder.encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so timing says nothing about the PIN. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * A PIN hashed the way PINs were stored before issue 13, for tests of the upgrade (the app no
 * longer stores one). Throws when the PIN is not 4 to 8 digits.
 */
export async function hashPinTheOldWay(pin: string, salt?: Uint8Array): Promise<LegacyStoredPin> {
  if (!isValidPin(pin)) throw new Error('A PIN is 4 to 8 digits.');
  const saltBytes = salt ?? crypto.getRandomValues(new Uint8Array(PIN_SALT_BYTES));
  return {
    algorithm: 'PBKDF2-SHA-256',
    iterations: PIN_ITERATIONS,
    salt: toBase64(saltBytes),
    hash: toBase64(await derivePinHash(pin, saltBytes, PIN_ITERATIONS)),
  };
}

/** True when `pin` hashes to `hash` (base64) with this salt (base64). Never throws. */
export async function pinMatches(
  pin: string,
  hash: Uint8Array,
  salt: string,
  iterations: number,
): Promise<boolean> {
  if (!isValidPin(pin) || !Number.isInteger(iterations) || iterations < 1) return false;
  try {
    return sameBytes(await derivePinHash(pin, fromBase64(salt), iterations), hash);
  } catch {
    return false;
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "45 seconds", "5 minutes", "4 hours": a wait in words, rounded up. */
export function describePinWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return plural(seconds, 'second', 'seconds');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return plural(minutes, 'minute', 'minutes');
  return plural(Math.ceil(minutes / 60), 'hour', 'hours');
}

/**
 * What to say after a refused PIN (never the PIN itself), with `waitMs` still to wait (the
 * result's own wait unless given: a box counting down passes what is left).
 */
export function pinRefusalMessage(
  result: PinRefusal,
  waitMs = 'waitMs' in result ? result.waitMs : 0,
): string {
  switch (result.reason) {
    case 'wrong': {
      const left = `That PIN is not right. ${plural(result.triesLeft, 'try', 'tries')} left before the app locks.`;
      return waitMs > 0 ? `${left} Wait ${describePinWait(waitMs)} before the next try.` : left;
    }
    case 'waiting':
      return waitMs > 0
        ? `Too many wrong tries. Try again in ${describePinWait(waitMs)}.`
        : 'You can try the PIN again now.';
    case 'spent':
      return 'That PIN was wrong too many times in a row, so the app is locking. Only the passphrase opens it now.';
    case 'unreadable':
      return 'This PIN cannot be checked on this device any more. Your coach can use “Forgot the PIN?” and their passphrase.';
    case 'not-set':
      return 'There is no coach PIN yet. The coach can set one in Settings.';
  }
}
