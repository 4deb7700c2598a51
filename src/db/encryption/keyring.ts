/**
 * The keyring: how the data key (which encrypts the records, see ./middleware.ts) is kept.
 * The data key is random and is never stored as it is: only wrapped (AES-GCM) by a key
 * derived from the coach's passphrase, and again by a key derived from a recovery key that
 * the coach prints or saves. Kept in the settings table under `keyring`:
 *
 *   { version: 1,
 *     kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt },
 *     byPassphrase: { iv, wrapped },
 *     byRecoveryKey: { kdf: { name, hash, iterations, salt }, iv, wrapped },
 *     createdAt }                                    (salt, iv and wrapped in base64)
 *
 * Key derivation runs through WebCrypto (async), so none of this may run inside a Dexie
 * transaction that also reads or writes records.
 *
 * Wrong passphrases are counted in the settings table (`unlockAttempts`), so a reload does
 * not reset the count: after five wrong in a row each try must wait, 30 seconds at first,
 * doubling with every further wrong one, up to 15 minutes. A right one clears the count.
 * Recovery keys are not counted: with about 148 random bits they cannot be guessed.
 */
import { ValidationError } from '../../domain/validation';
import { passphraseProblem } from '../../domain/passphrase';
export { MIN_PASSPHRASE_LENGTH, passphraseProblem } from '../../domain/passphrase';
import {
  PBKDF2_ITERATIONS,
  decryptBytes,
  encryptBytes,
  deriveAesKey,
  fromBase64,
  randomBytes,
  toBase64,
  utf8Encoder,
  type Bytes,
} from '../../lib/crypto';
import { toInstant } from '../../lib/instant';
import { getDb } from '../database';
import { DATA_KEY_BYTES } from './session-key';
import { KEYRING_KEY } from './lock-settings';
import type { Keyring, Kdf, WrappedKey } from './lock-schemas';
export type { Keyring } from './lock-schemas';

/**
 * The keyring's zod schemas (and with them zod), loaded when a keyring is first read or
 * written: the unlock screen, the first screen of every coach with records, paints without
 * them (issue 7's first-screen budget). Never awaited inside a transaction.
 */
const loadSchemas = () => import('./lock-schemas');

const ATTEMPTS_KEY = 'unlockAttempts';
const SALT_BYTES = 16;

/** Wrong passphrases in a row before each try must wait. */
export const FREE_TRIES = 5;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;

// ---------------------------------------------------------------------------
// Errors. Each is a ValidationError keyed by the form field it belongs to, so a form using
// useFormSubmit shows the message by that field.

/** The passphrase does not unwrap the data key. */
export class WrongPassphraseError extends ValidationError {
  constructor(field = 'passphrase', waitMs = 0) {
    const message =
      'That passphrase is not right.' +
      (waitMs > 0 ? ` Wait ${describeWait(waitMs)} before you try again.` : '');
    super({ [field]: message }, message);
    this.name = 'WrongPassphraseError';
  }
}

/** The recovery key is well formed but does not unwrap this device's data key. */
export class WrongRecoveryKeyError extends ValidationError {
  constructor() {
    const message = 'That recovery key does not open the records on this device.';
    super({ recoveryKey: message }, message);
    this.name = 'WrongRecoveryKeyError';
  }
}

/** Too many wrong passphrases: no passphrase is even checked until the wait is over. */
export class TooManyAttemptsError extends ValidationError {
  readonly secondsLeft: number;

  constructor(waitMs: number, field = 'passphrase') {
    const message = `Too many wrong tries. Try again in ${describeWait(waitMs)}.`;
    super({ [field]: message }, message);
    this.name = 'TooManyAttemptsError';
    this.secondsLeft = Math.max(1, Math.ceil(waitMs / 1000));
  }
}

/** No keyring, or a damaged one, or one already there when a new one was asked for. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

/** "30 seconds", "1 second", "4 minutes". */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

// ---------------------------------------------------------------------------
// Passphrases and recovery keys.

/** Letters and digits that cannot be mistaken for each other: no 0, O, 1, I or L. */
const RECOVERY_KEY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const BASE = RECOVERY_KEY_ALPHABET.length; // 31, a prime: the check characters catch swaps.
const RANDOM_CHARS = 30;
const KEY_CHARS = RANDOM_CHARS + 2;
const GROUP = 4;

/** Two check characters over the random ones: they catch any one wrong or swapped character. */
function checkValues(values: readonly number[]): [number, number] {
  let first = 0;
  let second = 0;
  values.forEach((value, i) => {
    first = (first + (i + 1) * value) % BASE;
    second = (second + (i + 1) * (i + 1) * value) % BASE;
  });
  return [first, second];
}

function charOf(value: number): string {
  return RECOVERY_KEY_ALPHABET.charAt(value);
}

/** "ABCD-EFGH-...": 8 groups of 4, as shown to the coach. */
function formatRecoveryKey(canonical: string): string {
  return (canonical.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? []).join('-');
}

/** A fresh recovery key: 30 random characters (about 148 bits) and 2 check characters. */
function generateRecoveryKey(): string {
  const values: number[] = [];
  // Rejection sampling keeps every character equally likely (248 = 8 x 31).
  while (values.length < RANDOM_CHARS) {
    for (const byte of randomBytes(RANDOM_CHARS * 2)) {
      if (byte < 248 && values.length < RANDOM_CHARS) values.push(byte % BASE);
    }
  }
  return formatRecoveryKey([...values, ...checkValues(values)].map(charOf).join(''));
}

/**
 * The recovery key as typed, in its canonical form (32 capitals and digits), ignoring case,
 * spaces and dashes. Throws a ValidationError keyed `recoveryKey` when it cannot be one.
 */
export function parseRecoveryKey(typed: string): string {
  const fail = (message: string) => new ValidationError({ recoveryKey: message }, message);
  const canonical = typed.toUpperCase().replace(/[\s\-\u2010-\u2015_]/g, '');
  if (canonical === '') throw fail('Enter your recovery key.');
  if (/[^A-Z0-9]/.test(canonical) || /[01OIL]/.test(canonical)) {
    throw fail(
      'A recovery key has only capital letters and the numbers 2 to 9, with no O, I or L. Check what you typed.',
    );
  }
  if (canonical.length !== KEY_CHARS) {
    throw fail(
      `A recovery key has ${KEY_CHARS} letters and numbers, in 8 groups of 4. Check you typed all of it.`,
    );
  }
  const values = [...canonical].map((char) => RECOVERY_KEY_ALPHABET.indexOf(char));
  const [first, second] = checkValues(values.slice(0, RANDOM_CHARS));
  if (values[RANDOM_CHARS] !== first || values[RANDOM_CHARS + 1] !== second) {
    throw fail('That recovery key has a typing mistake. Check each group of 4 against your copy.');
  }
  return canonical;
}

// ---------------------------------------------------------------------------
// The stored keyring.

/** Additional data bound to each wrapping, so one cannot stand in for the other. */
const PURPOSE = {
  passphrase: 'resilience-coaching/keyring/v1/passphrase',
  recoveryKey: 'resilience-coaching/keyring/v1/recovery-key',
} as const;
type Purpose = keyof typeof PURPOSE;
const purposeBytes = (purpose: Purpose): Bytes => utf8Encoder.encode(PURPOSE[purpose]);

function newKdf(): Kdf {
  return {
    name: 'PBKDF2',
    hash: 'SHA-256',
    iterations: PBKDF2_ITERATIONS,
    salt: toBase64(randomBytes(SALT_BYTES)),
  };
}

function deriveFrom(secret: string, kdf: Kdf): Promise<CryptoKey> {
  return deriveAesKey(secret, fromBase64(kdf.salt), kdf.iterations);
}

async function wrapDataKey(
  wrappingKey: CryptoKey,
  dataKey: Bytes,
  purpose: Purpose,
): Promise<WrappedKey> {
  const { iv, ciphertext } = await encryptBytes(wrappingKey, dataKey, purposeBytes(purpose));
  return { iv: toBase64(iv), wrapped: toBase64(ciphertext) };
}

/** The data key, or null when the wrapping key is wrong (or the keyring was changed). */
async function unwrapDataKey(
  wrappingKey: CryptoKey,
  box: WrappedKey,
  purpose: Purpose,
): Promise<Bytes | null> {
  try {
    const dataKey = await decryptBytes(
      wrappingKey,
      fromBase64(box.iv),
      fromBase64(box.wrapped),
      purposeBytes(purpose),
    );
    return dataKey.length === DATA_KEY_BYTES ? dataKey : null;
  } catch {
    return null;
  }
}

type Schemas = Awaited<ReturnType<typeof loadSchemas>>;

/**
 * The stored keyring, or null when there is none. Throws when it is damaged. Inside a
 * transaction, pass the schemas loaded beforehand.
 */
async function readKeyring(schemas?: Schemas): Promise<Keyring | null> {
  const { keyringSchema } = schemas ?? (await loadSchemas());
  const row = await getDb().settings.get(KEYRING_KEY);
  if (!row) return null;
  const parsed = keyringSchema.safeParse(row.value);
  if (!parsed.success) {
    throw new KeyringError(
      'The key that protects the records on this device is damaged, so they cannot be opened. Restore them from a backup.',
    );
  }
  return parsed.data;
}

async function requireKeyring(): Promise<Keyring> {
  const keyring = await readKeyring();
  if (!keyring) throw new KeyringError('Encryption is not set up on this device yet.');
  return keyring;
}

/** Stores `next` in place of `expected`, unless another tab changed the keyring meanwhile. */
async function replaceKeyring(expected: Keyring, next: Keyring): Promise<void> {
  const schemas = await loadSchemas();
  const value = schemas.keyringSchema.parse(next);
  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    const current = await readKeyring(schemas);
    if (current?.byPassphrase.wrapped !== expected.byPassphrase.wrapped) {
      throw new KeyringError(
        'The passphrase was changed somewhere else just now. Please try again.',
      );
    }
    await db.settings.put({ key: KEYRING_KEY, value });
    await db.settings.put({ key: ATTEMPTS_KEY, value: NO_ATTEMPTS });
  });
}

/**
 * Removes a keyring just made, when the records could not be encrypted under it (they are
 * all still plain, so nothing needs it). Never call this once any record is encrypted.
 */
export async function removeNewKeyring(made: { createdAt: string }): Promise<void> {
  const schemas = await loadSchemas();
  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    const current = await readKeyring(schemas);
    if (current?.createdAt !== made.createdAt) return;
    await db.settings.bulkDelete([KEYRING_KEY, ATTEMPTS_KEY]);
  });
}

/** True once encryption has been set up on this device (even if the keyring is damaged). */
export async function hasKeyring(): Promise<boolean> {
  return (await getDb().settings.get(KEYRING_KEY)) !== undefined;
}

// ---------------------------------------------------------------------------
// Wrong-attempt throttling.

/** Wrong passphrases in a row, and until when the next try must wait. */
interface Attempts {
  failures: number;
  lockedUntil: string | null;
}

const NO_ATTEMPTS: Attempts = { failures: 0, lockedUntil: null };

/** How long to wait after this many wrong passphrases in a row, in milliseconds. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_TRIES));
}

/**
 * The stored count of wrong tries. Read on the unlock screen as it first paints, so checked
 * here by hand rather than with zod (see loadSchemas); anything else counts as none.
 */
export function toAttempts(value: unknown): Attempts {
  if (typeof value !== 'object' || value === null) return NO_ATTEMPTS;
  const { failures, lockedUntil } = value as Record<string, unknown>;
  if (typeof failures !== 'number' || !Number.isSafeInteger(failures) || failures < 0) {
    return NO_ATTEMPTS;
  }
  if (lockedUntil === null) return { failures, lockedUntil };
  if (typeof lockedUntil !== 'string' || Number.isNaN(Date.parse(lockedUntil))) {
    return NO_ATTEMPTS;
  }
  return { failures, lockedUntil };
}

async function readAttempts(): Promise<Attempts> {
  return toAttempts((await getDb().settings.get(ATTEMPTS_KEY))?.value);
}

/**
 * Milliseconds until a passphrase may be tried again; 0 when it may be tried now. Never more
 * than MAX_WAIT_MS, even if the device's clock was moved back.
 */
export async function unlockWait(now: Date = new Date()): Promise<number> {
  const { lockedUntil } = await readAttempts();
  if (lockedUntil === null) return 0;
  return Math.min(MAX_WAIT_MS, Math.max(0, Date.parse(lockedUntil) - now.getTime()));
}

async function refuseWhileWaiting(now: Date, field: string): Promise<void> {
  const wait = await unlockWait(now);
  if (wait > 0) throw new TooManyAttemptsError(wait, field);
}

/** Counts one more wrong passphrase; returns the wait it now needs (0 for none). */
async function recordFailure(now: Date): Promise<number> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const failures = (await readAttempts()).failures + 1;
    const wait = waitAfterFailures(failures);
    const lockedUntil = wait > 0 ? toInstant(new Date(now.getTime() + wait)) : null;
    await db.settings.put({ key: ATTEMPTS_KEY, value: { failures, lockedUntil } });
    return wait;
  });
}

async function clearFailures(): Promise<void> {
  await getDb().settings.put({ key: ATTEMPTS_KEY, value: NO_ATTEMPTS });
}

/** The data key from a passphrase, counting a wrong one. `field` names it in errors. */
async function openWithPassphrase(
  keyring: Keyring,
  passphrase: string,
  field: string,
  now: Date,
): Promise<Bytes> {
  await refuseWhileWaiting(now, field);
  const wrappingKey = await deriveFrom(passphrase, keyring.kdf);
  const dataKey = await unwrapDataKey(wrappingKey, keyring.byPassphrase, 'passphrase');
  if (!dataKey) throw new WrongPassphraseError(field, await recordFailure(now));
  await clearFailures();
  return dataKey;
}

/** The keyring with the data key wrapped afresh by a new passphrase (new salt and IV). */
async function withNewPassphrase(
  keyring: Keyring,
  dataKey: Bytes,
  passphrase: string,
): Promise<Keyring> {
  const kdf = newKdf();
  const byPassphrase = await wrapDataKey(await deriveFrom(passphrase, kdf), dataKey, 'passphrase');
  return { ...keyring, kdf, byPassphrase };
}

// ---------------------------------------------------------------------------
// What the app calls.

/**
 * Sets up encryption: a random data key, wrapped by the passphrase and by a new recovery
 * key, stored as the keyring. Returns the data key (keep it in memory only: setDataKey) and
 * the recovery key (show it once, for the coach to print or save; it is not stored).
 * Throws a ValidationError keyed `passphrase` for a passphrase under 10 characters, and a
 * KeyringError when encryption is already set up (a second keyring would lock the records
 * out for good).
 */
export async function createKeyring(
  passphrase: string,
  now: Date = new Date(),
): Promise<{ dataKey: Uint8Array; recoveryKey: string; createdAt: string }> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new ValidationError({ passphrase: problem }, problem);
  if (await hasKeyring()) throw new KeyringError('Encryption is already set up on this device.');

  const dataKey = randomBytes(DATA_KEY_BYTES);
  const recoveryKey = generateRecoveryKey();
  const kdf = newKdf();
  const recoveryKdf = newKdf();
  const [passphraseKey, recoveryWrappingKey] = await Promise.all([
    deriveFrom(passphrase, kdf),
    deriveFrom(parseRecoveryKey(recoveryKey), recoveryKdf),
  ]);
  const { keyringSchema } = await loadSchemas();
  const keyring = keyringSchema.parse({
    version: 1,
    kdf,
    byPassphrase: await wrapDataKey(passphraseKey, dataKey, 'passphrase'),
    byRecoveryKey: {
      kdf: recoveryKdf,
      ...(await wrapDataKey(recoveryWrappingKey, dataKey, 'recoveryKey')),
    },
    createdAt: toInstant(now),
  } satisfies Keyring);

  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    if (await db.settings.get(KEYRING_KEY)) {
      throw new KeyringError('Encryption is already set up on this device.');
    }
    await db.settings.put({ key: KEYRING_KEY, value: keyring });
    await db.settings.put({ key: ATTEMPTS_KEY, value: NO_ATTEMPTS });
  });
  return { dataKey, recoveryKey, createdAt: keyring.createdAt };
}

/**
 * The data key from the passphrase. Throws a WrongPassphraseError (keyed `passphrase`) when
 * it is wrong, a TooManyAttemptsError while wrong tries make it wait (the passphrase is not
 * even checked), and a ValidationError when it is empty (not counted as a try).
 */
export async function unlockWithPassphrase(
  passphrase: string,
  now: Date = new Date(),
): Promise<Uint8Array> {
  if (passphrase === '') {
    throw new ValidationError({ passphrase: 'Enter your passphrase.' }, 'Enter your passphrase.');
  }
  const keyring = await requireKeyring();
  return openWithPassphrase(keyring, passphrase, 'passphrase', now);
}

/**
 * For a forgotten passphrase: the data key from the recovery key, which also sets a new
 * passphrase (the data key is wrapped afresh; no record changes) and clears wrong tries.
 * The recovery key keeps working. Throws ValidationErrors keyed `recoveryKey` (empty,
 * mistyped) and `newPassphrase`, and a WrongRecoveryKeyError when it does not fit.
 */
export async function unlockWithRecoveryKey(
  recoveryKey: string,
  newPassphrase: string,
): Promise<Uint8Array> {
  const errors: Record<string, string> = {};
  let canonical = '';
  try {
    canonical = parseRecoveryKey(recoveryKey);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.fieldErrors);
  }
  const problem = passphraseProblem(newPassphrase);
  if (problem) errors.newPassphrase = problem;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const keyring = await requireKeyring();
  const { kdf, ...box } = keyring.byRecoveryKey;
  const dataKey = await unwrapDataKey(await deriveFrom(canonical, kdf), box, 'recoveryKey');
  if (!dataKey) throw new WrongRecoveryKeyError();
  await replaceKeyring(keyring, await withNewPassphrase(keyring, dataKey, newPassphrase));
  return dataKey;
}

/**
 * Changes the passphrase: the data key is wrapped afresh by the new one (no record is
 * re-encrypted) and the old one stops working. A wrong current passphrase counts as a wrong
 * try. Throws ValidationErrors keyed `currentPassphrase` and `newPassphrase`.
 */
export async function changePassphrase(
  currentPassphrase: string,
  newPassphrase: string,
  now: Date = new Date(),
): Promise<void> {
  const errors: Record<string, string> = {};
  if (currentPassphrase === '') errors.currentPassphrase = 'Enter your current passphrase.';
  const problem = passphraseProblem(newPassphrase);
  if (problem) errors.newPassphrase = problem;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const keyring = await requireKeyring();
  const dataKey = await openWithPassphrase(keyring, currentPassphrase, 'currentPassphrase', now);
  try {
    await replaceKeyring(keyring, await withNewPassphrase(keyring, dataKey, newPassphrase));
  } finally {
    dataKey.fill(0);
  }
}
