/**
 * HMAC-SHA-256 (RFC 2104, FIPS 180-4) in plain JavaScript, for the document ids
 * (./document-ids.ts): the lead checks the id of every document it reads (issue 14), and a Web
 * Crypto call costs about 100 µs in Node whatever the size (docs/performance.md), where an
 * id's HMAC here is two or three SHA-256 blocks (the key's two pads are hashed once per key).
 *
 * The key's inner and outer pads are hashed once (`hmacKey`): what is kept is those two
 * midstates, not the key. Checked against Web Crypto's HMAC and RFC 4231's test vectors
 * (tests/unit/team/sync/hmac-sha256.test.ts). Synchronous, sharing its working buffers.
 */

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const BLOCK = 64;
/** The message schedule, reused. */
const w = new Int32Array(64);
/** The running hash, reused. */
const h = new Int32Array(8);
/** The last one or two blocks (the message's tail and its padding), reused. */
const tail = new Uint8Array(2 * BLOCK);

/** SHA-256's compression of the 64-byte block of `bytes` at `offset` into `h`. */
function compress(bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i += 1) {
    const o = offset + 4 * i;
    w[i] = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
  }
  for (let i = 16; i < 64; i += 1) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!,
    b = h[1]!,
    c = h[2]!,
    d = h[3]!,
    e = h[4]!,
    f = h[5]!,
    g = h[6]!,
    k = h[7]!;
  for (let i = 0; i < 64; i += 1) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (k + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + k) | 0;
}

/**
 * Hashes `message` on from the midstate `from` (after `before` bytes, whole blocks), leaving
 * the digest in `h`.
 */
function hashOn(from: Int32Array, before: number, message: Uint8Array): void {
  h.set(from);
  const whole = message.length - (message.length % BLOCK);
  for (let offset = 0; offset < whole; offset += BLOCK) compress(message, offset);
  const rest = message.length - whole;
  tail.fill(0);
  tail.set(message.subarray(whole), 0);
  tail[rest] = 0x80;
  const blocks = rest + 9 > BLOCK ? 2 : 1;
  const bits = (before + message.length) * 8;
  const end = blocks * BLOCK;
  // The length in bits, 64-bit big-endian (messages here are far below 2^32 bits).
  const high = Math.floor(bits / 2 ** 32);
  tail[end - 8] = high >>> 24;
  tail[end - 7] = (high >>> 16) & 0xff;
  tail[end - 6] = (high >>> 8) & 0xff;
  tail[end - 5] = high & 0xff;
  tail[end - 4] = (bits >>> 24) & 0xff;
  tail[end - 3] = (bits >>> 16) & 0xff;
  tail[end - 2] = (bits >>> 8) & 0xff;
  tail[end - 1] = bits & 0xff;
  for (let offset = 0; offset < end; offset += BLOCK) compress(tail, offset);
  tail.fill(0);
}

/** `h` as 32 big-endian bytes. */
function digestBytes(): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i += 1) {
    const word = h[i]!;
    out[4 * i] = word >>> 24;
    out[4 * i + 1] = (word >>> 16) & 0xff;
    out[4 * i + 2] = (word >>> 8) & 0xff;
    out[4 * i + 3] = word & 0xff;
  }
  return out;
}

/** An HMAC-SHA-256 key, as its two pads hashed: see hmacKey. */
export interface HmacKey {
  inner: Int32Array;
  outer: Int32Array;
}

/** The midstates of `key` (at most 64 bytes, as the document ids' 32-byte key is). */
export function hmacKey(key: Uint8Array): HmacKey {
  if (key.length > BLOCK) throw new Error('HMAC keys here are at most 64 bytes.');
  const pad = new Uint8Array(BLOCK);
  const midstate = (byte: number) => {
    pad.fill(byte);
    for (let i = 0; i < key.length; i += 1) pad[i] = key[i]! ^ byte;
    h.set(INITIAL);
    compress(pad, 0);
    return Int32Array.from(h);
  };
  const inner = midstate(0x36);
  const outer = midstate(0x5c);
  pad.fill(0);
  h.fill(0);
  return { inner, outer };
}

/** Zeroes a key's midstates. */
export function wipeHmacKey(key: HmacKey): void {
  key.inner.fill(0);
  key.outer.fill(0);
}

/** HMAC-SHA-256 of `message` under `key`: 32 bytes. */
export function hmacSha256(key: HmacKey, message: Uint8Array): Uint8Array<ArrayBuffer> {
  hashOn(key.inner, BLOCK, message);
  const innerDigest = digestBytes();
  hashOn(key.outer, BLOCK, innerDigest);
  innerDigest.fill(0);
  const out = digestBytes();
  h.fill(0);
  return out;
}
