import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFields, sameBytes, toHex } from '../../../../src/team/keys/encoding';

describe('the encoding of contexts', () => {
  it('never gives two different lists of fields the same bytes (property)', () => {
    const fields = fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 });
    fc.assert(
      fc.property(fields, fields, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(toHex(encodeFields(...a))).not.toBe(toHex(encodeFields(...b)));
      }),
      { numRuns: 2000 },
    );
    // Where joining with a separator would not tell them apart.
    expect(toHex(encodeFields('a/b', 'c'))).not.toBe(toHex(encodeFields('a', 'b/c')));
    expect(toHex(encodeFields('ab', ''))).not.toBe(toHex(encodeFields('a', 'b')));
  });

  it('compares bytes', () => {
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(sameBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
  });
});
