/**
 * Goal Based Outcomes maths for one goal: baseline, latest score, change, reliable change,
 * the coach's wording for progress, and the points a progress chart draws.
 *
 * Definitions follow shared/reference/goal-based-outcomes.md. Pure TypeScript: no React, no
 * Dexie, no clock.
 */
import { formatDate, instantToIsoDate, type IsoDate } from '../lib/dates';
import { baselineOf, latestOf, sortRatings } from './rating-rules';
import { RATER_LABELS, type Rater, type Rating, type Session } from './schemas';

// Which rating is a goal's baseline and which its latest is a rating rule (./rating-rules);
// re-exported because this is where the GBO maths is looked for.
export { baselineOf, latestOf, sortRatings };

/** NHS England's CYP outcomes threshold: a change of 3 points or more is reliable. */
export const RELIABLE_CHANGE_THRESHOLD = 3;

/** A goal's progress over the ratings given (one goal; usually one rater). */
export interface GoalProgress {
  /** Score of the earliest rating, or null with no ratings. */
  baseline: number | null;
  /** Score of the latest rating (greatest ratedAt), or null with no ratings. */
  latest: number | null;
  /** latest - baseline; null unless there are at least two ratings. */
  change: number | null;
  /** How many ratings there are. */
  count: number;
  latestRatedAt: string | null;
  latestRatedBy: Rater | null;
}

export type ReliableChange = 'improvement' | 'deterioration' | 'none';

/** One rating as a chart draws it. */
export interface ChartPoint {
  id: string;
  ratedAt: string;
  /** Calendar date, yyyy-MM-dd (the session's date when the rating belongs to a known session). */
  date: IsoDate;
  /** "12 Nov 2026" */
  dateLabel: string;
  score: number;
  ratedBy: Rater;
  /** "Young person", "Coach", "Parent or carer" */
  raterLabel: string;
  sessionId: string | null;
  isBaseline: boolean;
  /** Position along the x axis, 0-based, in rating order. */
  x: number;
  /** "12 Nov 2026: 6 out of 10, rated by the young person (baseline)" */
  label: string;
}

const RATER_PHRASES: Record<Rater, string> = {
  'young-person': 'the young person',
  coach: 'the coach',
  'parent-carer': 'a parent or carer',
};

/** Who rated, for the middle of a sentence: "the young person", "a parent or carer". */
export function raterPhrase(rater: Rater): string {
  return RATER_PHRASES[rater];
}

/**
 * Baseline, latest score and change for one goal. Change is reported only with at least two
 * ratings. GBO change is per rater, so pass one rater's ratings when the figure is reported.
 */
export function goalProgress(ratings: readonly Rating[]): GoalProgress {
  const baseline = baselineOf(ratings);
  const latest = latestOf(ratings);
  const count = ratings.length;
  return {
    baseline: baseline?.score ?? null,
    latest: latest?.score ?? null,
    change: count >= 2 && baseline && latest ? latest.score - baseline.score : null,
    count,
    latestRatedAt: latest?.ratedAt ?? null,
    latestRatedBy: latest?.ratedBy ?? null,
  };
}

/**
 * Classifies a change: at least +threshold is reliable improvement, at most -threshold is
 * reliable deterioration, anything between is none; null when there is no change to judge.
 */
export function reliableChange(
  change: number | null,
  threshold: number = RELIABLE_CHANGE_THRESHOLD,
): ReliableChange | null {
  if (change === null) return null;
  if (change >= threshold) return 'improvement';
  if (change <= -threshold) return 'deterioration';
  return 'none';
}

/** A change with its sign: "+4", "-2" (hyphen-minus), "0". */
export function formatChange(change: number): string {
  if (change > 0) return `+${change}`;
  if (change < 0) return `-${Math.abs(change)}`;
  return '0';
}

/**
 * Progress as a journey, in the coach's words: "Started at 2, now 6 (+4)",
 * "Started at 4, no change yet (0)", "Baseline 4, not rated again yet", "Not rated yet".
 */
export function describeProgress(progress: GoalProgress): string {
  const { baseline, latest, change } = progress;
  if (baseline === null || latest === null) return 'Not rated yet';
  if (change === null) return `Baseline ${baseline}, not rated again yet`;
  if (change === 0) return `Started at ${baseline}, no change yet (0)`;
  return `Started at ${baseline}, now ${latest} (${formatChange(change)})`;
}

/** "12 Nov 2026: 6 out of 10, rated by the young person (baseline)" */
export function describePoint(point: Omit<ChartPoint, 'label'>): string {
  const baseline = point.isBaseline ? ' (baseline)' : '';
  return `${point.dateLabel}: ${point.score} out of 10, rated by ${raterPhrase(point.ratedBy)}${baseline}`;
}

/**
 * The points of a goal's progress chart: one per rating, earliest first, the first marked as
 * the baseline. With `sessions`, a rating taken in a session shows that session's date, since
 * a session can be logged after the day it took place; otherwise the local date of ratedAt.
 */
export function chartSeries(
  ratings: readonly Rating[],
  sessions: readonly Session[] = [],
): ChartPoint[] {
  const sessionDates = new Map(sessions.map((s) => [s.id, s.date]));
  return sortRatings(ratings).map((rating, index) => {
    const sessionDate = rating.sessionId === null ? undefined : sessionDates.get(rating.sessionId);
    const date = sessionDate ?? instantToIsoDate(rating.ratedAt);
    const point = {
      id: rating.id,
      ratedAt: rating.ratedAt,
      date,
      dateLabel: formatDate(date),
      score: rating.score,
      ratedBy: rating.ratedBy,
      raterLabel: RATER_LABELS[rating.ratedBy],
      sessionId: rating.sessionId,
      isBaseline: index === 0,
      x: index,
    };
    return { ...point, label: describePoint(point) };
  });
}
