import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../../src/db/database';
import {
  WrongPassphraseError,
  changePassphrase,
  createKeyring,
  unlockWithPassphrase,
} from '../../../../src/db/encryption/keyring';
import {
  MAX_WAIT_MS,
  TooManyAttemptsError,
  toAttempts,
  unlockWait,
  waitAfterFailures,
} from '../../../../src/db/encryption/unlock-attempts';
import type { ValidationError } from '../../../../src/domain/validation';
import { freshDb } from '../fixtures';
import { rejection as errorOf } from './rejection';

// Key derivation at the real 600,000 iterations takes about a second each time, so these
// tests use 1,000; keyring-real-kdf.test.ts checks the real figure.
vi.mock('../../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

const PASSPHRASE = 'kettle river blue garden';
const NOW = new Date('2026-11-23T10:00:00.000Z');

beforeEach(freshDb);

function at(seconds: number): Date {
  return new Date(NOW.getTime() + seconds * 1000);
}

describe('wrong-attempt throttling', () => {
  it('waits 30 seconds after five wrong in a row, doubling up to 15 minutes', () => {
    expect([0, 1, 4].map(waitAfterFailures)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9].map(waitAfterFailures)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ]);
    expect(waitAfterFailures(10)).toBe(MAX_WAIT_MS);
    expect(waitAfterFailures(50)).toBe(MAX_WAIT_MS);
  });

  it('makes the coach wait, growing, kept across a reload, cleared by the right passphrase', async () => {
    const { dataKey } = await createKeyring(PASSPHRASE, NOW);
    for (let i = 0; i < 4; i += 1) {
      const error = await errorOf(unlockWithPassphrase('wrong passphrase', NOW));
      expect((error as Error).message).toBe('That passphrase is not right.');
    }
    expect(await unlockWait(NOW)).toBe(0);

    const fifth = await errorOf(unlockWithPassphrase('wrong passphrase', NOW));
    expect(fifth).toBeInstanceOf(WrongPassphraseError);
    expect((fifth as Error).message).toBe(
      'That passphrase is not right. Wait 30 seconds before you try again.',
    );
    expect(await unlockWait(NOW)).toBe(30_000);

    // A reload does not reset it.
    getDb().close();
    await getDb().open();
    expect(await unlockWait(at(10))).toBe(20_000);

    // While waiting, not even the right passphrase is checked.
    const waiting = await errorOf(unlockWithPassphrase(PASSPHRASE, at(10)));
    expect(waiting).toBeInstanceOf(TooManyAttemptsError);
    expect((waiting as TooManyAttemptsError).secondsLeft).toBe(20);
    expect((waiting as TooManyAttemptsError).fieldErrors).toEqual({
      passphrase: 'Too many wrong tries. Try again in 20 seconds.',
    });

    // Each further wrong one doubles the wait.
    await errorOf(unlockWithPassphrase('wrong passphrase', at(30)));
    expect(await unlockWait(at(30))).toBe(60_000);
    await errorOf(unlockWithPassphrase('wrong passphrase', at(90)));
    expect(await unlockWait(at(90))).toBe(120_000);
    const error = await errorOf(unlockWithPassphrase('wrong passphrase', at(90)));
    expect((error as Error).message).toBe('Too many wrong tries. Try again in 2 minutes.');

    // The right passphrase, once the wait is over, clears the count.
    expect(await unlockWithPassphrase(PASSPHRASE, at(210))).toEqual(dataKey);
    expect(await unlockWait(at(210))).toBe(0);
    await errorOf(unlockWithPassphrase('wrong passphrase', at(211)));
    expect(await unlockWait(at(211))).toBe(0);
  });

  it('reads a damaged count of wrong tries as none, and a good one as it is', () => {
    const until = '2026-11-23T10:00:30.000Z';
    expect(toAttempts({ failures: 5, lockedUntil: until })).toEqual({
      failures: 5,
      lockedUntil: until,
    });
    expect(toAttempts({ failures: 2, lockedUntil: null })).toEqual({
      failures: 2,
      lockedUntil: null,
    });
    const none = { failures: 0, lockedUntil: null };
    for (const damaged of [
      undefined,
      null,
      'five',
      { failures: -1, lockedUntil: null },
      { failures: 1.5, lockedUntil: null },
      { failures: '5', lockedUntil: null },
      { failures: 5, lockedUntil: 'not a time' },
      { failures: 5, lockedUntil: 42 },
      { failures: 5 },
    ]) {
      expect(toAttempts(damaged)).toEqual(none);
    }
  });

  it('never waits more than 15 minutes, even with the clock moved back', async () => {
    await createKeyring(PASSPHRASE, NOW);
    let now = NOW;
    for (let i = 0; i < 12; i += 1) {
      now = new Date(now.getTime() + (await unlockWait(now)));
      await errorOf(unlockWithPassphrase('wrong passphrase', now));
    }
    expect(await unlockWait(now)).toBe(MAX_WAIT_MS);
    expect(await unlockWait(new Date(now.getTime() - 24 * 3600_000))).toBe(MAX_WAIT_MS);
  });

  it('counts a wrong current passphrase when changing it', async () => {
    await createKeyring(PASSPHRASE, NOW);
    for (let i = 0; i < 5; i += 1) {
      await errorOf(changePassphrase('wrong passphrase', 'a brand new passphrase', NOW));
    }
    const error = await errorOf(changePassphrase(PASSPHRASE, 'a brand new passphrase', NOW));
    expect(error).toBeInstanceOf(TooManyAttemptsError);
    expect((error as ValidationError).fieldErrors).toEqual({
      currentPassphrase: 'Too many wrong tries. Try again in 30 seconds.',
    });
  });
});
