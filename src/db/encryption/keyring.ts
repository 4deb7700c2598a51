/**
 * The keyring: how the data key (which encrypts the records, see ./middleware.ts) is kept.
 * The data key is random and is never stored as it is: only wrapped (AES-GCM) by a key
 * derived from the coach's passphrase, and again by a key derived from a recovery key
 * (./recovery-key.ts) that the coach prints or saves. Kept in the settings table under
 * `keyring`:
 *
 *   { version: 2,
 *     kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt },
 *     byPassphrase: { iv, wrapped },
 *     byRecoveryKey: { kdf: { name, hash, iterations, salt }, iv, wrapped },
 *     createdAt }                                    (salt, iv and wrapped in base64)
 *
 * Each wrapping is bound to its purpose by AES-GCM's associated data,
 * `resilience-coaching/keyring/v2/passphrase` or `.../v2/recovery-key` (version 1, the
 * first format, used `.../v1/...`: still read; a version 1 keyring keeps that form when its
 * passphrase is changed, and becomes version 2 once its recovery key is renewed, since only
 * then are both wrappings made afresh).
 *
 * Keys can be renewed (issue 13): a recovery key used to recover is replaced by a new one
 * (the old stops working), the coach can make a new recovery key at any time, and the data
 * key itself can be changed (./reseal.ts reseals every record under it).
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
  passphrase: 'passphrase',
  recoveryKey: 'recovery-key',
} as const;
type Purpose = keyof typeof PURPOSE;
type KeyringVersion = Keyring['version'];
/** The keyring version every new keyring (and every renewed one) has. */
export const KEYRING_VERSION = 2;
const purposeBytes = (purpose: Purpose, version: KeyringVersion): Bytes =>
  utf8Encoder.encode(`resilience-coaching/keyring/v${version}/${PURPOSE[purpose]}`);

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
  version: KeyringVersion,
): Promise<WrappedKey> {
  const { iv, ciphertext } = await encryptBytes(
    wrappingKey,
    dataKey,
    purposeBytes(purpose, version),
  );
  return { iv: toBase64(iv), wrapped: toBase64(ciphertext) };
}

/** The data key, or null when the wrapping key is wrong (or the keyring was changed). */
async function unwrapDataKey(
  wrappingKey: CryptoKey,
  box: WrappedKey,
  purpose: Purpose,
  version: KeyringVersion,
): Promise<Bytes | null> {
  try {
    const dataKey = await decryptBytes(
      wrappingKey,
      fromBase64(box.iv),
      fromBase64(box.wrapped),
      purposeBytes(purpose, version),
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

export async function requireKeyring(): Promise<Keyring> {
  const keyring = await readKeyring();
  if (!keyring) throw new KeyringError('Encryption is not set up on this device yet.');
  return keyring;
}

/**
 * A function that stores `next` in place of `expected`, unless another tab changed the
 * keyring meanwhile: run it inside a transaction over the settings (with other writes that
 * must happen with it), or on its own.
 */
export async function keyringReplacer(
  expected: Keyring,
  next: Keyring,
): Promise<() => Promise<void>> {
  const schemas = await loadSchemas();
  const value = schemas.keyringSchema.parse(next);
  const db = getDb();
  return () =>
    db.transaction('rw', db.settings, async () => {
      const current = await readKeyring(schemas);
      if (
        current?.byPassphrase.wrapped !== expected.byPassphrase.wrapped ||
        current.byRecoveryKey.wrapped !== expected.byRecoveryKey.wrapped
      ) {
        throw new KeyringError(
          'The passphrase or the keys were changed somewhere else just now. Please try again.',
        );
      }
      await db.settings.put({ key: KEYRING_KEY, value });
      await db.settings.put({ key: UNLOCK_ATTEMPTS_KEY, value: NO_ATTEMPTS });
    });
}

/** Stores `next` in place of `expected`, unless another tab changed the keyring meanwhile. */
async function replaceKeyring(expected: Keyring, next: Keyring): Promise<void> {
  await (
    await keyringReplacer(expected, next)
  )();
}

// ---------------------------------------------------------------------------
// Passphrases.

/** The data key from a passphrase, counting a wrong one. `field` names it in errors. */
export async function openWithPassphrase(
  keyring: Keyring,
  passphrase: string,
  field: string,
  now: Date,
): Promise<Bytes> {
  await refuseWhileWaiting(now, field);
  const wrappingKey = await deriveFrom(passphrase, keyring.kdf);
  const dataKey = await unwrapDataKey(
    wrappingKey,
    keyring.byPassphrase,
    'passphrase',
    keyring.version,
  );
  if (!dataKey) throw new WrongPassphraseError(field, await recordFailure(now));
  await clearFailures();
  return dataKey;
}

/**
 * The keyring with the data key wrapped afresh by a new passphrase (new salt and IV), in the
 * keyring's own version (its recovery key's wrapping is left as it is).
 */
async function withNewPassphrase(
  keyring: Keyring,
  dataKey: Bytes,
  passphrase: string,
): Promise<Keyring> {
  const kdf = newKdf();
  const wrappingKey = await deriveFrom(passphrase, kdf);
  const byPassphrase = await wrapDataKey(wrappingKey, dataKey, 'passphrase', keyring.version);
  return { ...keyring, kdf, byPassphrase };
}

/**
 * A whole new keyring (version 2) for `dataKey`: wrapped by `passphrase` and by a new
 * recovery key, both with new salts. Returns it with the recovery key (to show once).
 */
export async function freshKeyring(
  dataKey: Bytes,
  passphrase: string,
  createdAt: string,
): Promise<{ keyring: Keyring; recoveryKey: string }> {
  const recoveryKey = generateRecoveryKey();
  const kdf = newKdf();
  const recoveryKdf = newKdf();
  const [passphraseKey, recoveryWrappingKey] = await Promise.all([
    deriveFrom(passphrase, kdf),
    deriveFrom(parseRecoveryKey(recoveryKey), recoveryKdf),
  ]);
  const { keyringSchema } = await loadSchemas();
  const keyring = keyringSchema.parse({
    version: KEYRING_VERSION,
    kdf,
    byPassphrase: await wrapDataKey(passphraseKey, dataKey, 'passphrase', KEYRING_VERSION),
    byRecoveryKey: {
      kdf: recoveryKdf,
      ...(await wrapDataKey(recoveryWrappingKey, dataKey, 'recoveryKey', KEYRING_VERSION)),
    },
    createdAt,
  } satisfies Keyring);
  return { keyring, recoveryKey };
}

// ---------------------------------------------------------------------------
// What the app calls.

/** A keyring made and not yet stored (see createKeyring). */
export interface NewKeyring {
  dataKey: Uint8Array;
  recoveryKey: string;
  createdAt: string;
  /** Stores the keyring: run inside a transaction over the settings (or on its own). */
  store: () => Promise<void>;
}

/**
 * Makes what setting up encryption stores: a random data key, wrapped by the passphrase and
 * by a new recovery key, as the keyring. Returns the data key (keep it in memory only:
 * setDataKey), the recovery key (show it once, for the coach to print or save; it is not
 * stored) and `store`, which stores the keyring, to run in the same transaction as sealing
 * the records already there (./reseal.ts). Throws a ValidationError keyed `passphrase` for a
 * passphrase under 10 characters, and a KeyringError when encryption is already set up (a
 * second keyring would lock the records out for good); `store` throws it too.
 */
export async function prepareKeyring(
  passphrase: string,
  now: Date = new Date(),
): Promise<NewKeyring> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new ValidationError({ passphrase: problem }, problem);
  if (await isKeyringStored())
    throw new KeyringError('Encryption is already set up on this device.');

  const dataKey = randomBytes(DATA_KEY_BYTES);
  const { keyring, recoveryKey } = await freshKeyring(dataKey, passphrase, toInstant(now));
  const db = getDb();
  const store = () =>
    db.transaction('rw', db.settings, async () => {
      if (await db.settings.get(KEYRING_KEY)) {
        throw new KeyringError('Encryption is already set up on this device.');
      }
      await db.settings.put({ key: KEYRING_KEY, value: keyring });
      await db.settings.put({ key: UNLOCK_ATTEMPTS_KEY, value: NO_ATTEMPTS });
    });
  return { dataKey, recoveryKey, createdAt: keyring.createdAt, store };
}

/**
 * prepareKeyring, and the keyring stored at once (for a device with nothing to seal).
 * Returns the data key and the recovery key (show it once).
 */
export async function createKeyring(
  passphrase: string,
  now: Date = new Date(),
): Promise<{ dataKey: Uint8Array; recoveryKey: string; createdAt: string }> {
  const made = await prepareKeyring(passphrase, now);
  await made.store();
  return { dataKey: made.dataKey, recoveryKey: made.recoveryKey, createdAt: made.createdAt };
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
 * passphrase and issues a new recovery key (the data key is wrapped afresh by both; no
 * record changes) and clears wrong tries. The recovery key used stops working: return the
 * new one to show once. Throws ValidationErrors keyed `recoveryKey` (empty, mistyped) and
 * `newPassphrase`, and a WrongRecoveryKeyError when it does not fit.
 */
export async function unlockWithRecoveryKey(
  recoveryKey: string,
  newPassphrase: string,
): Promise<{ dataKey: Uint8Array; recoveryKey: string; wasVersion: Keyring['version'] }> {
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
  const { kdf, version, ...box } = keyring.byRecoveryKey;
  const wrappingKey = await deriveFrom(canonical, kdf);
  const dataKey = await unwrapDataKey(wrappingKey, box, 'recoveryKey', version ?? keyring.version);
  if (!dataKey) throw new WrongRecoveryKeyError();
  const fresh = await freshKeyring(dataKey, newPassphrase, keyring.createdAt);
  await replaceKeyring(keyring, fresh.keyring);
  return { dataKey, recoveryKey: fresh.recoveryKey, wasVersion: keyring.version };
}

/** The stored keyring's version (its passphrase wrapping's), or null without one. */
export async function storedKeyringVersion(): Promise<Keyring['version'] | null> {
  return (await readKeyring())?.version ?? null;
}

/**
 * After a device encrypted in the first format has been resealed: the passphrase's wrapping
 * moves to version 2 (the recovery key's stays version 1, marked so, until it is renewed). From
 * then on the keyring says the device is past the first format, which no one can undo without
 * the passphrase (a wrapping relabelled version 1 no longer opens).
 */
export async function upgradePassphraseWrapping(
  passphrase: string,
  dataKey: Uint8Array,
): Promise<void> {
  const keyring = await requireKeyring();
  if (keyring.version !== 1) return;
  const kdf = newKdf();
  const wrappingKey = await deriveFrom(passphrase, kdf);
  const byPassphrase = await wrapDataKey(wrappingKey, dataKey as Bytes, 'passphrase', 2);
  await replaceKeyring(keyring, {
    ...keyring,
    version: 2,
    kdf,
    byPassphrase,
    byRecoveryKey: { ...keyring.byRecoveryKey, version: 1 },
  });
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
