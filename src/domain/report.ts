/**
 * The service report: what changed across a service's cases over a date range.
 *
 * Every figure follows "Definitions the app's figures use" in
 * shared/reference/goal-based-outcomes.md; the words for each figure are in
 * docs/report-definitions.md (and, in the app, src/features/reports/definitions.ts).
 * Pure TypeScript: no React, no Dexie, no clock.
 */
import { addDays } from 'date-fns';
import { daysBetween, fromIsoDate, type IsoDate } from '../lib/dates';
import { compareNames } from '../lib/compare-text';
import {
  DOMAINS,
  NOBLE_TRUTHS,
  findMove,
  type DomainId,
  type MarkerShape,
  type NobleTruthId,
} from './framework';
import { baselineOf, latestOf } from './progress';
import {
  LOCATIONS,
  LOCATION_LABELS,
  type Closure,
  type Goal,
  type Location,
  type Rating,
  type Session,
  type YoungPerson,
} from './schemas';

/** CORC analyses a measure only where there are at least this many paired cases. */
export const FEW_CLOSED_CASES = 10;

/** Sessions within which a case counts as "completed within 8 sessions". */
export const SHORT_SUPPORT_SESSIONS = 8;

/** Waiting times the Blackpool reports use: 8 weeks and 18 weeks, in days. */
export const WAITING_DAYS = [56, 126] as const;

/** How many moves the report lists. */
export const TOP_MOVES = 10;

export interface ServiceReportRecords {
  youngPeople: readonly YoungPerson[];
  goals: readonly Goal[];
  sessions: readonly Session[];
  ratings: readonly Rating[];
  closures: readonly Closure[];
}

export interface ServiceReportOptions {
  /** First day of the range, inclusive. */
  from: IsoDate;
  /** Last day of the range, inclusive. */
  to: IsoDate;
  /** One programme, or null for all (including cases with no programme). */
  programme: string | null;
  /** Reliable change threshold in points (3 by default; some services use 2.45). */
  threshold: number;
}

/** What a figure is worked out from, so a reader can judge how far to trust it. */
export interface Basis {
  /** How many things the figure rests on. */
  count: number;
  /** What they are, e.g. "goals with two ratings". */
  unit: string;
  /**
   * The closed cases the figure rests on; null when the figure is a plain count that does not
   * depend on closing (number of sessions, where they took place, and so on).
   */
  closedCases: number | null;
}

export interface Figure<T> {
  value: T;
  basis: Basis;
}

export interface GoalsPerYoungPerson {
  least: number;
  most: number;
  mean: number;
}

export interface DomainCount {
  domain: DomainId;
  name: string;
  colour: string;
  shape: MarkerShape;
  count: number;
}

export interface GoalsPerDomain {
  /** Every domain in framework order, with how many goals are linked to it. */
  domains: DomainCount[];
  /** Goals linked to more than one domain (each counts once in every domain it is linked to). */
  multiDomainGoals: number;
}

export interface LocationCount {
  location: Location;
  label: string;
  count: number;
  /** count / sessions, from 0 to 1; null with no sessions. */
  share: number | null;
}

export interface MoveCount {
  moveId: string;
  number: number;
  name: string;
  domain: DomainId;
  count: number;
}

export interface NobleTruthCount {
  id: NobleTruthId;
  name: string;
  count: number;
}

/**
 * Every figure of the report. Means and shares are null when there is nothing to work them
 * out from; shares run from 0 to 1. Values are not rounded: the page and the CSV round them.
 */
export interface ServiceReport {
  from: IsoDate;
  to: IsoDate;
  programme: string | null;
  threshold: number;
  youngPeople: Figure<number>;
  closedCases: Figure<number>;
  goals: Figure<number>;
  goalsPerYoungPerson: Figure<GoalsPerYoungPerson | null>;
  goalsPerDomain: Figure<GoalsPerDomain>;
  meanBaseline: Figure<number | null>;
  meanClosingScore: Figure<number | null>;
  meanChange: Figure<number | null>;
  goalsImproved: Figure<number | null>;
  goalsReliablyImproved: Figure<number | null>;
  goalsReliablyDeteriorated: Figure<number | null>;
  youngPeopleImproved: Figure<number | null>;
  youngPeopleReliablyImproved: Figure<number | null>;
  youngPeopleReliablyDeteriorated: Figure<number | null>;
  sessions: Figure<number>;
  sessionLocations: Figure<LocationCount[]>;
  meanSessionsPerClosedCase: Figure<number | null>;
  closedWithinEightSessions: Figure<number | null>;
  meanWaitingDays: Figure<number | null>;
  seenWithin56Days: Figure<number | null>;
  seenWithin126Days: Figure<number | null>;
  meanYoungPersonSatisfaction: Figure<number | null>;
  meanParentCarerSatisfaction: Figure<number | null>;
  topMoves: Figure<MoveCount[]>;
  nobleTruths: Figure<NobleTruthCount[]>;
}

/** True when a figure rests on closed cases and on fewer than 10 of them. */
export function restsOnFewClosedCases(figure: Figure<unknown>): boolean {
  const { closedCases } = figure.basis;
  return closedCases !== null && closedCases < FEW_CLOSED_CASES;
}

/** One case a report counts, with all of its records. */
export interface ReportCase {
  youngPerson: YoungPerson;
  closed: boolean;
  goals: { goal: Goal; ratings: Rating[] }[];
  sessions: Session[];
  firstSessionDate: IsoDate | null;
  closure: Closure | null;
}

/** A goal's scores over the ratings that count: on or before closing for a closed case. */
interface GoalScores {
  caseIndex: number;
  baseline: number;
  closing: number;
  change: number;
}

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
  const endOfClosingDay = addDays(fromIsoDate(closedOn), 1).getTime();
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

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function countBasis(count: number, unit: string): Basis {
  return { count, unit, closedCases: null };
}

/** Builds every figure of the service report from all the records on the device. */
export function buildServiceReport(
  records: ServiceReportRecords,
  options: ServiceReportOptions,
): ServiceReport {
  const { threshold } = options;
  const cases = casesInReport(records, options);
  const closed = cases.filter((c) => c.closed);
  const allGoals = cases.flatMap((c) => c.goals);
  const allSessions = cases.flatMap((c) => c.sessions);

  // Goals with two ratings, and the cases they belong to.
  const scored: GoalScores[] = [];
  cases.forEach((c, caseIndex) => {
    const closedOn = closingDateOf(c.youngPerson);
    for (const { ratings } of c.goals) {
      const scores = pairedScores(ratings, closedOn);
      if (scores) scored.push({ caseIndex, ...scores });
    }
  });
  const closedAmong = (caseIndexes: Iterable<number>) => {
    let n = 0;
    for (const i of new Set(caseIndexes)) if (cases[i]?.closed) n += 1;
    return n;
  };
  const goalBasis: Basis = {
    count: scored.length,
    unit: 'goals with two ratings',
    closedCases: closedAmong(scored.map((s) => s.caseIndex)),
  };
  const changes = scored.map((s) => s.change);
  const goalShare = (test: (change: number) => boolean): Figure<number | null> => ({
    value: share(changes.filter(test).length, changes.length),
    basis: goalBasis,
  });

  // Per young person: over their goals with two ratings.
  const changesByCase = new Map<number, number[]>();
  for (const s of scored) {
    const list = changesByCase.get(s.caseIndex);
    if (list) list.push(s.change);
    else changesByCase.set(s.caseIndex, [s.change]);
  }
  const personBasis: Basis = {
    count: changesByCase.size,
    unit: 'young people with a goal with two ratings',
    closedCases: closedAmong(changesByCase.keys()),
  };
  const personLists = [...changesByCase.values()];
  const personShare = (test: (changes: number[]) => boolean): Figure<number | null> => ({
    value: share(personLists.filter(test).length, personLists.length),
    basis: personBasis,
  });
  const improvedReliably = (list: number[]) => list.some((c) => c >= threshold);
  const deterioratedReliably = (list: number[]) => list.some((c) => c <= -threshold);

  // Length of support and waiting time.
  const closedBasis: Basis = {
    count: closed.length,
    unit: 'closed cases',
    closedCases: closed.length,
  };
  const sessionCounts = closed.map((c) => c.sessions.length);
  const waits: number[] = [];
  for (const c of cases) {
    if (c.youngPerson.referralDate && c.firstSessionDate) {
      waits.push(daysBetween(c.youngPerson.referralDate, c.firstSessionDate));
    }
  }
  const waitBasis = countBasis(waits.length, 'cases with a referral date and a session');

  // Satisfaction, from the closure of each closed case.
  const satisfaction = (pick: (c: Closure) => number | null, unit: string) => {
    const scores: number[] = [];
    for (const c of closed) {
      const score = c.closure ? pick(c.closure) : null;
      if (score !== null) scores.push(score);
    }
    return {
      value: mean(scores),
      basis: { count: scores.length, unit, closedCases: scores.length },
    };
  };

  const goalCounts = cases.map((c) => c.goals.length);

  return {
    from: options.from,
    to: options.to,
    programme: options.programme,
    threshold,
    youngPeople: { value: cases.length, basis: countBasis(cases.length, 'young people') },
    closedCases: { value: closed.length, basis: countBasis(cases.length, 'young people') },
    goals: { value: allGoals.length, basis: countBasis(cases.length, 'young people') },
    goalsPerYoungPerson: {
      value:
        cases.length === 0
          ? null
          : {
              least: Math.min(...goalCounts),
              most: Math.max(...goalCounts),
              mean: allGoals.length / cases.length,
            },
      basis: countBasis(cases.length, 'young people'),
    },
    goalsPerDomain: {
      value: goalsPerDomain(allGoals.map((g) => g.goal)),
      basis: countBasis(allGoals.length, 'goals'),
    },
    meanBaseline: { value: mean(scored.map((s) => s.baseline)), basis: goalBasis },
    meanClosingScore: { value: mean(scored.map((s) => s.closing)), basis: goalBasis },
    meanChange: { value: mean(changes), basis: goalBasis },
    goalsImproved: goalShare((c) => c > 0),
    goalsReliablyImproved: goalShare((c) => c >= threshold),
    goalsReliablyDeteriorated: goalShare((c) => c <= -threshold),
    youngPeopleImproved: personShare((list) => (mean(list) ?? 0) > 0),
    youngPeopleReliablyImproved: personShare(
      (list) => improvedReliably(list) && !deterioratedReliably(list),
    ),
    youngPeopleReliablyDeteriorated: personShare(deterioratedReliably),
    sessions: { value: allSessions.length, basis: countBasis(allSessions.length, 'sessions') },
    sessionLocations: {
      value: sessionLocations(allSessions),
      basis: countBasis(allSessions.length, 'sessions'),
    },
    meanSessionsPerClosedCase: { value: mean(sessionCounts), basis: closedBasis },
    closedWithinEightSessions: {
      value: share(sessionCounts.filter((n) => n <= SHORT_SUPPORT_SESSIONS).length, closed.length),
      basis: closedBasis,
    },
    meanWaitingDays: { value: mean(waits), basis: waitBasis },
    seenWithin56Days: {
      value: share(waits.filter((d) => d <= WAITING_DAYS[0]).length, waits.length),
      basis: waitBasis,
    },
    seenWithin126Days: {
      value: share(waits.filter((d) => d <= WAITING_DAYS[1]).length, waits.length),
      basis: waitBasis,
    },
    meanYoungPersonSatisfaction: satisfaction(
      (c) => c.youngPersonSatisfaction,
      "young people's scores",
    ),
    meanParentCarerSatisfaction: satisfaction(
      (c) => c.parentCarerSatisfaction,
      "parents' and carers' scores",
    ),
    topMoves: { value: topMoves(allSessions), basis: countBasis(allSessions.length, 'sessions') },
    nobleTruths: {
      value: nobleTruthCounts(allSessions),
      basis: countBasis(allSessions.length, 'sessions'),
    },
  };
}

/** Goals per domain, every domain in framework order; a goal counts in each of its domains. */
export function goalsPerDomain(goals: readonly Goal[]): GoalsPerDomain {
  const counts = new Map<DomainId, number>();
  let multiDomainGoals = 0;
  for (const goal of goals) {
    const domains = new Set(goal.domains);
    if (domains.size > 1) multiDomainGoals += 1;
    for (const d of domains) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return {
    domains: DOMAINS.map((d) => ({
      domain: d.id,
      name: d.name,
      colour: d.colour,
      shape: d.shape,
      count: counts.get(d.id) ?? 0,
    })),
    multiDomainGoals,
  };
}

/** Sessions by location, every location in the app's order, with shares of all sessions. */
export function sessionLocations(sessions: readonly Session[]): LocationCount[] {
  const counts = new Map<Location, number>();
  for (const s of sessions) counts.set(s.location, (counts.get(s.location) ?? 0) + 1);
  return LOCATIONS.map((location) => {
    const count = counts.get(location) ?? 0;
    return {
      location,
      label: LOCATION_LABELS[location],
      count,
      share: share(count, sessions.length),
    };
  });
}

/** The moves made in most sessions (a move counts once per session), most first, top ten. */
export function topMoves(sessions: readonly Session[], limit: number = TOP_MOVES): MoveCount[] {
  const counts = new Map<string, number>();
  for (const s of sessions) {
    for (const id of new Set(s.moves)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const rows: MoveCount[] = [];
  for (const [moveId, count] of counts) {
    const move = findMove(moveId);
    if (move) {
      rows.push({
        moveId,
        number: move.number,
        name: move.practitioner,
        domain: move.domain,
        count,
      });
    }
  }
  return rows.sort((a, b) => b.count - a.count || a.number - b.number).slice(0, limit);
}

/** All four noble truths with the number of sessions that drew on each, most first. */
export function nobleTruthCounts(sessions: readonly Session[]): NobleTruthCount[] {
  const counts = new Map<NobleTruthId, number>();
  for (const s of sessions) {
    for (const id of new Set(s.nobleTruths)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return NOBLE_TRUTHS.map((t, order) => ({
    id: t.id,
    name: t.name,
    count: counts.get(t.id) ?? 0,
    order,
  }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ id, name, count }) => ({ id, name, count }));
}
