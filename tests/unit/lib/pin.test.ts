import { describe, expect, it } from 'vitest';
import {
  PIN_ITERATIONS,
  derivePinHash,
  describePinWait,
  hashPinTheOldWay,
  isValidPin,
  pinMatches,
  pinRefusalMessage,
} from '../../../src/lib/pin';

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

describe('hashPinTheOldWay (the store before issue 13, kept for the upgrade tests)', () => {
  it('is a PBKDF2-SHA-256 hash with 200,000 iterations and a 16-byte random salt', async () => {
    const stored = await hashPinTheOldWay('2468');
    expect(stored.algorithm).toBe('PBKDF2-SHA-256');
    expect(stored.iterations).toBe(200_000);
    expect(PIN_ITERATIONS).toBe(200_000);
    expect(atob(stored.salt)).toHaveLength(16);
    expect(atob(stored.hash)).toHaveLength(32);
    expect(JSON.stringify(stored)).not.toContain('2468');
    await expect(hashPinTheOldWay('12')).rejects.toThrow('A PIN is 4 to 8 digits.');
  });
});

describe('derivePinHash', () => {
  it('matches a PBKDF2 result derived independently', async () => {
    const a = await derivePinHash('2468', SALT, PIN_ITERATIONS);
    expect(await derivePinHash('2468', SALT, PIN_ITERATIONS)).toEqual(a);
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
    expect(a).toEqual(bits);
  });
});

describe('pinMatches', () => {
  it('accepts the right PIN and refuses any other, with the stored salt and rounds', async () => {
    const salt = btoa(String.fromCharCode(...SALT));
    const hash = await derivePinHash('135790', SALT, 1000);
    expect(await pinMatches('135790', hash, salt, 1000)).toBe(true);
    for (const other of ['135791', '13579', '1357900', '', 'abcd']) {
      expect(await pinMatches(other, hash, salt, 1000)).toBe(false);
    }
    expect(await pinMatches('135790', hash, salt, 999)).toBe(false);
    expect(await pinMatches('135790', hash, btoa('another salt 16b'), 1000)).toBe(false);
    expect(await pinMatches('135790', hash, '%%%not base64', 1000)).toBe(false);
    expect(await pinMatches('135790', hash, salt, 0)).toBe(false);
  });
});

describe('pinRefusalMessage', () => {
  it('says the tries left, the wait in words, and what the last wrong try does', () => {
    expect(pinRefusalMessage({ ok: false, reason: 'wrong', triesLeft: 9, waitMs: 0 })).toBe(
      'That PIN is not right. 9 tries left before the app locks.',
    );
    expect(
      pinRefusalMessage({ ok: false, reason: 'wrong', triesLeft: 1, waitMs: 4 * 3_600_000 }),
    ).toBe(
      'That PIN is not right. 1 try left before the app locks. Wait 4 hours before the next try.',
    );
    expect(pinRefusalMessage({ ok: false, reason: 'waiting', triesLeft: 5, waitMs: 300_000 })).toBe(
      'Too many wrong tries. Try again in 5 minutes.',
    );
    expect(
      pinRefusalMessage({ ok: false, reason: 'waiting', triesLeft: 5, waitMs: 300_000 }, 1_000),
    ).toBe('Too many wrong tries. Try again in 1 second.');
    expect(pinRefusalMessage({ ok: false, reason: 'spent' })).toMatch(
      /Only the passphrase opens it/,
    );
  });

  it.each([
    [1, '1 second'],
    [59_001, '60 seconds'],
    [89_000, '89 seconds'],
    [90_000, '2 minutes'],
    [60 * 60_000, '60 minutes'],
    [90 * 60_000, '2 hours'],
  ])('describes %i ms as %s', (ms, words) => {
    expect(describePinWait(ms)).toBe(words);
  });
});
