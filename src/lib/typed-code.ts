/**
 * Codes a person copies by hand: the recovery key, the team invitation code. Random
 * characters from an alphabet without look-alikes, then two check characters, shown in
 * groups of 4 ("ABCD-EFGH-..."), so a typing mistake is caught before any key is derived.
 */
import { randomBytes } from './crypto';

/** Letters and digits that cannot be mistaken for each other: no 0, O, 1, I or L. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const BASE = ALPHABET.length; // 31, a prime: the check characters catch swaps.
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

/** A fresh code of `randomChars` random characters and 2 check characters, in groups of 4. */
export function generateTypedCode(randomChars: number): string {
  const values: number[] = [];
  // Rejection sampling keeps every character equally likely (248 = 8 x 31).
  while (values.length < randomChars) {
    for (const byte of randomBytes(randomChars * 2)) {
      if (byte < 248 && values.length < randomChars) values.push(byte % BASE);
    }
  }
  const canonical = [...values, ...checkValues(values)].map((v) => ALPHABET.charAt(v)).join('');
  return (canonical.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? []).join('-');
}

/** Why a typed code cannot be one (each caller says it in its own words). */
export type TypedCodeProblem = 'empty' | 'characters' | 'length' | 'check';

export type TypedCode = { ok: true; canonical: string } | { ok: false; problem: TypedCodeProblem };

/**
 * A code as typed, in its canonical form (capitals and digits, `randomChars` + 2 of them),
 * ignoring case, spaces and dashes; or why it cannot be one.
 */
export function readTypedCode(typed: string, randomChars: number): TypedCode {
  const canonical = typed.toUpperCase().replace(/[\s\-\u2010-\u2015_]/g, '');
  if (canonical === '') return { ok: false, problem: 'empty' };
  if (/[^A-Z0-9]/.test(canonical) || /[01OIL]/.test(canonical)) {
    return { ok: false, problem: 'characters' };
  }
  if (canonical.length !== randomChars + 2) return { ok: false, problem: 'length' };
  const values = [...canonical].map((char) => ALPHABET.indexOf(char));
  const [first, second] = checkValues(values.slice(0, randomChars));
  if (values[randomChars] !== first || values[randomChars + 1] !== second) {
    return { ok: false, problem: 'check' };
  }
  return { ok: true, canonical };
}
