import { describe, expect, it } from 'vitest';
import type { CaseloadRow } from '../../../../src/db/queries';
import { filterCaseload } from '../../../../src/features/young-people/filter-caseload';

function row(name: string): CaseloadRow {
  return {
    youngPerson: {
      id: `id-${name}`,
      name,
      dateOfBirth: null,
      school: null,
      programme: null,
      referralDate: null,
      status: 'open',
      closedOn: null,
      closureReason: null,
      createdAt: '2026-09-01T10:00:00.000Z',
      updatedAt: '2026-09-01T10:00:00.000Z',
    },
    goalCount: 0,
    activeGoalCount: 0,
    sessionCount: 0,
    lastSessionDate: null,
  };
}

const ROWS = [row('Zoë'), row('Chloé B'), row('Ben'), row('Demo: Amara'), row('ZOE K')];
const names = (rows: CaseloadRow[]) => rows.map((r) => r.youngPerson.name);

describe('filterCaseload', () => {
  it('keeps every row, in order, for an empty or blank query', () => {
    expect(filterCaseload(ROWS, '')).toBe(ROWS);
    expect(names(filterCaseload(ROWS, '   '))).toEqual(names(ROWS));
  });

  it('matches part of a name, ignoring case and accents both ways', () => {
    expect(names(filterCaseload(ROWS, 'zoe'))).toEqual(['Zoë', 'ZOE K']);
    expect(names(filterCaseload(ROWS, 'ZOË'))).toEqual(['Zoë', 'ZOE K']);
    expect(names(filterCaseload(ROWS, 'chloe'))).toEqual(['Chloé B']);
    expect(names(filterCaseload(ROWS, ' amara '))).toEqual(['Demo: Amara']);
    expect(names(filterCaseload(ROWS, 'demo:'))).toEqual(['Demo: Amara']);
  });

  it('returns nothing when no name matches', () => {
    expect(filterCaseload(ROWS, 'Xander')).toEqual([]);
  });
});
