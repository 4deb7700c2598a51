import fc from 'fast-check';
import { unsafe } from '@noble/ciphers/aes.js';
import { describe, expect, it } from 'vitest';
import { aesCounterBlock, aesCtr32 } from '../../../../src/db/encryption/aes-ctr';

const fixed = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

describe('AES in counter mode with four small round tables', () => {
  it('gives exactly what noble ctr32 gives, for AES-128, 192 and 256 keys', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 24, 32).chain((n) => fixed(n)),
        fixed(16),
        fc.uint8Array({ maxLength: 300 }),
        (key, counter, src) => {
          const xk = unsafe.expandKeyLE(key);
          const ours = new Uint8Array(src.length);
          const before = counter.slice();
          aesCtr32(xk, counter, src, ours);
          expect([...counter]).toEqual([...before]);
          const noble = unsafe.ctr32(xk, false, counter.slice(), src, new Uint8Array(src.length));
          expect([...ours]).toEqual([...noble]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('wraps the 32-bit count as GCM does, leaving the first 96 bits alone', () => {
    const xk = unsafe.expandKeyLE(new Uint8Array(32).fill(9));
    const counter = new Uint8Array(16).fill(0xab);
    counter.set([0xff, 0xff, 0xff, 0xfe], 12);
    const src = new Uint8Array(64);
    const ours = new Uint8Array(64);
    aesCtr32(xk, counter, src, ours);
    const noble = unsafe.ctr32(xk, false, counter.slice(), src, new Uint8Array(64));
    expect([...ours]).toEqual([...noble]);
  });

  it('encrypts one block as FIPS 197 says (appendix C.3, AES-256)', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const plain = Uint8Array.from({ length: 16 }, (_, i) => i * 0x11);
    const cipher = aesCounterBlock(unsafe.expandKeyLE(key), plain);
    expect(Buffer.from(cipher).toString('hex')).toBe('8ea2b7ca516745bfeafc49904b496089');
  });
});
