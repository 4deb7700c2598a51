/**
 * Small WebCrypto helpers (globalThis.crypto.subtle, in every browser the app supports and in
 * Node 20): random bytes, base64, a key derived from a passphrase (PBKDF2-SHA-256) and
 * AES-GCM encryption of text. Used for passphrase-protected backups, and meant for
 * encryption at rest later.
 */

/** PBKDF2-SHA-256 iterations for a key from a passphrase (OWASP's figure for 2023 onwards). */
export const PBKDF2_ITERATIONS = 600_000;

/**
 * More PBKDF2 iterations than this would keep the device busy for minutes: a keyring or a
 * protected backup asking for more is refused.
 */
export const MAX_KDF_ITERATIONS = 10_000_000;

/** Bytes of a fresh AES-GCM nonce. */
export const AES_GCM_IV_BYTES = 12;

/** Thrown when text cannot be decrypted: the wrong key, or data changed since it was encrypted. */
export class DecryptError extends Error {
  constructor(message = 'This could not be decrypted: the key is wrong or the data was changed.') {
    super(message);
    this.name = 'DecryptError';
  }
}

/** Bytes read or written by WebCrypto (always backed by a plain ArrayBuffer). */
export type Bytes = Uint8Array<ArrayBuffer>;

/** Text to UTF-8 bytes; one for the app (encoding keeps no state between calls). */
export const utf8Encoder = new TextEncoder();

/**
 * UTF-8 bytes to text, strictly: bytes that are not UTF-8 throw rather than become U+FFFD,
 * and a leading byte order mark is kept as text. One for the app: each decode is a whole
 * text (never `stream: true`), so nothing carries over between calls.
 */
export const strictUtf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new Error('This browser cannot encrypt: it has no Web Crypto support.');
  return api;
}

/** `n` bytes from the platform's secure random source. */
export function randomBytes(n: number): Bytes {
  const bytes = new Uint8Array(n);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let start = 0; start < n; start += 65_536) {
    globalThis.crypto.getRandomValues(bytes.subarray(start, Math.min(n, start + 65_536)));
  }
  return bytes;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);
/** Each base64 character's 6-bit value, by character code; -1 for anything else. */
const VALUES = new Int16Array(128).fill(-1);
CODES.forEach((code, value) => {
  VALUES[code] = value;
});

/** Bytes encoded per piece (a multiple of 3): about 4 MB of text at a time. */
const CHUNK = 3 * 1024 * 1024;

/**
 * Standard base64 (with padding). Encodes in pieces with a lookup table and TextDecoder,
 * rather than btoa or String.fromCharCode on huge strings, so 100 MB neither overflows the
 * stack nor takes minutes.
 */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const out = new Uint8Array(Math.ceil((end - start) / 3) * 4);
    let o = 0;
    for (let i = start; i < end; i += 3) {
      const b0 = bytes[i] ?? 0;
      const b1 = i + 1 < end ? (bytes[i + 1] ?? 0) : 0;
      const b2 = i + 2 < end ? (bytes[i + 2] ?? 0) : 0;
      out[o++] = CODES[b0 >> 2] ?? PAD;
      out[o++] = CODES[((b0 & 3) << 4) | (b1 >> 4)] ?? PAD;
      out[o++] = i + 1 < end ? (CODES[((b1 & 15) << 2) | (b2 >> 6)] ?? PAD) : PAD;
      out[o++] = i + 2 < end ? (CODES[b2 & 63] ?? PAD) : PAD;
    }
    // Base64 characters are ASCII, which is UTF-8.
    parts.push(strictUtf8Decoder.decode(out));
  }
  return parts.join('');
}

const NOT_BASE64 = 'This is not base64 text.';

/** The browser's own decoder (Chromium 140+, Firefox 133+, Safari 18.2+), where there is one. */
const nativeFromBase64 = (
  Uint8Array as unknown as {
    fromBase64?: (text: string, options: { lastChunkHandling: 'strict' }) => Bytes;
  }
).fromBase64?.bind(Uint8Array);

/**
 * The bytes of standard base64 text (with padding). Throws on anything else. Uses the
 * browser's own decoder where there is one (the service report opens tens of thousands of
 * sealed records), with the same strict rules as the code below.
 */
export function fromBase64(text: string): Bytes {
  if (typeof text !== 'string' || text.length % 4 !== 0) throw new Error(NOT_BASE64);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (nativeFromBase64) {
    let bytes: Bytes;
    try {
      bytes = nativeFromBase64(text, { lastChunkHandling: 'strict' });
    } catch {
      throw new Error(NOT_BASE64);
    }
    // The native decoder skips ASCII white space; any would leave fewer bytes than this.
    if (bytes.length !== (text.length / 4) * 3 - padding) throw new Error(NOT_BASE64);
    return bytes;
  }
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  const body = text.length - padding;
  let o = 0;
  let buffer = 0;
  for (let i = 0; i < body; i += 1) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (value < 0) throw new Error(NOT_BASE64);
    buffer = (buffer << 6) | value;
    if ((i & 3) === 3) {
      bytes[o++] = (buffer >> 16) & 255;
      bytes[o++] = (buffer >> 8) & 255;
      bytes[o++] = buffer & 255;
      buffer = 0;
    }
  }
  // The last group, when padded: 2 or 3 characters carry 1 or 2 bytes.
  const rest = body & 3;
  if (rest === 2) {
    if ((buffer & 15) !== 0) throw new Error(NOT_BASE64);
    bytes[o++] = (buffer >> 4) & 255;
  } else if (rest === 3) {
    if ((buffer & 3) !== 0) throw new Error(NOT_BASE64);
    bytes[o++] = (buffer >> 10) & 255;
    bytes[o++] = (buffer >> 2) & 255;
  } else if (rest === 1) {
    throw new Error(NOT_BASE64);
  }
  return bytes;
}

/**
 * An AES-GCM 256-bit key derived from a passphrase with PBKDF2-SHA-256. The passphrase is
 * NFC-normalised first, so the same words typed on another device give the same key. The
 * key cannot be exported.
 */
export async function deriveAesKey(
  passphrase: string,
  salt: Bytes,
  iterations: number,
): Promise<CryptoKey> {
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new Error('The number of key derivation iterations must be a positive whole number.');
  }
  const material = await subtle().importKey(
    'raw',
    utf8Encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Encrypts bytes with AES-GCM under a fresh random 12-byte IV. `additionalData`, when given,
 * is bound to the result: decrypting needs the same.
 */
export async function encryptBytes(
  key: CryptoKey,
  bytes: Bytes,
  additionalData?: Bytes,
): Promise<{ iv: Bytes; ciphertext: Bytes }> {
  const iv = randomBytes(AES_GCM_IV_BYTES);
  const params: AesGcmParams = additionalData
    ? { name: 'AES-GCM', iv, additionalData }
    : { name: 'AES-GCM', iv };
  const encrypted = await subtle().encrypt(params, key, bytes);
  return { iv, ciphertext: new Uint8Array(encrypted) };
}

/**
 * Decrypts bytes written by encryptBytes. Throws a DecryptError when the key or the
 * additional data is wrong, or the IV or ciphertext were changed (AES-GCM's tag does not match).
 */
export async function decryptBytes(
  key: CryptoKey,
  iv: Bytes,
  ciphertext: Bytes,
  additionalData?: Bytes,
): Promise<Bytes> {
  const params: AesGcmParams = additionalData
    ? { name: 'AES-GCM', iv, additionalData }
    : { name: 'AES-GCM', iv };
  try {
    return new Uint8Array(await subtle().decrypt(params, key, ciphertext));
  } catch {
    throw new DecryptError();
  }
}

/** Encrypts UTF-8 text with AES-GCM under a fresh random 12-byte IV. */
export function encryptText(
  key: CryptoKey,
  text: string,
): Promise<{ iv: Bytes; ciphertext: Bytes }> {
  return encryptBytes(key, utf8Encoder.encode(text));
}

/**
 * Decrypts text written by encryptText. Throws a DecryptError when the key is wrong or the
 * IV or ciphertext were changed (AES-GCM's tag does not match).
 */
export async function decryptText(key: CryptoKey, iv: Bytes, ciphertext: Bytes): Promise<string> {
  const plain = await decryptBytes(key, iv, ciphertext);
  try {
    return strictUtf8Decoder.decode(plain);
  } catch {
    throw new DecryptError('The decrypted data is not text.');
  }
}
