import { describe, expect, it } from 'vitest';
import { compareNames, compareText } from '../../../src/lib/compare-text';

const WORDS = [
  'Zoë Abernethy',
  'zoe abernethy',
  'Óscar Quenby',
  'oscar quenby',
  'Ana-Maria Lund',
  'Ana Maria Lund',
  'Ben',
  'ben',
  'Éloïse',
  'Eloise',
  '',
  'Go swimming on Saturdays',
  'go swimming on saturdays',
];

describe('compareNames and compareText', () => {
  it('sort as localeCompare does with the same locale and options', () => {
    for (const a of WORDS) {
      for (const b of WORDS) {
        const names = a.localeCompare(b, 'en-GB', { sensitivity: 'base' });
        const text = a.localeCompare(b, 'en-GB');
        expect(Math.sign(compareNames(a, b)), `${a} | ${b}`).toBe(Math.sign(names));
        expect(Math.sign(compareText(a, b)), `${a} | ${b}`).toBe(Math.sign(text));
      }
    }
  });

  it('ignore case and accents for names only', () => {
    expect(compareNames('Zoë', 'zoe')).toBe(0);
    expect(compareText('Zoë', 'zoe')).not.toBe(0);
  });
});
