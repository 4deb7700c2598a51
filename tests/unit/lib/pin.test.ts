import { describe, expect, it } from 'vitest';
import { PIN_ITERATIONS, hashPin, isValidPin, verifyPin } from '../../../src/lib/pin';

const SALT = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);

describe('isValidPin', () => {
  it.each([
    ['1234', true],
    ['00000000', true],
    ['123456', true],
    ['123', false],
    ['123456789', false],
    ['', false],
    ['12a4', false],
    [' 1234', false],
    ['1234 ', false],
    ['12.4', false],
    ['١٢٣٤', false],
  ])('%j -> %s', (pin, expected) => {
    expect(isValidPin(pin)).toBe(expected);
  });
});

describe('hashPin', () => {
  it('stores a PBKDF2-SHA-256 hash with 200,000 iterations and a 16-byte random salt', async () => {
    const stored = await hashPin('2468');
    expect(stored.algorithm).toBe('PBKDF2-SHA-256');
    expect(stored.iterations).toBe(200_000);
    expect(PIN_ITERATIONS).toBe(200_000);
    expect(atob(stored.salt)).toHaveLength(16);
    expect(atob(stored.hash)).toHaveLength(32);
    expect(JSON.stringify(stored)).not.toContain('2468');
  });

  it('uses a new salt each time, so the same PIN hashes differently', async () => {
    const [a, b] = await Promise.all([hashPin('2468'), hashPin('2468')]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('gives the same hash for the same PIN and salt, and matches a known PBKDF2 result', async () => {
    const a = await hashPin('2468', SALT);
    const b = await hashPin('2468', SALT);
    expect(a).toEqual(b);
    expect(a.salt).toBe(btoa(String.fromCharCode(...SALT)));
    // Derived independently with WebCrypto: PBKDF2(SHA-256, '2468', SALT, 200000, 32 bytes).
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode('2468'),
      'PBKDF2',
      false,
      ['deriveBits'],
    );
    const bits = new Uint8Array(
      await crypto.subtle.deriveBits(
        { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(SALT), iterations: 200_000 },
        key,
        256,
      ),
    );
    expect(a.hash).toBe(btoa(String.fromCharCode(...bits)));
  });

  it('refuses to hash something that is not a PIN', async () => {
    await expect(hashPin('12')).rejects.toThrow('A PIN is 4 to 8 digits.');
    await expect(hashPin('abcd')).rejects.toThrow();
  });
});

describe('verifyPin', () => {
  it('accepts the right PIN and refuses any other', async () => {
    const stored = await hashPin('135790');
    expect(await verifyPin('135790', stored)).toBe(true);
    expect(await verifyPin('135791', stored)).toBe(false);
    expect(await verifyPin('13579', stored)).toBe(false);
    expect(await verifyPin('1357900', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('uses the stored iterations and salt', async () => {
    const stored = await hashPin('1234', SALT);
    expect(await verifyPin('1234', { ...stored, iterations: 1000 })).toBe(false);
    expect(await verifyPin('1234', { ...stored, salt: btoa('another salt 16b') })).toBe(false);
  });

  it('says no, without throwing, for a damaged record', async () => {
    const stored = await hashPin('1234');
    expect(await verifyPin('1234', { ...stored, hash: '%%%not base64' })).toBe(false);
    expect(await verifyPin('1234', { ...stored, hash: btoa('short') })).toBe(false);
    expect(await verifyPin('1234', { ...stored, iterations: 0 })).toBe(false);
  });
});
