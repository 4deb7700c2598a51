/**
 * The coach's PIN, kept only as a salted PBKDF2 hash (WebCrypto), never as the digits.
 */
import { fromBase64, toBase64, utf8Encoder } from './crypto';

/** How a PIN is stored: enough to check a typed PIN, never enough to show it. */
export interface StoredPin {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
}

/** What checking a PIN can say. `lockedUntil` is an ISO instant. */
export type PinCheckResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: 'locked'; lockedUntil: string }
  | { ok: false; reason: 'not-set' };

export const PIN_ITERATIONS = 200_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

/** True for 4 to 8 digits and nothing else. */
export function isValidPin(pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin);
}

async function derive(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', utf8Encoder.encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so timing says nothing about the PIN. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Hashes a PIN with a fresh 16-byte random salt (or the one given, for tests).
 * Throws when the PIN is not 4 to 8 digits, so an invalid PIN is never stored.
 */
export async function hashPin(pin: string, salt?: Uint8Array): Promise<StoredPin> {
  if (!isValidPin(pin)) throw new Error('A PIN is 4 to 8 digits.');
  const saltBytes = salt
    ? new Uint8Array(salt)
    : crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, saltBytes, PIN_ITERATIONS);
  return {
    algorithm: 'PBKDF2-SHA-256',
    iterations: PIN_ITERATIONS,
    salt: toBase64(saltBytes),
    hash: toBase64(hash),
  };
}

/** True when `pin` is the PIN that was hashed into `stored`. Never throws. */
export async function verifyPin(pin: string, stored: StoredPin): Promise<boolean> {
  if (!isValidPin(pin)) return false;
  if (stored.algorithm !== 'PBKDF2-SHA-256') return false;
  if (!Number.isInteger(stored.iterations) || stored.iterations < 1) return false;
  try {
    const expected = fromBase64(stored.hash);
    const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
    return sameBytes(actual, expected);
  } catch {
    return false;
  }
}
