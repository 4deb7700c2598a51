/**
 * Sealed text, the second format of a stored value: "enc:v2:" then base64 of the 12-byte IV,
 * the ciphertext and its 16-byte tag. The text is padded before it is encrypted
 * (../../lib/padding.ts) so its length says little, and encrypted with AES-256-GCM under the
 * data key (./fast-gcm.ts), with the caller's context bound to it as associated data.
 * Loaded with the cipher when the app is unlocked (./seal-kit.ts), not with the first screen.
 */
import {
  AES_GCM_IV_BYTES,
  fromBase64,
  randomBytes,
  strictUtf8Decoder,
  toBase64,
  utf8Encoder,
} from '../../lib/crypto';
import { PaddingError, pad, unpad } from '../../lib/padding';
import { gcmDecrypt, gcmEncrypt, isFastGcmLoaded } from './fast-gcm';
import { FieldDecryptError, TAG_BYTES, checkKey } from './field-crypto';
import { LockedError } from './session-key';

/** Values of the second format: padded before encryption (see ../../lib/padding.ts). */
export const SEALED_PREFIX = 'enc:v2:';

/** True for a value written by sealText (it may still fail to open). */
export function isSealedText(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

/**
 * Text sealed under `key`: padded (so its length says little), encrypted with AES-256-GCM and
 * a fresh IV, with `context` bound to it as associated data. "enc:v2:" then base64 of the IV,
 * the ciphertext and its tag.
 */
export function sealText(key: Uint8Array, value: string, context: string): string {
  checkKey(key);
  if (!isFastGcmLoaded()) throw new LockedError();
  if (typeof value !== 'string') throw new TypeError('Only text can be encrypted.');
  const iv = randomBytes(AES_GCM_IV_BYTES);
  const sealed = gcmEncrypt(key, iv, utf8Encoder.encode(context), pad(utf8Encoder.encode(value)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv, 0);
  out.set(sealed, iv.length);
  return SEALED_PREFIX + toBase64(out);
}

/** The UTF-8 of a context while a value is opened, reused (the service report opens many). */
let contextBytes = new Uint8Array(256);

/** Writes `context` as UTF-8 into contextBytes (grown when needed); returns its length. */
function encodeContext(context: string): number {
  // A UTF-16 code unit is at most 3 bytes of UTF-8.
  if (context.length * 3 > contextBytes.length) contextBytes = new Uint8Array(context.length * 3);
  return utf8Encoder.encodeInto(context, contextBytes).written;
}

/**
 * The text inside a value written by sealText with the same key and context. Throws a
 * FieldDecryptError when it is not such a value, the key or context is wrong, or any
 * character of it (or its padding) was changed.
 */
export function openSealedText(key: Uint8Array, stored: string, context: string): string {
  checkKey(key);
  if (!isSealedText(stored)) throw new FieldDecryptError('This value is not sealed.');
  if (!isFastGcmLoaded()) throw new LockedError();
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(stored.slice(SEALED_PREFIX.length));
  } catch {
    throw new FieldDecryptError();
  }
  if (bytes.length < AES_GCM_IV_BYTES + TAG_BYTES) throw new FieldDecryptError();
  let padded: Uint8Array;
  try {
    const aadLength = encodeContext(context);
    padded = gcmDecrypt(
      key,
      bytes.subarray(0, AES_GCM_IV_BYTES),
      contextBytes,
      bytes.subarray(AES_GCM_IV_BYTES),
      aadLength,
    );
  } catch {
    throw new FieldDecryptError();
  }
  try {
    return strictUtf8Decoder.decode(unpad(padded));
  } catch (error) {
    if (error instanceof PaddingError) throw new FieldDecryptError(error.message);
    throw new FieldDecryptError('A stored value decrypted to something that is not text.');
  }
}
