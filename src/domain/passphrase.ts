import type { FieldErrors } from './validation';

/**
 * The rules for a new passphrase, the same wherever one is chosen: the lock (the records'
 * encryption at rest) and a protected backup file.
 */

export const MIN_PASSPHRASE_LENGTH = 10;

/** Why a passphrase cannot be used, or null when it can (characters, not bytes, are counted). */
export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.trim() === '') return 'Enter a passphrase.';
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    return `Use at least ${MIN_PASSPHRASE_LENGTH} characters. A few words you will remember work well.`;
  }
  return null;
}

/** What to fix in a new passphrase typed twice, keyed by the two fields' names. */
export function newPassphraseErrors(
  passphrase: string,
  again: string,
  keys: { passphrase: string; again: string },
): FieldErrors {
  const errors: FieldErrors = {};
  const problem = passphraseProblem(passphrase);
  if (problem) errors[keys.passphrase] = problem;
  if (again === '') errors[keys.again] = 'Type the passphrase again to check it.';
  else if (again !== passphrase) {
    errors[keys.again] = 'The two passphrases are different. Type the same passphrase twice.';
  }
  return errors;
}
