/**
 * The anonymised evaluation export in CORC's "snapshot" layout: one row per closed case, with
 * each goal's time 1 (baseline) and time 2 (closing) scores side by side with their months.
 *
 * Anonymised, not only pseudonymised: no names, dates of birth, schools, goal words, notes,
 * comments or record ids; a case number made for this export only; every date as a month; the
 * programme as its code (./programme-codes.ts), never the name typed; and small numbers
 * suppressed (./suppression.ts): with fewer than 5 closed cases there are no rows at all, and
 * a programme or closure reason that fewer than 5 of the file's cases share is written "<5".
 * Pure TypeScript.
 */
import { instantToIsoDate, type IsoDate } from '../lib/dates';
import { toCsv, type CsvCell } from './csv';
import { getDomain, sortDomainIds } from './framework';
import { programmeCodes } from './programme-codes';
import { baselineOf, latestOf } from './progress';
import {
  casesInReport,
  programmesOf,
  ratingsUpToClosing,
  type ReportCase,
  type ServiceReportRecords,
} from './report';
import type { Rating, Session } from './schemas';
import { SUPPRESSED, SUPPRESS_BELOW, isSmallCount } from './suppression';
import { compareInstants } from '../lib/instant';

export interface SnapshotOptions {
  from: IsoDate;
  to: IsoDate;
  programme: string | null;
}

export interface Snapshot {
  header: string[];
  /** One row per closed case; none when there are fewer than 5 closed cases. */
  rows: CsvCell[][];
  /** How many closed cases the range and programme hold (rows or not). */
  closedCases: number;
}

/** The fewest closed cases an evaluation export is made from: fewer would single people out. */
export const MIN_EXPORT_CASES = SUPPRESS_BELOW;

/** The columns before the goals, in order. */
export const SNAPSHOT_CASE_COLUMNS = [
  'case',
  'programme',
  'referral_month',
  'closed_month',
  'closure_reason',
  'sessions',
  'goals',
  'young_person_satisfaction',
  'parent_carer_satisfaction',
] as const;

/** The columns of goal N (from 1), in order. */
export function goalColumns(n: number): string[] {
  return [
    `goal${n}_domains`,
    `goal${n}_status`,
    `goal${n}_outcome`,
    `goal${n}_t1_score`,
    `goal${n}_t1_month`,
    `goal${n}_t2_score`,
    `goal${n}_t2_month`,
  ];
}

/** A pseudonymous case number for this export only: C001, C002, ... */
export function caseNumber(index: number): string {
  return `C${String(index + 1).padStart(3, '0')}`;
}

/** The date a rating was given: its session's date, else the local date of ratedAt. */
function ratingDate(rating: Rating, sessionDates: ReadonlyMap<string, IsoDate>): IsoDate {
  const fromSession = rating.sessionId === null ? undefined : sessionDates.get(rating.sessionId);
  return fromSession ?? instantToIsoDate(rating.ratedAt);
}

/** yyyy-MM: the export never gives a day. */
function month(date: IsoDate | null): string | null {
  return date === null ? null : date.slice(0, 7);
}

/**
 * Each case's value of a category (programme code, closure reason), with any value that fewer
 * than 5 of the cases share written "<5". Empty values stay empty.
 */
function suppressRare(values: readonly (string | null)[]): (string | null)[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return values.map((v) => (v !== null && isSmallCount(counts.get(v) ?? 0) ? SUPPRESSED : v));
}

/** The goal columns of one goal of a closed case. */
function goalCells(c: ReportCase, entry: ReportCase['goals'][number]): CsvCell[] {
  const { youngPerson, closure } = c;
  const sessionDates = new Map(c.sessions.map((s: Session) => [s.id, s.date]));
  const counted = ratingsUpToClosing(entry.ratings, youngPerson.closedOn);
  const t1 = baselineOf(counted);
  const t2 = counted.length >= 2 ? latestOf(counted) : null;
  return [
    sortDomainIds(entry.goal.domains)
      .map((d) => getDomain(d).name)
      .join('; '),
    entry.goal.status,
    closure?.goalOutcomes[entry.goal.id] ?? null,
    t1?.score ?? null,
    t1 ? month(ratingDate(t1, sessionDates)) : null,
    t2?.score ?? null,
    t2 ? month(ratingDate(t2, sessionDates)) : null,
  ];
}

/**
 * The snapshot of the closed cases a service report over the same range and programme counts,
 * ordered by closing date. Goals are numbered in the order they were set; the row is as wide as
 * the case with the most goals. With fewer than 5 closed cases it has no rows.
 */
export function buildEvaluationSnapshot(
  records: ServiceReportRecords,
  options: SnapshotOptions,
): Snapshot {
  const closed = casesInReport(records, options)
    .filter((c) => c.closed)
    .sort(
      (a, b) =>
        (a.youngPerson.closedOn ?? '').localeCompare(b.youngPerson.closedOn ?? '') ||
        compareInstants(a.youngPerson.createdAt, b.youngPerson.createdAt),
    );
  if (closed.length < MIN_EXPORT_CASES) {
    return { header: [...SNAPSHOT_CASE_COLUMNS], rows: [], closedCases: closed.length };
  }
  const maxGoals = Math.max(0, ...closed.map((c) => c.goals.length));
  const header: string[] = [...SNAPSHOT_CASE_COLUMNS];
  for (let n = 1; n <= maxGoals; n += 1) header.push(...goalColumns(n));

  const codes = programmeCodes(programmesOf(records.youngPeople));
  const programmes = suppressRare(
    closed.map((c) =>
      c.youngPerson.programme ? (codes.get(c.youngPerson.programme) ?? null) : null,
    ),
  );
  const reasons = suppressRare(closed.map((c) => c.closure?.reason ?? null));

  const rows = closed.map((c, index) => {
    const { closure } = c;
    const row: CsvCell[] = [
      caseNumber(index),
      programmes[index] ?? null,
      month(c.youngPerson.referralDate),
      month(c.youngPerson.closedOn),
      reasons[index] ?? null,
      c.sessions.length,
      c.goals.length,
      closure?.youngPersonSatisfaction ?? null,
      closure?.parentCarerSatisfaction ?? null,
    ];
    const goals = [...c.goals].sort(
      (a, b) =>
        compareInstants(a.goal.createdAt, b.goal.createdAt) || a.goal.id.localeCompare(b.goal.id),
    );
    for (let n = 0; n < maxGoals; n += 1) {
      const entry = goals[n];
      row.push(...(entry ? goalCells(c, entry) : goalColumns(n + 1).map(() => null)));
    }
    return row;
  });
  return { header, rows, closedCases: closed.length };
}

/** The snapshot as CSV, with a byte order mark so spreadsheets read it as UTF-8. */
export function evaluationSnapshotCsv(
  records: ServiceReportRecords,
  options: SnapshotOptions,
): string {
  const { header, rows } = buildEvaluationSnapshot(records, options);
  return toCsv(header, rows, { bom: true });
}
