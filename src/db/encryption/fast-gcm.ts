/**
 * AES-256-GCM for the many small values of sealed records, with the work that depends only on
 * the key done once per key rather than once per value.
 *
 * @noble/ciphers' `gcm(key, iv, aad)` expands the AES key and builds the GHASH tables at every
 * call: for a record of a few hundred bytes that is most of the time, and the service report
 * opens tens of thousands of records (issue 13's benchmark). Here the expanded key (noble's),
 * the GHASH key H = E_K(0^128) and its multiplication tables (8-bit windows, built by noble's
 * GHASH and kept in one flat array) are kept for the data key held (at most two keys, for a
 * change of data key; wiped when the app locks). Each value only runs AES in counter mode
 * (./aes-ctr.ts) and GHASH's block step over its own blocks (NIST SP 800-38D, 96-bit IVs
 * only; little-endian hosts, as every browser the app supports is), with nothing allocated
 * but its output: the GHASH state, the tag and the last partial block live in buffers reused
 * by the next value. The output is exactly noble's `gcm`: tests check both ways, on random
 * keys, IVs, associated data and lengths (tests/unit/db/encryption/fast-gcm.test.ts).
 *
 * Loaded with the cipher (field-crypto's loadFieldCipher), not with the first screen.
 */
import type { unsafe as AesUnsafe } from '@noble/ciphers/aes.js';
import type { GHASH as GhashClass } from '@noble/ciphers/_polyval.js';
import { ctrWords, keystream, wordAt } from './aes-ctr';
import { subscribeToLock } from './session-key';

const BLOCK = 16;
const TAG_BYTES = 16;
const IV_BYTES = 12;

type Aes = typeof AesUnsafe;
let aes: Aes | null = null;
let Ghash: typeof GhashClass | null = null;

/** Loads noble's AES and GHASH code; call (and wait) before the first value is sealed. */
export async function loadFastGcm(): Promise<void> {
  if (aes && Ghash) return;
  const [aesModule, polyvalModule] = await Promise.all([
    import('@noble/ciphers/aes.js'),
    import('@noble/ciphers/_polyval.js'),
  ]);
  aes = aesModule.unsafe;
  Ghash = polyvalModule.GHASH;
}

/** True once loadFastGcm has finished. */
export function isFastGcmLoaded(): boolean {
  return aes !== null && Ghash !== null;
}

/** One key's work, done once: see expandGcmKey. */
export interface KeyState {
  key: Uint8Array;
  xk: Uint32Array;
  /**
   * GHASH's multiplication tables for H, 8-bit windows: noble's own (GHASH built with an
   * expected length over 64 KiB), copied into one flat array, 16 windows x 256 x 4 words.
   */
  table: Uint32Array;
  /** Set by wipeGcmKey: a wiped key seals and opens nothing (rather than under zeroes). */
  wiped?: boolean;
}

/** At most two keys: the data key, and the old one while the data key is being changed. */
let states: KeyState[] = [];

/** Forgets every expanded key and table (the app locked). */
export function forgetGcmKeys(): void {
  for (const state of states) wipeGcmKey(state);
  states = [];
}

// The expanded keys and tables go when the app locks.
subscribeToLock(forgetGcmKeys);

function stateFor(key: Uint8Array): KeyState {
  const found = states.find((state) => state.key === key);
  if (found) return found;
  const state = expandGcmKey(key);
  if (states.length >= 2) {
    const dropped = states.shift();
    if (dropped) wipeGcmKey(dropped);
  }
  states.push(state);
  return state;
}

/**
 * The key work of `key` (its expanded AES key and GHASH tables, 64 KiB), for a caller that
 * keeps keys of its own (the team's caseload keys, ../../team/keys/envelope-cipher.ts): pass
 * it to gcmEncryptWith / gcmDecryptWith, and wipe it with wipeGcmKey when done.
 */
export function expandGcmKey(key: Uint8Array): KeyState {
  if (!aes || !Ghash) throw new Error('The cipher is not loaded.');
  if (key.length !== 32) throw new Error('AES-GCM here takes 256-bit keys.');
  const xk = aes.expandKeyLE(key);
  const h = aes.encryptBlock(xk, new Uint8Array(BLOCK));
  // An expected length over 64 KiB makes noble build 8-bit windows: the fastest per block.
  const hash = new Ghash(h, 128 * 1024);
  h.fill(0);
  const items = (hash as unknown as { t: { s0: number; s1: number; s2: number; s3: number }[] }).t;
  if (items.length !== WINDOWS * 256) throw new Error('Unexpected GHASH tables.');
  const table = new Uint32Array(items.length * 4);
  items.forEach((item, i) => {
    table[i * 4] = item.s0;
    table[i * 4 + 1] = item.s1;
    table[i * 4 + 2] = item.s2;
    table[i * 4 + 3] = item.s3;
  });
  hash.destroy();
  return { key, xk, table };
}

/** Zeroes a key's expanded AES key and GHASH tables (it no longer seals or opens anything). */
export function wipeGcmKey(state: KeyState): void {
  state.wiped = true;
  state.xk.fill(0);
  state.table.fill(0);
}

/** A 32-bit aligned copy when `bytes` is not (the block code reads 32-bit words). */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
}

/** GHASH with 8-bit windows: 16 of them, one per byte of a block. */
const WINDOWS = 16;

/** GHASH's running state (four little-endian words), reused: the code is synchronous. */
const hashState = new Int32Array(4);
/** A last, partial block, zero-padded, and its words. */
const tailBlock = new Uint8Array(BLOCK);
const tailWords = new Int32Array(tailBlock.buffer);

/**
 * One GHASH step: the state XOR the block (x0..x3), multiplied by H with one table entry per
 * byte (window w, 0-15, is byte w of the state: entry ((w << 8) | byte) << 2), as noble's
 * GHASH computes it. Unrolled, with no allocation: the service report runs it over every
 * block of tens of thousands of records.
 */
function ghashBlock(t: Uint32Array, x0: number, x1: number, x2: number, x3: number): void {
  const s0 = hashState[0]! ^ x0;
  const s1 = hashState[1]! ^ x1;
  const s2 = hashState[2]! ^ x2;
  const s3 = hashState[3]! ^ x3;
  let o0 = 0,
    o1 = 0,
    o2 = 0,
    o3 = 0,
    i = 0;
  // window w, byte b of word: index ((w << 8) | byte) << 2
  i = (s0 & 0xff) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (256 | ((s0 >>> 8) & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (512 | ((s0 >>> 16) & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (768 | (s0 >>> 24)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (1024 | (s1 & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (1280 | ((s1 >>> 8) & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (1536 | ((s1 >>> 16) & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (1792 | (s1 >>> 24)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (2048 | (s2 & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (2304 | ((s2 >>> 8) & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (2560 | ((s2 >>> 16) & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (2816 | (s2 >>> 24)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (3072 | (s3 & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (3328 | ((s3 >>> 8) & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (3584 | ((s3 >>> 16) & 0xff)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  i = (3840 | (s3 >>> 24)) << 2;
  o0 ^= t[i]!;
  o1 ^= t[i + 1]!;
  o2 ^= t[i + 2]!;
  o3 ^= t[i + 3]!;
  hashState[0] = o0;
  hashState[1] = o1;
  hashState[2] = o2;
  hashState[3] = o3;
}

/** GHASH over the first `length` bytes of `bytes`, zero-padded to whole blocks. */
function ghashBytes(t: Uint32Array, bytes: Uint8Array, length: number): void {
  const whole = length >>> 4;
  if (whole > 0) {
    const from = aligned(bytes);
    const words = new Int32Array(from.buffer, from.byteOffset, whole * 4);
    for (let w = 0; w < whole * 4; w += 4) {
      ghashBlock(t, words[w]!, words[w + 1]!, words[w + 2]!, words[w + 3]!);
    }
  }
  const rest = whole * 16;
  if (rest < length) {
    tailBlock.fill(0);
    for (let i = rest; i < length; i += 1) tailBlock[i - rest] = bytes[i]!;
    ghashBlock(t, tailWords[0]!, tailWords[1]!, tailWords[2]!, tailWords[3]!);
  }
}

/**
 * GHASH_H(A, C) xor E_K(J0), the tag of `data` with the first `aadLength` bytes of `aad`,
 * left in `tagWords`. The last block is len(A) || len(C) in bits, each a 64-bit big-endian
 * number, here as little-endian words.
 */
function tagOf(
  state: KeyState,
  c: readonly [number, number, number],
  aad: Uint8Array,
  aadLength: number,
  data: Uint8Array,
): void {
  hashState.fill(0);
  ghashBytes(state.table, aad, aadLength);
  ghashBytes(state.table, data, data.length);
  const aadBits = aadLength * 8;
  const dataBits = data.length * 8;
  ghashBlock(
    state.table,
    bswap(Math.floor(aadBits / 2 ** 32)),
    bswap(aadBits >>> 0),
    bswap(Math.floor(dataBits / 2 ** 32)),
    bswap(dataBits >>> 0),
  );
  // E_K(J0), J0 = IV || 0^31 || 1.
  keystream(state.xk, c[0], c[1], c[2], 1, tagWords);
  for (let i = 0; i < 4; i += 1) tagWords[i] = tagWords[i]! ^ hashState[i]!;
  hashState.fill(0);
}

const bswap = (x: number) =>
  ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);

const tagWords = new Int32Array(4);
const tagBytes = new Uint8Array(tagWords.buffer);

/** The IV's three words (J0's first 96 bits). */
function ivWords(iv: Uint8Array): [number, number, number] {
  if (iv.length !== IV_BYTES) throw new Error('AES-GCM here takes 12-byte IVs.');
  return [wordAt(iv, 0), wordAt(iv, 4), wordAt(iv, 8)];
}

/** `plain` encrypted under `key` with `iv` and `aad`: ciphertext then its 16-byte tag. */
export function gcmEncrypt(
  key: Uint8Array,
  iv: Uint8Array,
  aad: Uint8Array,
  plain: Uint8Array,
): Uint8Array<ArrayBuffer> {
  return gcmEncryptWith(stateFor(key), iv, aad, plain);
}

/** gcmEncrypt with a key's work the caller holds (expandGcmKey). */
export function gcmEncryptWith(
  state: KeyState,
  iv: Uint8Array,
  aad: Uint8Array,
  plain: Uint8Array,
): Uint8Array<ArrayBuffer> {
  if (state.wiped) throw new Error('This key was wiped.');
  const c = ivWords(iv);
  const out = new Uint8Array(plain.length + TAG_BYTES);
  const body = out.subarray(0, plain.length);
  // The data starts at counter inc32(J0) = 2.
  ctrWords(state.xk, c[0], c[1], c[2], 2, aligned(plain), body);
  tagOf(state, c, aad, aad.length, body);
  out.set(tagBytes, plain.length);
  tagWords.fill(0);
  return out;
}

/**
 * The plaintext of `sealed` (ciphertext then tag) under `key` with `iv` and the first
 * `aadLength` bytes of `aad` (all of it unless given). Throws when the tag does not match
 * (the key, IV or associated data is wrong, or anything was changed).
 */
export function gcmDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
  aadLength = aad.length,
): Uint8Array<ArrayBuffer> {
  return gcmDecryptWith(stateFor(key), iv, aad, sealed, aadLength);
}

/** gcmDecrypt with a key's work the caller holds (expandGcmKey). */
export function gcmDecryptWith(
  state: KeyState,
  iv: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
  aadLength = aad.length,
): Uint8Array<ArrayBuffer> {
  if (sealed.length < TAG_BYTES) throw new Error('aes/gcm: invalid ciphertext length');
  if (aadLength > aad.length) throw new Error('aes/gcm: the associated data is shorter');
  if (state.wiped) throw new Error('This key was wiped.');
  const c = ivWords(iv);
  const dataLength = sealed.length - TAG_BYTES;
  const data = aligned(sealed).subarray(0, dataLength);
  tagOf(state, c, aad, aadLength, data);
  // Compared in constant time.
  let diff = 0;
  for (let i = 0; i < TAG_BYTES; i += 1) diff |= tagBytes[i]! ^ sealed[dataLength + i]!;
  tagWords.fill(0);
  if (diff !== 0) throw new Error('aes/gcm: invalid ghash tag');
  const out = new Uint8Array(dataLength);
  ctrWords(state.xk, c[0], c[1], c[2], 2, data, out);
  return out;
}
