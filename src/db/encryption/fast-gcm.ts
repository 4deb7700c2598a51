/**
 * AES-256-GCM for the many small values of sealed records, with the work that depends only on
 * the key done once per key rather than once per value.
 *
 * @noble/ciphers' `gcm(key, iv, aad)` expands the AES key and builds the GHASH tables at every
 * call: for a record of a few hundred bytes that is most of the time, and the service report
 * opens tens of thousands of records (issue 13's benchmark). Here the expanded key, the GHASH
 * key H = E_K(0^128) and its multiplication tables (8-bit windows, built by noble's GHASH and
 * kept in one flat array) are kept for the data key held (at most two keys, for a change of
 * data key; wiped when the app locks), and each value only runs noble's AES in counter mode
 * and GHASH's block step over its own blocks (NIST SP 800-38D, 96-bit IVs only; little-endian
 * hosts, as every browser the app supports is). The output is exactly noble's `gcm`: tests check both
 * ways, on random keys, IVs, associated data and lengths (tests/unit/db/encryption/
 * fast-gcm.test.ts).
 *
 * Loaded with the cipher (field-crypto's loadFieldCipher), not with the first screen.
 */
import type { unsafe as AesUnsafe } from '@noble/ciphers/aes.js';
import type { GHASH as GhashClass } from '@noble/ciphers/_polyval.js';
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

interface KeyState {
  key: Uint8Array;
  xk: Uint32Array;
  /**
   * GHASH's multiplication tables for H, 8-bit windows: noble's own (GHASH built with an
   * expected length over 64 KiB), copied into one flat array, 16 windows x 256 x 4 words.
   */
  table: Uint32Array;
}

/** At most two keys: the data key, and the old one while the data key is being changed. */
let states: KeyState[] = [];

/** Forgets every expanded key and table (the app locked). */
export function forgetGcmKeys(): void {
  for (const state of states) {
    state.xk.fill(0);
    state.table.fill(0);
  }
  states = [];
}

// The expanded keys and tables go when the app locks.
subscribeToLock(forgetGcmKeys);

function stateFor(key: Uint8Array): KeyState {
  const found = states.find((state) => state.key === key);
  if (found) return found;
  if (!aes || !Ghash) throw new Error('The cipher is not loaded.');
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
  const state = { key, xk, table };
  if (states.length >= 2) {
    const dropped = states.shift();
    dropped?.xk.fill(0);
    dropped?.table.fill(0);
  }
  states.push(state);
  return state;
}

/** A 32-bit aligned copy when `bytes` is not (noble's block code reads 32-bit words). */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
}

function lengthBlock(dataBytes: number, aadBytes: number): Uint8Array {
  const out = new Uint8Array(BLOCK);
  const view = new DataView(out.buffer);
  // len(A) || len(C) in bits, each a 64-bit big-endian number.
  view.setUint32(0, Math.floor((aadBytes * 8) / 2 ** 32), false);
  view.setUint32(4, (aadBytes * 8) >>> 0, false);
  view.setUint32(8, Math.floor((dataBytes * 8) / 2 ** 32), false);
  view.setUint32(12, (dataBytes * 8) >>> 0, false);
  return out;
}

/** GHASH with 8-bit windows: 16 of them, one per byte of a block. */
const WINDOWS = 16;

/**
 * GHASH_H of `aad`, `data` and their lengths, each zero-padded to whole blocks, into `out`
 * (4 words), as noble's GHASH computes it (its block step, with the flat table): each block
 * is XORed into the state, read as four little-endian words, and multiplied by H with one
 * table entry per byte: window w (0-15) is byte w of the state, entry ((w << 8) | byte) << 2.
 * Unrolled, with no allocation per block: the service report runs it over every block of
 * tens of thousands of records.
 */
function ghash(table: Uint32Array, parts: readonly Uint8Array[], out: Uint32Array): void {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  const block = new Uint8Array(16);
  const words = new Uint32Array(block.buffer);
  const t = table;
  for (const part of parts) {
    const full = part.length - (part.length % 16);
    const direct =
      part.byteOffset % 4 === 0 ? new Uint32Array(part.buffer, part.byteOffset, full / 4) : null;
    for (let at = 0; at < part.length; at += 16) {
      if (direct && at < full) {
        const k = at >> 2;
        s0 ^= direct[k]!;
        s1 ^= direct[k + 1]!;
        s2 ^= direct[k + 2]!;
        s3 ^= direct[k + 3]!;
      } else {
        block.fill(0);
        block.set(part.subarray(at, Math.min(part.length, at + 16)));
        s0 ^= words[0]!;
        s1 ^= words[1]!;
        s2 ^= words[2]!;
        s3 ^= words[3]!;
      }
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
      s0 = o0;
      s1 = o1;
      s2 = o2;
      s3 = o3;
    }
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

/** GHASH_H(A, C) xor E_K(J0): the tag of `data` with associated data `aad`. */
function tagOf(
  state: KeyState,
  tagMask: Uint8Array,
  data: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const tag = new Uint8Array(BLOCK);
  ghash(
    state.table,
    [aad, data, lengthBlock(data.length, aad.length)],
    new Uint32Array(tag.buffer),
  );
  for (let i = 0; i < BLOCK; i += 1) tag[i] = (tag[i] ?? 0) ^ (tagMask[i] ?? 0);
  return tag;
}

/** J0 = IV || 0^31 || 1, its E_K (the tag mask), and the counter left at inc32(J0). */
function start(state: KeyState, iv: Uint8Array): { counter: Uint8Array; tagMask: Uint8Array } {
  if (!aes) throw new Error('The cipher is not loaded.');
  if (iv.length !== IV_BYTES) throw new Error('AES-GCM here takes 12-byte IVs.');
  const counter = new Uint8Array(BLOCK);
  counter.set(iv);
  counter[15] = 1;
  const tagMask = aes.ctr32(state.xk, false, counter, new Uint8Array(BLOCK));
  return { counter, tagMask };
}

/** `plain` encrypted under `key` with `iv` and `aad`: ciphertext then its 16-byte tag. */
export function gcmEncrypt(
  key: Uint8Array,
  iv: Uint8Array,
  aad: Uint8Array,
  plain: Uint8Array,
): Uint8Array<ArrayBuffer> {
  if (!aes) throw new Error('The cipher is not loaded.');
  const state = stateFor(key);
  const { counter, tagMask } = start(state, iv);
  const out = new Uint8Array(plain.length + TAG_BYTES);
  const body = out.subarray(0, plain.length);
  if (plain.length > 0) aes.ctr32(state.xk, false, counter, aligned(plain), body);
  out.set(tagOf(state, tagMask, body, aad), plain.length);
  return out;
}

/**
 * The plaintext of `sealed` (ciphertext then tag) under `key` with `iv` and `aad`. Throws when
 * the tag does not match (the key, IV or associated data is wrong, or anything was changed).
 */
export function gcmDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array<ArrayBuffer> {
  if (!aes) throw new Error('The cipher is not loaded.');
  if (sealed.length < TAG_BYTES) throw new Error('aes/gcm: invalid ciphertext length');
  const state = stateFor(key);
  const { counter, tagMask } = start(state, iv);
  const data = sealed.subarray(0, sealed.length - TAG_BYTES);
  const given = sealed.subarray(sealed.length - TAG_BYTES);
  const tag = tagOf(state, tagMask, data, aad);
  // Compared in constant time.
  let diff = 0;
  for (let i = 0; i < TAG_BYTES; i += 1) diff |= (tag[i] ?? 0) ^ (given[i] ?? 0);
  if (diff !== 0) throw new Error('aes/gcm: invalid ghash tag');
  const out = new Uint8Array(data.length);
  if (data.length > 0) aes.ctr32(state.xk, false, counter, aligned(data), out);
  return out;
}
