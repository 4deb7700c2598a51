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
