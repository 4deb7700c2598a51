import fc from 'fast-check';
import { gcm } from '@noble/ciphers/aes.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  forgetGcmKeys,
  gcmDecrypt,
  gcmEncrypt,
  loadFastGcm,
} from '../../../../src/db/encryption/fast-gcm';
import { randomBytes } from '../../../../src/lib/crypto';

beforeAll(loadFastGcm);

const bytes = (max: number) => fc.uint8Array({ maxLength: max });
const fixed = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

describe('AES-GCM with the key work done once per key', () => {
  it('gives exactly what noble gcm gives, and opens what it seals', () => {
    fc.assert(
      fc.property(fixed(32), fixed(12), bytes(80), bytes(700), (key, iv, aad, plain) => {
        const ours = gcmEncrypt(key, iv, aad, plain);
        const noble = gcm(key, iv, aad).encrypt(plain);
        expect([...ours]).toEqual([...noble]);
        expect([...gcmDecrypt(key, iv, aad, noble)]).toEqual([...plain]);
        expect([...gcm(key, iv, aad).decrypt(ours)]).toEqual([...plain]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses any changed byte, another IV, other associated data or another key', () => {
    fc.assert(
      fc.property(
        fixed(32),
        fixed(12),
        bytes(40),
        bytes(300),
        fc.nat(),
        (key, iv, aad, plain, at) => {
          const sealed = gcmEncrypt(key, iv, aad, plain);
          const changed = sealed.slice();
          const index = at % changed.length;
          changed[index] = (changed[index] ?? 0) ^ 1;
          expect(() => gcmDecrypt(key, iv, aad, changed)).toThrow();
          const otherIv = iv.slice();
          otherIv[0] = (otherIv[0] ?? 0) ^ 1;
          expect(() => gcmDecrypt(key, otherIv, aad, sealed)).toThrow();
          expect(() => gcmDecrypt(key, iv, new Uint8Array([...aad, 0]), sealed)).toThrow();
          expect(() => gcmDecrypt(randomBytes(32), iv, aad, sealed)).toThrow();
        },
      ),
      { numRuns: 100 },
    );
  });

  it('takes only the first aadLength bytes of a longer associated data buffer', () => {
    fc.assert(
      fc.property(
        fixed(32),
        fixed(12),
        bytes(60),
        bytes(20),
        bytes(200),
        (key, iv, aad, extra, plain) => {
          const sealed = gcm(key, iv, aad).encrypt(plain);
          const buffer = new Uint8Array([...aad, ...extra]);
          expect([...gcmDecrypt(key, iv, buffer, sealed, aad.length)]).toEqual([...plain]);
          if (extra.length > 0) expect(() => gcmDecrypt(key, iv, buffer, sealed)).toThrow();
        },
      ),
      { numRuns: 100 },
    );
    expect(() =>
      gcmDecrypt(randomBytes(32), randomBytes(12), new Uint8Array(2), new Uint8Array(16), 3),
    ).toThrow();
  });

  it('keeps working across key changes and after forgetting every key', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const c = randomBytes(32);
    const iv = randomBytes(12);
    const plain = randomBytes(100);
    const aad = new Uint8Array([1, 2, 3]);
    for (const key of [a, b, c, a, b]) {
      expect([...gcmDecrypt(key, iv, aad, gcm(key, iv, aad).encrypt(plain))]).toEqual([...plain]);
    }
    forgetGcmKeys();
    expect([...gcmDecrypt(c, iv, aad, gcm(c, iv, aad).encrypt(plain))]).toEqual([...plain]);
    // Unaligned views are copied, not misread.
    const buffer = new Uint8Array(plain.length + 1);
    buffer.set(plain, 1);
    expect([...gcmEncrypt(a, iv, aad, buffer.subarray(1))]).toEqual([
      ...gcm(a, iv, aad).encrypt(plain),
    ]);
  });
});
