/**
 * The shapes of the service report: what it is built from, its options, and its figures.
 * Every figure follows "Definitions the app's figures use" in
 * shared/reference/goal-based-outcomes.md; the words for each are in ./figures.ts.
 */
import type { IsoDate } from '../../lib/dates';
import type { DomainId, MarkerShape, NobleTruthId } from '../framework';
import type { Closure, Goal, Location, Rating, Session, YoungPerson } from '../schemas';

/** All the records on the device that a report may count. */
export interface ServiceReportRecords {
  youngPeople: readonly YoungPerson[];
  goals: readonly Goal[];
  sessions: readonly Session[];
  ratings: readonly Rating[];
  closures: readonly Closure[];
}

/** What a report is run over. */
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

/** One figure of the report: its value and what it rests on. */
export interface Figure<T> {
  value: T;
  basis: Basis;
}

/** The fewest and most goals any one young person has, and the mean. */
export interface GoalsPerYoungPerson {
  least: number;
  most: number;
  mean: number;
}

/** How many goals are linked to one domain, with what the chart draws it with. */
export interface DomainCount {
  domain: DomainId;
  name: string;
  colour: string;
  shape: MarkerShape;
  count: number;
}

/** Goals per domain of the Resilience Framework. */
export interface GoalsPerDomain {
  /** Every domain in framework order, with how many goals are linked to it. */
  domains: DomainCount[];
  /** Goals linked to more than one domain (each counts once in every domain it is linked to). */
  multiDomainGoals: number;
}

/** The sessions held in one place. */
export interface LocationCount {
  location: Location;
  label: string;
  count: number;
  /** count / sessions, from 0 to 1; null with no sessions. */
  share: number | null;
}

/** The sessions one resilient move was made in. */
export interface MoveCount {
  moveId: string;
  number: number;
  name: string;
  domain: DomainId;
  count: number;
}

/** The sessions that drew on one noble truth. */
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

/** The keys of the report that are figures. */
export type FigureId = {
  [K in keyof ServiceReport]: ServiceReport[K] extends Figure<unknown> ? K : never;
}[keyof ServiceReport];

/** The figures that are one number (or nothing to show). */
export type ScalarFigureId = {
  [K in FigureId]: ServiceReport[K] extends Figure<number | null> ? K : never;
}[FigureId];

/** The figures that are more than one number: lists, and goals per young person. */
export type ListFigureId = Exclude<FigureId, ScalarFigureId>;

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
export interface GoalScores {
  /** The goal's case, as an index into ReportScope.cases. */
  caseIndex: number;
  baseline: number;
  closing: number;
  change: number;
}

/**
 * What every section of the report is built from: the cases counted, with their closed
 * cases, goals, sessions and scored goals gathered once.
 */
export interface ReportScope {
  cases: ReportCase[];
  closed: ReportCase[];
  goals: Goal[];
  sessions: Session[];
  /** The goals with two ratings (that count), and the cases they belong to. */
  scored: GoalScores[];
  threshold: number;
}
