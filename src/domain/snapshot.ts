/**
 * The anonymised evaluation export in CORC's "snapshot" layout: one row per closed case, with
 * each goal's time 1 (baseline) and time 2 (closing) scores side by side with their dates.
 *
 * No names, dates of birth, schools, goal words, notes or comments: only a case number made
 * for this export, the programme, months, codes and scores. Pure TypeScript.
 */
import { instantToIsoDate, type IsoDate } from '../lib/dates';
import { toCsv, type CsvCell } from './csv';
import { getDomain, sortDomainIds } from './framework';
import { baselineOf, latestOf } from './progress';
import { casesInReport, ratingsUpToClosing, type ServiceReportRecords } from './report';
import type { Rating, Session } from './schemas';
import { compareInstants } from '../lib/instant';

export interface SnapshotOptions {
  from: IsoDate;
  to: IsoDate;
  programme: string | null;
}

export interface Snapshot {
  header: string[];
  rows: CsvCell[][];
}

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
    `goal${n}_t1_date`,
    `goal${n}_t2_score`,
    `goal${n}_t2_date`,
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

function month(date: IsoDate | null): string | null {
  return date === null ? null : date.slice(0, 7);
}

/**
 * The snapshot of the closed cases a service report over the same range and programme counts,
 * ordered by closing date. Goals are numbered in the order they were set; the row is as wide as
 * the case with the most goals.
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
  const maxGoals = Math.max(0, ...closed.map((c) => c.goals.length));
  const header: string[] = [...SNAPSHOT_CASE_COLUMNS];
  for (let n = 1; n <= maxGoals; n += 1) header.push(...goalColumns(n));

  const rows = closed.map((c, index) => {
    const { youngPerson, closure } = c;
    const sessionDates = new Map(c.sessions.map((s: Session) => [s.id, s.date]));
    const row: CsvCell[] = [
      caseNumber(index),
      youngPerson.programme,
      month(youngPerson.referralDate),
      month(youngPerson.closedOn),
      closure?.reason ?? null,
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
      if (!entry) {
        row.push(...goalColumns(n + 1).map(() => null));
        continue;
      }
      const counted = ratingsUpToClosing(entry.ratings, youngPerson.closedOn);
      const t1 = baselineOf(counted);
      const t2 = counted.length >= 2 ? latestOf(counted) : null;
      row.push(
        sortDomainIds(entry.goal.domains)
          .map((d) => getDomain(d).name)
          .join('; '),
        entry.goal.status,
        closure?.goalOutcomes[entry.goal.id] ?? null,
        t1?.score ?? null,
        t1 ? ratingDate(t1, sessionDates) : null,
        t2?.score ?? null,
        t2 ? ratingDate(t2, sessionDates) : null,
      );
    }
    return row;
  });
  return { header, rows };
}

/** The snapshot as CSV, with a byte order mark so spreadsheets read it as UTF-8. */
export function evaluationSnapshotCsv(
  records: ServiceReportRecords,
  options: SnapshotOptions,
): string {
  const { header, rows } = buildEvaluationSnapshot(records, options);
  return toCsv(header, rows, { bom: true });
}
