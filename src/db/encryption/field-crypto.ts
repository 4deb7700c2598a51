/**
 * Encrypting one stored value (AES-256-GCM, synchronous through @noble/ciphers, so it can run
 * inside an IndexedDB transaction without letting it commit early).
 *
 * A stored value describes itself: "enc:v2:" (./sealed-text.ts) or "enc:v1:" (encryptField,
 * the first format, still read) then base64 of the 12-byte IV followed by the
 * ciphertext and its 16-byte tag. Every value gets a fresh random IV. An optional context
 * (such as "goals/<id>/text") is bound to the value as additional authenticated data: the
 * value then decrypts only in that place, so ciphertext moved to another record or field is
 * refused like a tampered one.
 *
 * The cipher's code is loaded by loadFieldCipher() when the app is unlocked (or encryption
 * is first set up), not with the first screen: nothing is encrypted or decrypted before a
 * data key is there (issue 7's first-screen budget).
 */
import type { gcm as Gcm } from '@noble/ciphers/aes.js';
import {
  AES_GCM_IV_BYTES,
  fromBase64,
  randomBytes,
  strictUtf8Decoder,
  toBase64,
  utf8Encoder,
} from '../../lib/crypto';
import { DATA_KEY_BYTES, LockedError } from './session-key';

/** Values of the first format (one field each, not padded): read only, on devices not yet resealed. */
export const ENCRYPTED_FIELD_PREFIX = 'enc:v1:';

export const TAG_BYTES = 16;

let gcm: typeof Gcm | null = null;

/** Loads the cipher's code; call (and wait) before the first data key is set. */
export async function loadFieldCipher(): Promise<void> {
  gcm ??= (await import('@noble/ciphers/aes.js')).gcm;
}

/** The cipher, for a data key; without its code loaded the app counts as locked. */
function cipher(key: Uint8Array, iv: Uint8Array, context: string) {
  if (!gcm) throw new LockedError();
  return gcm(key, iv, additionalData(context));
}

/** Thrown when a stored value cannot be decrypted: the wrong key, or it was changed or moved. */
export class FieldDecryptError extends Error {
  constructor(
    message = 'A stored value could not be decrypted: the key is wrong or the value was changed.',
  ) {
    super(message);
    this.name = 'FieldDecryptError';
  }
}

export function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== DATA_KEY_BYTES) {
    throw new Error(`A data key is ${DATA_KEY_BYTES} bytes.`);
  }
  // A key wiped by lock() is all zeros: refuse it rather than encrypt under a known key.
  if (key.every((byte) => byte === 0)) throw new LockedError();
}

function additionalData(context: string): Uint8Array | undefined {
  return context === '' ? undefined : utf8Encoder.encode(context);
}

/** True for a value written by encryptField (it may still fail to decrypt). */
export function isEncryptedField(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(ENCRYPTED_FIELD_PREFIX);
}

function encryptBytes(key: Uint8Array, plain: Uint8Array, context: string, prefix: string): string {
  const iv = randomBytes(AES_GCM_IV_BYTES);
  const sealed = cipher(key, iv, context).encrypt(plain);
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv, 0);
  out.set(sealed, iv.length);
  return prefix + toBase64(out);
}

function decryptBytes(
  key: Uint8Array,
  stored: string,
  context: string,
  prefix: string,
): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(stored.slice(prefix.length));
  } catch {
    throw new FieldDecryptError();
  }
  if (bytes.length < AES_GCM_IV_BYTES + TAG_BYTES) throw new FieldDecryptError();
  try {
    return cipher(key, bytes.subarray(0, AES_GCM_IV_BYTES), context).decrypt(
      bytes.subarray(AES_GCM_IV_BYTES),
    );
  } catch {
    throw new FieldDecryptError();
  }
}

/**
 * The stored form of `value` in the first format ("enc:v1:", not padded), encrypted under
 * `key` with a fresh IV. Only tests write this format now (to stand for a device encrypted
 * before records were sealed); the app writes sealText.
 */
export function encryptField(key: Uint8Array, value: string, context = ''): string {
  checkKey(key);
  if (typeof value !== 'string') throw new TypeError('Only text can be encrypted.');
  return encryptBytes(key, utf8Encoder.encode(value), context, ENCRYPTED_FIELD_PREFIX);
}

/**
 * The text inside a value written by encryptField with the same key and context. Throws a
 * FieldDecryptError when it is not such a value, or the key or context is wrong, or any
 * character of it was changed.
 */
export function decryptField(key: Uint8Array, stored: string, context = ''): string {
  checkKey(key);
  if (!isEncryptedField(stored)) throw new FieldDecryptError('This value is not encrypted.');
  const plain = decryptBytes(key, stored, context, ENCRYPTED_FIELD_PREFIX);
  try {
    return strictUtf8Decoder.decode(plain);
  } catch {
    throw new FieldDecryptError('A stored value decrypted to something that is not text.');
  }
}
