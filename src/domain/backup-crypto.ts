/**
 * Passphrase-protected backups: the backup file's JSON text encrypted with AES-GCM under a
 * key derived from the passphrase (PBKDF2-SHA-256), in an envelope of its own:
 *
 *   { "format": "resilience-coaching-backup-encrypted", "version": 1,
 *     "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": "<base64>" },
 *     "cipher": { "name": "AES-GCM", "iv": "<base64>" },
 *     "ciphertext": "<base64>" }
 *
 * The envelope says nothing about what is inside (no names, dates or counts).
 */
import {
  AES_GCM_IV_BYTES,
  DecryptError,
  MAX_KDF_ITERATIONS,
  PBKDF2_ITERATIONS,
  decryptText,
  deriveAesKey,
  encryptText,
  fromBase64,
  randomBytes,
  toBase64,
  type Bytes,
} from '../lib/crypto';
import { isObject, own } from '../lib/objects';
import { passphraseProblem } from './passphrase';

export const ENCRYPTED_BACKUP_FORMAT = 'resilience-coaching-backup-encrypted';
export const ENCRYPTED_BACKUP_VERSION = 1;

/**
 * Fewer iterations than this make a weak key: a file asking for fewer is refused. Fixed
 * (not PBKDF2_ITERATIONS), so files made today still open if the default is raised.
 */
export const MIN_KDF_ITERATIONS = 600_000;

const SALT_BYTES = 16;

/** The passphrase does not open this backup (or the file was changed after it was made). */
export class WrongPassphraseError extends Error {
  constructor() {
    super('That passphrase does not open this backup.');
    this.name = 'WrongPassphraseError';
  }
}

/** The file says it is a protected backup, but its envelope is damaged or unknown. */
export class EncryptedBackupFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptedBackupFormatError';
  }
}

/** A protected backup's text (JSON) from a backup file's JSON text. */
export async function encryptBackup(
  json: string,
  passphrase: string,
  iterations: number = PBKDF2_ITERATIONS,
): Promise<string> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new Error(problem);
  if (!Number.isSafeInteger(iterations) || iterations < MIN_KDF_ITERATIONS) {
    throw new Error(`A protected backup needs at least ${MIN_KDF_ITERATIONS} iterations.`);
  }
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveAesKey(passphrase, salt, iterations);
  const { iv, ciphertext } = await encryptText(key, json);
  return JSON.stringify({
    format: ENCRYPTED_BACKUP_FORMAT,
    version: ENCRYPTED_BACKUP_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    ciphertext: toBase64(ciphertext),
  });
}

/** A protected file's name says so: "…-1405.json" becomes "…-1405-protected.json". */
export function protectedFileName(fileName: string): string {
  return fileName.replace(/(\.json)?$/, '-protected.json');
}

/**
 * A JSON file as the app writes it: its name and text, protected with the passphrase (as a
 * protected backup, whatever the file holds), or as it is when the passphrase is null.
 */
export async function protectFile(
  fileName: string,
  json: string,
  passphrase: string | null,
): Promise<{ fileName: string; text: string }> {
  if (passphrase === null) return { fileName, text: json };
  return { fileName: protectedFileName(fileName), text: await encryptBackup(json, passphrase) };
}

/** True when a parsed file says it is a passphrase-protected backup. */
export function isEncryptedBackup(value: unknown): boolean {
  return isObject(value) && own(value, 'format') === ENCRYPTED_BACKUP_FORMAT;
}

const damaged = (what: string) =>
  new EncryptedBackupFormatError(`This protected backup is damaged: ${what}`);

function base64Field(value: unknown, what: string): Bytes {
  if (typeof value !== 'string') throw damaged(`its ${what} is missing.`);
  try {
    return fromBase64(value);
  } catch {
    throw damaged(`its ${what} is not readable.`);
  }
}

interface Envelope {
  iterations: number;
  salt: Bytes;
  iv: Bytes;
  ciphertext: Bytes;
}

function readEnvelope(value: unknown): Envelope {
  if (!isEncryptedBackup(value) || !isObject(value)) {
    throw new EncryptedBackupFormatError('This is not a protected Resilience coaching backup.');
  }
  const version = own(value, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw damaged('it has no valid version number.');
  }
  if (version > ENCRYPTED_BACKUP_VERSION) {
    throw new EncryptedBackupFormatError(
      `This protected backup was made by a newer version of the app (protected backup version ${version}). This app reads version ${ENCRYPTED_BACKUP_VERSION}.`,
    );
  }
  const kdf = own(value, 'kdf');
  const cipher = own(value, 'cipher');
  if (!isObject(kdf) || own(kdf, 'name') !== 'PBKDF2' || own(kdf, 'hash') !== 'SHA-256') {
    throw damaged('it does not use PBKDF2 with SHA-256 to make its key.');
  }
  if (!isObject(cipher) || own(cipher, 'name') !== 'AES-GCM') {
    throw damaged('it is not encrypted with AES-GCM.');
  }
  const iterations = own(kdf, 'iterations');
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations)) {
    throw damaged('its number of iterations is missing.');
  }
  if (iterations < MIN_KDF_ITERATIONS || iterations > MAX_KDF_ITERATIONS) {
    throw damaged(
      `it asks for ${iterations} iterations; this app accepts from ${MIN_KDF_ITERATIONS} to ${MAX_KDF_ITERATIONS}.`,
    );
  }
  const salt = base64Field(own(kdf, 'salt'), 'salt');
  if (salt.length < SALT_BYTES || salt.length > 64) throw damaged('its salt has the wrong length.');
  const iv = base64Field(own(cipher, 'iv'), 'iv');
  if (iv.length !== AES_GCM_IV_BYTES) throw damaged('its iv has the wrong length.');
  const ciphertext = base64Field(own(value, 'ciphertext'), 'ciphertext');
  // AES-GCM adds a 16-byte tag to every ciphertext.
  if (ciphertext.length < 16) throw damaged('its ciphertext is too short.');
  return { iterations, salt, iv, ciphertext };
}

/**
 * The backup file's JSON text inside a protected backup (the parsed JSON of the file).
 * Throws a WrongPassphraseError when the passphrase does not open it, and an
 * EncryptedBackupFormatError when the envelope is damaged, unknown or asks for a key
 * derivation outside 600,000 to 10,000,000 iterations.
 */
export async function decryptBackup(value: unknown, passphrase: string): Promise<string> {
  const { iterations, salt, iv, ciphertext } = readEnvelope(value);
  const key = await deriveAesKey(passphrase, salt, iterations);
  try {
    return await decryptText(key, iv, ciphertext);
  } catch (error) {
    if (error instanceof DecryptError) throw new WrongPassphraseError();
    throw error;
  }
}
