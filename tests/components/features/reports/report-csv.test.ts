import { describe, expect, it } from 'vitest';
import { UTF8_BOM } from '../../../../src/domain/csv';
import { buildServiceReport } from '../../../../src/domain/report';
import {
  REPORT_CSV_HEADER,
  reportCsv,
  reportCsvRows,
} from '../../../../src/features/reports/report-csv';
import { reportFileStem } from '../../../../src/features/reports/report-downloads';

const EMPTY = { youngPeople: [], goals: [], sessions: [], ratings: [], closures: [] };
const OPTIONS = { from: '2026-01-01', to: '2026-12-31', programme: null, threshold: 2.45 };

describe('reportCsv', () => {
  it('starts with what the report covers, then one row per figure', () => {
    const rows = reportCsvRows(buildServiceReport(EMPTY, OPTIONS));
    expect(rows.slice(0, 5)).toEqual([
      ['Report', 'From', '2026-01-01', null, null, null, null],
      ['Report', 'To', '2026-12-31', null, null, null, null],
      ['Report', 'Programme', 'All programmes', null, null, null, null],
      ['Report', 'Reliable change threshold', 2.45, null, null, null, null],
      ['Young people', null, 0, 'young people', 0, 'young people', null],
    ]);
    expect(rows).toContainEqual([
      'Mean change',
      null,
      null,
      'points',
      0,
      'goals with two ratings',
      'rests on fewer than 10 closed cases',
    ]);
    expect(rows).toContainEqual(['Goals per domain', 'Core Self', 0, 'goals', 0, 'goals', null]);
    expect(rows).toContainEqual([
      'Noble truths drawn on',
      'Accepting',
      0,
      'sessions',
      0,
      'sessions',
      null,
    ]);
  });

  it('suppresses small numbers: counts of 1 to 4 as "<5", means and shares resting on them as "suppressed"', () => {
    const report = buildServiceReport(EMPTY, OPTIONS);
    const closed = (count: number) => ({ count, unit: 'goals with two ratings', closedCases: 12 });
    const sessions = { count: 6, unit: 'sessions', closedCases: null };
    const changed = {
      ...report,
      youngPeople: { value: 3, basis: { count: 3, unit: 'young people', closedCases: null } },
      goals: { value: 12, basis: { count: 12, unit: 'goals', closedCases: null } },
      meanChange: { value: 2.5, basis: closed(4) },
      meanBaseline: { value: 3.25, basis: closed(5) },
      // 2 of 10 goals improved: the part is small, so the share is hidden too.
      goalsImproved: { value: 0.2, basis: closed(10) },
      goalsReliablyImproved: { value: 0.5, basis: closed(10) },
      goalsReliablyDeteriorated: { value: 0, basis: closed(10) },
      sessionLocations: {
        value: [
          { location: 'school' as const, label: 'School', count: 5, share: 5 / 6 },
          { location: 'outdoors' as const, label: 'Outdoors', count: 1, share: 1 / 6 },
        ],
        basis: sessions,
      },
    };
    const rows = reportCsvRows(changed);
    const find = (label: string, item: string | null = null) =>
      rows.find((r) => r[0] === label && r[1] === item);
    expect(find('Young people')).toEqual([
      'Young people',
      null,
      '<5',
      'young people',
      '<5',
      'young people',
      null,
    ]);
    expect(find('Goals')?.slice(2, 5)).toEqual([12, 'goals', 12]);
    expect(find('Mean change')?.slice(2, 7)).toEqual([
      'suppressed',
      'points',
      '<5',
      'goals with two ratings',
      'suppressed: rests on fewer than 5',
    ]);
    expect(find('Mean baseline')?.slice(2, 5)).toEqual([3.25, 'out of 10', 5]);
    expect(find('Goals improved')?.slice(2, 3)).toEqual(['suppressed']);
    expect(find('Goals with reliable improvement')?.slice(2, 3)).toEqual([50]);
    expect(find('Goals with reliable deterioration')?.slice(2, 3)).toEqual([0]);
    expect(find('Where sessions took place', 'School')?.slice(2, 5)).toEqual([83.3, '%', 6]);
    expect(find('Where sessions took place', 'Outdoors')?.slice(2, 3)).toEqual(['suppressed']);
  });

  it('writes the header first, with a byte order mark and CRLF lines', () => {
    const csv = reportCsv(buildServiceReport(EMPTY, OPTIONS));
    expect(csv.startsWith(`${UTF8_BOM}${REPORT_CSV_HEADER.join(',')}\r\n`)).toBe(true);
  });

  it('names files after the range only, never the programme', () => {
    expect(reportFileStem({ from: '2026-01-01', to: '2026-12-31' })).toBe(
      '2026-01-01-to-2026-12-31',
    );
    const withProgramme = { from: '2026-01-01', to: '2026-12-31', programme: 'Self-Harm Support' };
    expect(reportFileStem(withProgramme)).toBe('2026-01-01-to-2026-12-31');
  });
});
