/**
 * Padding a value before it is encrypted, so that the length of its ciphertext tells little
 * about what it holds: AES-GCM's ciphertext is exactly as long as its plaintext, so without
 * padding "Self-Harm Support" (17 bytes) could be told from its neighbours by length alone.
 *
 * ISO/IEC 7816-4 padding: one 0x80 byte, then zero bytes, up to the padded length. The padded
 * length is the next multiple of 32 bytes up to 128, then the next power of two (256, 512,
 * 1,024, ...), so short values fall into a few sizes and long notes give away only roughly
 * how long they are. There is always at least the 0x80 byte, so unpadding is unambiguous.
 */

/** Values up to this many bytes are padded to a multiple of STEP. */
const STEP = 32;
const STEPPED_UP_TO = 128;

/** The length `length` bytes of plaintext are padded to (always more than `length`). */
export function paddedLength(length: number): number {
  if (!Number.isInteger(length) || length < 0) throw new RangeError('A length is a whole number.');
  const needed = length + 1;
  if (needed <= STEPPED_UP_TO) return Math.ceil(needed / STEP) * STEP;
  let size = STEPPED_UP_TO * 2;
  while (size < needed) size *= 2;
  return size;
}

/** `plain` padded: a new array, paddedLength(plain.length) bytes long. */
export function pad(plain: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(paddedLength(plain.length));
  out.set(plain, 0);
  out[plain.length] = 0x80;
  return out;
}

/** Thrown when bytes do not end in valid padding. */
export class PaddingError extends Error {
  constructor() {
    super('The value is not padded as expected.');
    this.name = 'PaddingError';
  }
}

/**
 * The plaintext inside padded bytes (a view, not a copy). Strict: the length must be one that
 * pad() makes, and the bytes after the plaintext must be one 0x80 and only zeros.
 */
export function unpad(padded: Uint8Array): Uint8Array {
  const length = padded.length;
  if (length === 0 || paddedLength(length - 1) !== length) {
    // paddedLength(length - 1) === length holds exactly for the sizes pad() makes.
    throw new PaddingError();
  }
  let end = length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (end < 0 || padded[end] !== 0x80) throw new PaddingError();
  // The plaintext must be one that pads to this length (not a shorter one padded too far).
  if (paddedLength(end) !== length) throw new PaddingError();
  return padded.subarray(0, end);
}
