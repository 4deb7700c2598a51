import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PaddingError, pad, paddedLength, unpad } from '../../../src/lib/padding';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('padding before encryption', () => {
  it('pads to multiples of 32 bytes up to 128, then to powers of two', () => {
    expect(paddedLength(0)).toBe(32);
    expect(paddedLength(17)).toBe(32); // "Self-Harm Support"
    expect(paddedLength(31)).toBe(32);
    expect(paddedLength(32)).toBe(64);
    expect(paddedLength(100)).toBe(128);
    expect(paddedLength(127)).toBe(128);
    expect(paddedLength(128)).toBe(256);
    expect(paddedLength(255)).toBe(256);
    expect(paddedLength(256)).toBe(512);
    expect(paddedLength(5000)).toBe(8192);
  });

  it('makes programme names of different lengths the same length', () => {
    const enc = new TextEncoder();
    const names = ['Mentoring', 'Self-Harm Support', 'Young Carers', 'Anger management'];
    const lengths = new Set(names.map((name) => pad(enc.encode(name)).length));
    expect([...lengths]).toEqual([32]);
  });

  it('always round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (plain) => {
        const padded = pad(plain);
        expect(padded.length).toBe(paddedLength(plain.length));
        expect([...unpad(padded)]).toEqual([...plain]);
      }),
    );
  });

  it('refuses bytes that pad() could not have made', () => {
    const good = pad(bytes(1, 2, 3));
    const noMarker = good.slice();
    noMarker[3] = 0;
    const stray = good.slice();
    stray[31] = 1;
    const badMarker = good.slice();
    badMarker[3] = 0x81;
    for (const bad of [
      new Uint8Array(0),
      bytes(0x80), // not a padded length
      new Uint8Array(32), // all zeros: no marker
      noMarker,
      stray,
      badMarker,
      // "abc" padded to 64: a valid marker, but pad() never pads 3 bytes that far.
      (() => {
        const b = new Uint8Array(64);
        b.set([1, 2, 3, 0x80]);
        return b;
      })(),
    ]) {
      expect(() => unpad(bad)).toThrow(PaddingError);
    }
  });

  it('refuses any single changed byte of the padding', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (plain, at, xor) => {
          const padded = pad(plain);
          const index = plain.length + (at % (padded.length - plain.length));
          padded[index] = (padded[index] ?? 0) ^ xor;
          let result: Uint8Array | null = null;
          try {
            result = unpad(padded);
          } catch (error) {
            expect(error).toBeInstanceOf(PaddingError);
            return;
          }
          // Only a change that moves the marker onto a plaintext-looking spot could pass,
          // and then what comes back is not the plaintext.
          expect([...result]).not.toEqual([...plain]);
        },
      ),
    );
  });
});
