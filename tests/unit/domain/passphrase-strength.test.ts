import { describe, expect, it } from 'vitest';
import {
  checkedNewPassphraseErrors,
  loadPassphraseChecker,
  newPassphraseProblem,
  verdictProblem,
} from '../../../src/domain/passphrase-strength';

const KEYS = { passphrase: 'passphrase', again: 'again' };

describe('newPassphraseProblem: a new passphrase checked against common passwords', () => {
  it.each([
    'password123456',
    'Password12345',
    'password1234!',
    'qwertyuiop123',
    'iloveyou12345',
    'liverpool1234',
    'letmein12345',
    'aaaaaaaaaaaa',
    'abcdefghijkl',
    '1234567890',
    'resilience2026',
  ])('refuses %j, saying why and what to do instead', async (passphrase) => {
    const problem = await newPassphraseProblem(passphrase);
    expect(problem).toMatch(/^This passphrase is too easy to guess\./);
    expect(problem).toMatch(/Try three or four words that do not usually go together\.$/);
  });

  it('names a common password as one', async () => {
    expect(await newPassphraseProblem('password123456')).toBe(
      'This passphrase is too easy to guess. This is similar to a commonly used password. Try three or four words that do not usually go together.',
    );
  });

  it.each([
    'kettle river blue garden',
    'seven quiet foxes at dawn',
    'lanterns along the promenade',
    'copper kettle on the hob',
    'gulls over the north pier',
  ])('accepts a few ordinary words: %j', async (passphrase) => {
    expect(await newPassphraseProblem(passphrase)).toBeNull();
  });

  it('says the length rule first, before looking anything up', async () => {
    expect(await newPassphraseProblem('password')).toMatch(/^Use at least 10 characters/);
    expect(await newPassphraseProblem('   ')).toBe('Enter a passphrase.');
  });

  it('loads the dictionaries once, however many screens ask', async () => {
    const [a, b] = await Promise.all([loadPassphraseChecker(), loadPassphraseChecker()]);
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(await loadPassphraseChecker()).toBe(a);
  });

  it('checks a very long passphrase quickly', async () => {
    const check = await loadPassphraseChecker();
    const started = performance.now();
    expect(check?.('a'.repeat(20_000))).toMatch(/too easy to guess/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('checkedNewPassphraseErrors', () => {
  it('puts the common-password message next to the passphrase field', async () => {
    expect(await checkedNewPassphraseErrors('password123456', 'password123456', KEYS)).toEqual({
      passphrase: expect.stringMatching(/^This passphrase is too easy to guess\./),
    });
  });

  it('keeps the other field’s message beside it', async () => {
    expect(await checkedNewPassphraseErrors('password123456', '', KEYS)).toEqual({
      passphrase: expect.stringMatching(/too easy to guess/),
      again: 'Type the passphrase again to check it.',
    });
  });

  it('has nothing to say about a good passphrase typed twice', async () => {
    const good = 'kettle river blue garden';
    expect(await checkedNewPassphraseErrors(good, good, KEYS)).toEqual({});
  });
});

describe('verdictProblem', () => {
  it('passes a score of 3 or more, and words the rest without a warning when there is none', () => {
    expect(verdictProblem({ score: 3, feedback: { warning: null } })).toBeNull();
    expect(verdictProblem({ score: 4, feedback: { warning: 'ignored' } })).toBeNull();
    expect(verdictProblem({ score: 2, feedback: { warning: null } })).toBe(
      'This passphrase is too easy to guess. Try three or four words that do not usually go together.',
    );
  });
});
