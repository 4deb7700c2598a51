import { describe, expect, it } from 'vitest';
import { safeFileName, youngPersonFileName } from '../../../src/lib/file-names';

describe('safeFileName', () => {
  it.each([
    ['report 2026/27.csv', 'report-2026-27.csv'],
    ['Zoë’s summary.json', 'Zoe-s-summary.json'],
    ['--..hidden..--', 'hidden'],
    ['a   b', 'a-b'],
    ['', 'download'],
    ['///', 'download'],
  ])('%j becomes %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});

describe('youngPersonFileName', () => {
  it('names a file by the start of the id and the date, never by a name', () => {
    expect(youngPersonFileName('summary', '1a2b3c4d-5e6f-7a8b', '2026-11-23', 'csv')).toBe(
      'summary-1a2b3c4d-2026-11-23.csv',
    );
  });
});
