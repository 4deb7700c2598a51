/**
 * Which cases a report counts, and which of their ratings count towards a goal's scores.
 * Pure TypeScript: no React, no Dexie, no clock.
 */
import { endOfDay, type IsoDate } from '../../lib/dates';
import { compareNames } from '../../lib/compare-text';
import { baselineOf, latestOf } from '../progress';
import type { Closure, Rating, YoungPerson } from '../schemas';
import type {
  GoalScores,
  ReportCase,
  ReportScope,
  ServiceReportOptions,
  ServiceReportRecords,
} from './types';

/** The programmes named on any young person's record, sorted, for the report's filter. */
export function programmesOf(youngPeople: readonly YoungPerson[]): string[] {
  const names = new Set<string>();
  for (const p of youngPeople) if (p.programme) names.add(p.programme);
  return [...names].sort(compareNames);
}

/** The closing date of a case counted as closed, or null for an open case. */
function closingDateOf(youngPerson: YoungPerson): IsoDate | null {
  return youngPerson.status === 'closed' ? youngPerson.closedOn : null;
}

/** The closure in force for a closed case: its latest closure that was not reopened. */
export function currentClosure(
  youngPerson: YoungPerson,
  closures: readonly Closure[],
): Closure | null {
  if (youngPerson.status !== 'closed') return null;
  let found: Closure | null = null;
  for (const c of closures) {
    if (c.youngPersonId !== youngPerson.id || c.reopenedOn !== null) continue;
    if (
      found === null ||
      c.closedOn > found.closedOn ||
      (c.closedOn === found.closedOn && c.createdAt > found.createdAt)
    ) {
      found = c;
    }
  }
  return found;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The cases a report counts: those of the programme (or all) whose first session or closing
 * date falls in the range, each with all of its goals, sessions and ratings.
 */
export function casesInReport(
  records: ServiceReportRecords,
  options: Pick<ServiceReportOptions, 'from' | 'to' | 'programme'>,
): ReportCase[] {
  const { from, to, programme } = options;
  const inRange = (date: IsoDate | null) => date !== null && date >= from && date <= to;
  const sessionsByPerson = groupBy(records.sessions, (s) => s.youngPersonId);
  const goalsByPerson = groupBy(records.goals, (g) => g.youngPersonId);
  const ratingsByGoal = groupBy(records.ratings, (r) => r.goalId);
  const closuresByPerson = groupBy(records.closures, (c) => c.youngPersonId);
  const cases: ReportCase[] = [];
  for (const youngPerson of records.youngPeople) {
    if (programme !== null && youngPerson.programme !== programme) continue;
    const sessions = sessionsByPerson.get(youngPerson.id) ?? [];
    let firstSessionDate: IsoDate | null = null;
    for (const s of sessions)
      if (firstSessionDate === null || s.date < firstSessionDate) firstSessionDate = s.date;
    const closedOn = closingDateOf(youngPerson);
    if (!inRange(firstSessionDate) && !inRange(closedOn)) continue;
    cases.push({
      youngPerson,
      closed: closedOn !== null,
      goals: (goalsByPerson.get(youngPerson.id) ?? []).map((goal) => ({
        goal,
        ratings: ratingsByGoal.get(goal.id) ?? [],
      })),
      sessions,
      firstSessionDate,
      closure: currentClosure(youngPerson, closuresByPerson.get(youngPerson.id) ?? []),
    });
  }
  return cases;
}

/**
 * The ratings that count towards a goal's closing score: for a closed case those rated on or
 * before the closing date (by the device's calendar), for an open case all of them.
 */
export function ratingsUpToClosing(ratings: readonly Rating[], closedOn: IsoDate | null): Rating[] {
  if (closedOn === null) return [...ratings];
  const endOfClosingDay = endOfDay(closedOn).getTime();
  return ratings.filter((r) => Date.parse(r.ratedAt) < endOfClosingDay);
}

/** Baseline, closing score and change of a goal, or null with fewer than two ratings. */
export function pairedScores(
  ratings: readonly Rating[],
  closedOn: IsoDate | null,
): { baseline: number; closing: number; change: number } | null {
  const counted = ratingsUpToClosing(ratings, closedOn);
  if (counted.length < 2) return null;
  const baseline = baselineOf(counted);
  const closing = latestOf(counted);
  if (!baseline || !closing) return null;
  return {
    baseline: baseline.score,
    closing: closing.score,
    change: closing.score - baseline.score,
  };
}

/** The goals with two ratings that count, each with the index of its case. */
function scoredGoals(cases: readonly ReportCase[]): GoalScores[] {
  const scored: GoalScores[] = [];
  cases.forEach((c, caseIndex) => {
    const closedOn = closingDateOf(c.youngPerson);
    for (const { ratings } of c.goals) {
      const scores = pairedScores(ratings, closedOn);
      if (scores) scored.push({ caseIndex, ...scores });
    }
  });
  return scored;
}

/** The cases a report counts, with what its sections are built from gathered once. */
export function reportScope(
  records: ServiceReportRecords,
  options: ServiceReportOptions,
): ReportScope {
  const cases = casesInReport(records, options);
  return {
    cases,
    closed: cases.filter((c) => c.closed),
    goals: cases.flatMap((c) => c.goals.map((g) => g.goal)),
    sessions: cases.flatMap((c) => c.sessions),
    scored: scoredGoals(cases),
    threshold: options.threshold,
  };
}
