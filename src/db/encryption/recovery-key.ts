/**
 * The recovery key's form: made once when encryption is set up, shown to the coach to print
 * or save, and typed back when the passphrase is forgotten. 32 characters from an alphabet
 * without look-alikes, the last two check characters, so a typing mistake is caught before
 * any key is derived. What it opens is the keyring's business (./keyring.ts).
 */
import { ValidationError } from '../../domain/validation';
import { generateTypedCode, readTypedCode, type TypedCodeProblem } from '../../lib/typed-code';

/** 30 random characters (about 148 bits), then 2 check characters: 8 groups of 4. */
const RANDOM_CHARS = 30;
const KEY_CHARS = RANDOM_CHARS + 2;

/** A fresh recovery key: 30 random characters (about 148 bits) and 2 check characters. */
export function generateRecoveryKey(): string {
  return generateTypedCode(RANDOM_CHARS);
}

/** What is wrong with a typed recovery key, in the coach's words. */
const PROBLEMS: Record<TypedCodeProblem, string> = {
  empty: 'Enter your recovery key.',
  characters:
    'A recovery key has only capital letters and the numbers 2 to 9, with no O, I or L. Check what you typed.',
  length: `A recovery key has ${KEY_CHARS} letters and numbers, in 8 groups of 4. Check you typed all of it.`,
  check: 'That recovery key has a typing mistake. Check each group of 4 against your copy.',
};

/**
 * The recovery key as typed, in its canonical form (32 capitals and digits), ignoring case,
 * spaces and dashes. Throws a ValidationError keyed `recoveryKey` when it cannot be one.
 */
export function parseRecoveryKey(typed: string): string {
  const read = readTypedCode(typed, RANDOM_CHARS);
  if (read.ok) return read.canonical;
  const message = PROBLEMS[read.problem];
  throw new ValidationError({ recoveryKey: message }, message);
}
