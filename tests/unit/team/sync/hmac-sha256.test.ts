/**
 * HMAC-SHA-256 in JavaScript (src/team/sync/hmac-sha256.ts), which the document ids use in
 * place of a Web Crypto call per id: RFC 4231's test vectors, and Web Crypto's HMAC on random
 * keys and messages of every length around SHA-256's block and padding boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacKey, hmacSha256 } from '../../../../src/team/sync/hmac-sha256';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const ascii = (text: string) => new TextEncoder().encode(text);

async function webCryptoHmac(key: Uint8Array<ArrayBuffer>, message: Uint8Array<ArrayBuffer>) {
  const imported = await crypto.subtle.importKey(
    'raw',
    key,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, message));
}

describe('HMAC-SHA-256', () => {
  it("gives RFC 4231's test vectors", () => {
    const cases: [Uint8Array, Uint8Array, string][] = [
      [
        new Uint8Array(20).fill(0x0b),
        ascii('Hi There'),
        'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
      ],
      [
        ascii('Jefe'),
        ascii('what do ya want for nothing?'),
        '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      ],
      [
        new Uint8Array(20).fill(0xaa),
        new Uint8Array(50).fill(0xdd),
        '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
      ],
      [
        fromHex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
        new Uint8Array(50).fill(0xcd),
        '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
      ],
    ];
    for (const [key, message, expected] of cases) {
      expect(hex(hmacSha256(hmacKey(key), message))).toBe(expected);
    }
  });

  it("gives Web Crypto's HMAC for any key of up to 64 bytes and any message (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.uint8Array({ maxLength: 300 }),
        async (key, message) => {
          const expected = await webCryptoHmac(new Uint8Array(key), new Uint8Array(message));
          expect(hex(hmacSha256(hmacKey(key), message))).toBe(hex(expected));
        },
      ),
      { numRuns: 300 },
    );
    // Every length across the padding's one-or-two-block boundary and whole blocks.
    const key = crypto.getRandomValues(new Uint8Array(32));
    const state = hmacKey(key);
    for (let length = 0; length <= 200; length += 1) {
      const message = crypto.getRandomValues(new Uint8Array(length));
      expect(hex(hmacSha256(state, message))).toBe(hex(await webCryptoHmac(key, message)));
    }
  });

  it('refuses keys longer than a block (the ids use 32 bytes)', () => {
    expect(() => hmacKey(new Uint8Array(65))).toThrow();
  });
});
