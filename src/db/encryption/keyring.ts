/**
 * The keyring: how the data key (which encrypts the records, see ./middleware.ts) is kept.
 * The data key is random and is never stored as it is: only wrapped (AES-GCM) by a key
 * derived from the coach's passphrase, and again by a key derived from a recovery key
 * (./recovery-key.ts) that the coach prints or saves. Kept in the settings table under
 * `keyring`:
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
 * Wrong passphrases are counted, and make the next try wait (./unlock-attempts.ts).
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
import type { Keyring, Kdf, WrappedKey } from './lock-schemas';
import { isKeyringStored } from './lock-settings';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';
import {
  NO_ATTEMPTS,
  clearFailures,
  describeWait,
  recordFailure,
  refuseWhileWaiting,
} from './unlock-attempts';
import { KEYRING_KEY, UNLOCK_ATTEMPTS_KEY } from '../settings-keys';
export type { Keyring } from './lock-schemas';

/**
 * The keyring's zod schemas (and with them zod), loaded when a keyring is first read or
 * written: the unlock screen, the first screen of every coach with records, paints without
 * them (issue 7's first-screen budget). Never awaited inside a transaction.
 */
const loadSchemas = () => import('./lock-schemas');

const SALT_BYTES = 16;

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

/** No keyring, or a damaged one, or one already there when a new one was asked for. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
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
    await db.settings.put({ key: UNLOCK_ATTEMPTS_KEY, value: NO_ATTEMPTS });
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
    await db.settings.bulkDelete([KEYRING_KEY, UNLOCK_ATTEMPTS_KEY]);
  });
}

// ---------------------------------------------------------------------------
// Passphrases.

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
  if (await isKeyringStored())
    throw new KeyringError('Encryption is already set up on this device.');

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
    await db.settings.put({ key: UNLOCK_ATTEMPTS_KEY, value: NO_ATTEMPTS });
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
