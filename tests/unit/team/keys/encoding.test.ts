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

  it('writes each field as its UTF-8 length (4 bytes, big-endian) then its UTF-8 bytes (property)', () => {
    const reference = (fields: readonly string[]) => {
      const parts = fields.map((field) => new TextEncoder().encode(field));
      const out = new Uint8Array(parts.reduce((sum, part) => sum + 4 + part.length, 0));
      const view = new DataView(out.buffer);
      let offset = 0;
      for (const part of parts) {
        view.setUint32(offset, part.length);
        out.set(part, offset + 4);
        offset += 4 + part.length;
      }
      return toHex(out);
    };
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
      fc.string({ unit: 'binary', maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }), (fields) => {
        expect(toHex(encodeFields(...fields))).toBe(reference(fields));
      }),
      { numRuns: 1000 },
    );
    // ASCII, a lone surrogate (written as U+FFFD, as TextEncoder does) and a long field.
    for (const fields of [['record', 'goals', 'x1'], ['a\ud800b'], ['é', 'x'.repeat(70_000)]]) {
      expect(toHex(encodeFields(...fields))).toBe(reference(fields));
    }
  });

  it('writes hex in lower case, two digits a byte', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('compares bytes', () => {
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(sameBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
  });
});
