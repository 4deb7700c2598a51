/**
 * AES encryption of counter blocks for ./fast-gcm.ts (GCM's GCTR: NIST SP 800-38D, the last
 * 32 bits of the counter block counting up, big-endian), with the classic four 1 KiB round
 * tables.
 *
 * noble's AES (which expands the key here: `expandKeyLE`) merges its round tables in pairs
 * into two 256 KiB tables, and returns an object per block. Over the tens of thousands of
 * small records the service report opens (issue 13's benchmark), those tables do not stay in
 * the processor's fastest cache beside everything else the page does, and AES was the largest
 * single cost of opening a record. Here a block is four local 32-bit words, the tables take
 * 4 KiB, and nothing is allocated per block. The round keys are noble's (little-endian words),
 * so the output is the same: tests/unit/db/encryption/aes-ctr.test.ts checks it against
 * noble's ctr32 on random keys, counters and lengths, and the GCM tests against noble's gcm.
 */

/** The AES S-box, worked out from GF(2^8) (FIPS 197, 5.1.1). */
function makeSbox(): Uint8Array {
  const sbox = new Uint8Array(256);
  const rotl8 = (x: number, n: number) => ((x << n) | (x >>> (8 - n))) & 0xff;
  let p = 1;
  let q = 1;
  // p runs through every non-zero element (powers of 3); q is its inverse (powers of 1/3).
  do {
    p = (p ^ ((p << 1) & 0xff) ^ (p & 0x80 ? 0x1b : 0)) & 0xff;
    q ^= q << 1;
    q ^= q << 2;
    q ^= q << 4;
    q &= 0xff;
    if (q & 0x80) q ^= 0x09;
    sbox[p] = q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4) ^ 0x63;
  } while (p !== 1);
  sbox[0] = 0x63;
  return sbox;
}

const SBOX = makeSbox();
const T0 = new Int32Array(256);
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
for (let a = 0; a < 256; a += 1) {
  const s = SBOX[a] ?? 0;
  const s2 = ((s << 1) ^ (s & 0x80 ? 0x1b : 0)) & 0xff;
  // A column of MixColumns(SubBytes) as a little-endian word: rows {02}s, s, s, {03}s.
  const t = s2 | (s << 8) | (s << 16) | ((s2 ^ s) << 24);
  T0[a] = t;
  T1[a] = (t << 8) | (t >>> 24);
  T2[a] = (t << 16) | (t >>> 16);
  T3[a] = (t << 24) | (t >>> 8);
}

const bswap = (x: number) =>
  ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);

/** Round keys from noble's expandKeyLE (little-endian words, 4 per round, 15 rounds for AES-256). */
export type RoundKeys = Uint32Array;

/**
 * The keystream block for counter `count` of the counter block whose first 96 bits are the
 * words c0, c1, c2 (little-endian, as in memory), written to out[0..3].
 */
export function keystream(
  xk: RoundKeys,
  c0: number,
  c1: number,
  c2: number,
  count: number,
  out: Int32Array,
): void {
  let k = 0;
  let s0 = c0 ^ xk[k++]!;
  let s1 = c1 ^ xk[k++]!;
  let s2 = c2 ^ xk[k++]!;
  let s3 = bswap(count) ^ xk[k++]!;
  const rounds = xk.length / 4 - 2;
  for (let r = 0; r < rounds; r += 1) {
    const t0 =
      T0[s0 & 0xff]! ^ T1[(s1 >>> 8) & 0xff]! ^ T2[(s2 >>> 16) & 0xff]! ^ T3[s3 >>> 24]! ^ xk[k++]!;
    const t1 =
      T0[s1 & 0xff]! ^ T1[(s2 >>> 8) & 0xff]! ^ T2[(s3 >>> 16) & 0xff]! ^ T3[s0 >>> 24]! ^ xk[k++]!;
    const t2 =
      T0[s2 & 0xff]! ^ T1[(s3 >>> 8) & 0xff]! ^ T2[(s0 >>> 16) & 0xff]! ^ T3[s1 >>> 24]! ^ xk[k++]!;
    const t3 =
      T0[s3 & 0xff]! ^ T1[(s0 >>> 8) & 0xff]! ^ T2[(s1 >>> 16) & 0xff]! ^ T3[s2 >>> 24]! ^ xk[k++]!;
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
  }
  const S = SBOX;
  out[0] =
    (S[s0 & 0xff]! |
      (S[(s1 >>> 8) & 0xff]! << 8) |
      (S[(s2 >>> 16) & 0xff]! << 16) |
      (S[s3 >>> 24]! << 24)) ^
    xk[k++]!;
  out[1] =
    (S[s1 & 0xff]! |
      (S[(s2 >>> 8) & 0xff]! << 8) |
      (S[(s3 >>> 16) & 0xff]! << 16) |
      (S[s0 >>> 24]! << 24)) ^
    xk[k++]!;
  out[2] =
    (S[s2 & 0xff]! |
      (S[(s3 >>> 8) & 0xff]! << 8) |
      (S[(s0 >>> 16) & 0xff]! << 16) |
      (S[s1 >>> 24]! << 24)) ^
    xk[k++]!;
  out[3] =
    (S[s3 & 0xff]! |
      (S[(s0 >>> 8) & 0xff]! << 8) |
      (S[(s1 >>> 16) & 0xff]! << 16) |
      (S[s2 >>> 24]! << 24)) ^
    xk[k++]!;
}

/** One block of keystream, reused (the code is synchronous: nothing else runs between). */
const stream = new Int32Array(4);
const streamBytes = new Uint8Array(stream.buffer);

/**
 * `src` XORed with the GCTR keystream into `dst` (same length): the counter block's first 96
 * bits are the little-endian words c0, c1, c2 and its last 32 bits the big-endian `count`,
 * advanced per block and wrapping at 2^32. `src` and `dst` must start on a 4-byte boundary.
 */
export function ctrWords(
  xk: RoundKeys,
  c0: number,
  c1: number,
  c2: number,
  count: number,
  src: Uint8Array,
  dst: Uint8Array,
): void {
  if (dst.length !== src.length) throw new Error('The output must be as long as the input.');
  const whole = src.length >>> 4;
  let n = count >>> 0;
  if (whole > 0) {
    const in32 = new Int32Array(src.buffer, src.byteOffset, whole * 4);
    const out32 = new Int32Array(dst.buffer, dst.byteOffset, whole * 4);
    for (let w = 0; w < whole * 4; w += 4) {
      keystream(xk, c0, c1, c2, n, stream);
      out32[w] = in32[w]! ^ stream[0]!;
      out32[w + 1] = in32[w + 1]! ^ stream[1]!;
      out32[w + 2] = in32[w + 2]! ^ stream[2]!;
      out32[w + 3] = in32[w + 3]! ^ stream[3]!;
      n = (n + 1) >>> 0;
    }
  }
  const rest = whole * 16;
  if (rest < src.length) {
    keystream(xk, c0, c1, c2, n, stream);
    for (let i = rest; i < src.length; i += 1) dst[i] = src[i]! ^ streamBytes[i - rest]!;
  }
  stream.fill(0);
}

/** A little-endian 32-bit word of `bytes` at `at`, read byte by byte (any alignment). */
export function wordAt(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
}

/**
 * `src` XORed with the GCTR keystream of the 16-byte counter block `counter` (its last four
 * bytes a big-endian count), into `dst` (same length). `counter` is not changed. `src` and
 * `dst` must start on a 4-byte boundary.
 */
export function aesCtr32(
  xk: RoundKeys,
  counter: Uint8Array,
  src: Uint8Array,
  dst: Uint8Array,
): void {
  if (counter.length !== 16) throw new Error('A counter block is 16 bytes.');
  const count =
    ((counter[12]! << 24) | (counter[13]! << 16) | (counter[14]! << 8) | counter[15]!) >>> 0;
  ctrWords(xk, wordAt(counter, 0), wordAt(counter, 4), wordAt(counter, 8), count, src, dst);
}

/** E_K of the counter block itself, as 16 bytes. */
export function aesCounterBlock(xk: RoundKeys, counter: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  aesCtr32(xk, counter, new Uint8Array(16), out);
  return out;
}
