/**
 * A new passphrase checked against common passwords, not only its length: zxcvbn
 * (@zxcvbn-ts/core) with its common-password list (@zxcvbn-ts/language-common) and its English
 * words and names (@zxcvbn-ts/language-en). The dictionaries are about a megabyte, so they are
 * loaded only when a screen that sets a passphrase asks for them (loadPassphraseChecker, which
 * those screens call as they open), never with the app's first screen.
 *
 * Nothing is sent anywhere: the passphrase is checked in the page, against lists in the build.
 */
import { newPassphraseErrors, passphraseProblem } from './passphrase';
import type { FieldErrors } from './validation';

/** Why a passphrase is too easy to guess, or null when it is not. */
export type PassphraseChecker = (passphrase: string) => string | null;

/**
 * zxcvbn scores 0 to 4: below 3 means fewer than about 10^8 guesses (a common password, one
 * with a few digits added, a keyboard run or a repeat). Three or four ordinary words score 4.
 */
export const MIN_PASSPHRASE_SCORE = 3;

/** Words anyone would try first against this app's files. */
const APP_WORDS = ['resilience', 'coaching', 'coach', 'boingboing', 'backup', 'passphrase'];

/** zxcvbn can be slow on very long input; what comes after this adds no guesses it would count. */
const CHECKED_LENGTH = 100;

const ADVICE = 'Try three or four words that do not usually go together.';

interface Verdict {
  score: number;
  feedback: { warning: string | null };
}

/** The message for a passphrase zxcvbn finds too easy, or null. */
export function verdictProblem({ score, feedback }: Verdict): string | null {
  if (score >= MIN_PASSPHRASE_SCORE) return null;
  const why = feedback.warning ? ` ${feedback.warning}` : '';
  return `This passphrase is too easy to guess.${why} ${ADVICE}`;
}

let loading: Promise<PassphraseChecker | null> | null = null;

async function loadChecker(): Promise<PassphraseChecker> {
  const [core, common, english] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  const zxcvbn = new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return (passphrase) =>
    verdictProblem(zxcvbn.check(passphrase.normalize('NFC').slice(0, CHECKED_LENGTH), APP_WORDS));
}

/**
 * The common-password check, loaded once (later calls share the first load). Resolves to null
 * when its files cannot be loaded (an old cached copy of the app, say): the length rule still
 * applies, and a backup is never blocked because a dictionary did not load. Another try is
 * made next time.
 */
export function loadPassphraseChecker(): Promise<PassphraseChecker | null> {
  loading ??= loadChecker().catch(() => {
    loading = null;
    return null;
  });
  return loading;
}

/** Why a new passphrase cannot be used (length first, then how guessable), or null. */
export async function newPassphraseProblem(passphrase: string): Promise<string | null> {
  const problem = passphraseProblem(passphrase);
  if (problem) return problem;
  const check = await loadPassphraseChecker();
  return check ? check(passphrase) : null;
}

/**
 * What to fix in a new passphrase typed twice, keyed by the two fields' names: the rules of
 * newPassphraseErrors, and then a check against common passwords.
 */
export async function checkedNewPassphraseErrors(
  passphrase: string,
  again: string,
  keys: { passphrase: string; again: string },
): Promise<FieldErrors> {
  const errors = newPassphraseErrors(passphrase, again, keys);
  if (errors[keys.passphrase]) return errors;
  const problem = await newPassphraseProblem(passphrase);
  return problem ? { ...errors, [keys.passphrase]: problem } : errors;
}
