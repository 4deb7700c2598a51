/**
 * Programme codes for the anonymised evaluation export. The programme is typed freely, so its
 * name could say anything (a school, a person, a place); the export writes a code instead.
 * The programmes the app suggests have fixed codes; any other name gets P01, P02, ... in
 * alphabetical order of the other names on the device, and the report page shows which is
 * which (the file does not). Pure TypeScript.
 */
import { compareNames } from '../lib/compare-text';
import { PROGRAMME_SUGGESTIONS } from './labels';

/** The fixed codes of the programmes the app suggests. */
export const PROGRAMME_CODES: Record<(typeof PROGRAMME_SUGGESTIONS)[number], string> = {
  'Moving on Up 1:1': 'MOU',
  'Back on Track': 'BOT',
  'Self-Harm Support': 'SHS',
  'Walk and Talk': 'WAT',
  'Friend for Life': 'FFL',
};

const key = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

const FIXED = new Map(Object.entries(PROGRAMME_CODES).map(([name, code]) => [key(name), code]));

/**
 * A code for each programme name given (the programmes on the device): the fixed code of a
 * suggested programme however its name is capitalised or spaced, otherwise P01, P02, ... by
 * name. Names that differ only in case or spacing share a code.
 */
export function programmeCodes(programmes: readonly string[]): Map<string, string> {
  const codes = new Map<string, string>();
  const others = new Map<string, string[]>();
  for (const name of programmes) {
    const fixed = FIXED.get(key(name));
    if (fixed) codes.set(name, fixed);
    else others.set(key(name), [...(others.get(key(name)) ?? []), name]);
  }
  const ordered = [...others.entries()].sort(([a], [b]) => compareNames(a, b));
  ordered.forEach(([, names], index) => {
    const code = `P${String(index + 1).padStart(2, '0')}`;
    for (const name of names) codes.set(name, code);
  });
  return codes;
}
