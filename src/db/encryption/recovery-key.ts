/**
 * The recovery key's form: made once when encryption is set up, shown to the coach to print
 * or save, and typed back when the passphrase is forgotten. 32 characters from an alphabet
 * without look-alikes, the last two check characters, so a typing mistake is caught before
 * any key is derived. What it opens is the keyring's business (./keyring.ts).
 */
import { ValidationError } from '../../domain/validation';
import { randomBytes } from '../../lib/crypto';

/** Letters and digits that cannot be mistaken for each other: no 0, O, 1, I or L. */
const RECOVERY_KEY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const BASE = RECOVERY_KEY_ALPHABET.length; // 31, a prime: the check characters catch swaps.
const RANDOM_CHARS = 30;
const KEY_CHARS = RANDOM_CHARS + 2;
const GROUP = 4;

/** Two check characters over the random ones: they catch any one wrong or swapped character. */
function checkValues(values: readonly number[]): [number, number] {
  let first = 0;
  let second = 0;
  values.forEach((value, i) => {
    first = (first + (i + 1) * value) % BASE;
    second = (second + (i + 1) * (i + 1) * value) % BASE;
  });
  return [first, second];
}

function charOf(value: number): string {
  return RECOVERY_KEY_ALPHABET.charAt(value);
}

/** "ABCD-EFGH-...": 8 groups of 4, as shown to the coach. */
function formatRecoveryKey(canonical: string): string {
  return (canonical.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? []).join('-');
}

/** A fresh recovery key: 30 random characters (about 148 bits) and 2 check characters. */
export function generateRecoveryKey(): string {
  const values: number[] = [];
  // Rejection sampling keeps every character equally likely (248 = 8 x 31).
  while (values.length < RANDOM_CHARS) {
    for (const byte of randomBytes(RANDOM_CHARS * 2)) {
      if (byte < 248 && values.length < RANDOM_CHARS) values.push(byte % BASE);
    }
  }
  return formatRecoveryKey([...values, ...checkValues(values)].map(charOf).join(''));
}

/**
 * The recovery key as typed, in its canonical form (32 capitals and digits), ignoring case,
 * spaces and dashes. Throws a ValidationError keyed `recoveryKey` when it cannot be one.
 */
export function parseRecoveryKey(typed: string): string {
  const fail = (message: string) => new ValidationError({ recoveryKey: message }, message);
  const canonical = typed.toUpperCase().replace(/[\s\-\u2010-\u2015_]/g, '');
  if (canonical === '') throw fail('Enter your recovery key.');
  if (/[^A-Z0-9]/.test(canonical) || /[01OIL]/.test(canonical)) {
    throw fail(
      'A recovery key has only capital letters and the numbers 2 to 9, with no O, I or L. Check what you typed.',
    );
  }
  if (canonical.length !== KEY_CHARS) {
    throw fail(
      `A recovery key has ${KEY_CHARS} letters and numbers, in 8 groups of 4. Check you typed all of it.`,
    );
  }
  const values = [...canonical].map((char) => RECOVERY_KEY_ALPHABET.indexOf(char));
  const [first, second] = checkValues(values.slice(0, RANDOM_CHARS));
  if (values[RANDOM_CHARS] !== first || values[RANDOM_CHARS + 1] !== second) {
    throw fail('That recovery key has a typing mistake. Check each group of 4 against your copy.');
  }
  return canonical;
}
