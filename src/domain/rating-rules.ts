/**
 * The rules about Goal Based Outcomes ratings, written once: what a score may be, which rating
 * is a goal's baseline (and which its latest), when a new rating is stamped, which goals a
 * session asks a score for, each goal's score before a session, and how many goals each
 * session rated.
 *
 * The repositories, the forms and the pages call these, so a rule cannot drift between them.
 * Pure TypeScript: no React, no Dexie, no clock (the time is passed in).
 *
 * The functions take only the fields they read, so this module needs nothing from
 * ./schemas, which builds the rating schema from `scoreSchema` here. The order of ratings
 * (baseline, latest) is written in ./rating-order and re-exported here: see why there.
 */
import { z } from 'zod';
import {
  fromIsoDate,
  instantToIsoDate,
  parseInstant,
  toInstant,
  toIsoDate,
  type Instant,
  type IsoDate,
} from '../lib/dates';
import type { GoalStatus } from './labels';
import { baselineOf, instantValue, latestOf, type TimedRating } from './rating-order';

// ---------------------------------------------------------------------------
// Scores

export const MIN_SCORE = 0;
export const MAX_SCORE = 10;

/** The scores a person can choose, 0 to 10, in order. */
export const SCORES: readonly number[] = Array.from(
  { length: MAX_SCORE - MIN_SCORE + 1 },
  (_, i) => MIN_SCORE + i,
);

/** True for a whole number from 0 to 10: the only scores a rating may hold. */
export function isScore(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= MIN_SCORE && value <= MAX_SCORE
  );
}

const NOT_A_SCORE = `A score is a whole number from ${MIN_SCORE} to ${MAX_SCORE}.`;

/**
 * A score as zod checks it: a whole number from 0 to 10. Only number schemas are built here:
 * ./schemas sets zod's jitless mode, which object schemas read when they are built.
 */
export const scoreSchema = z
  .number({ message: `Choose a score from ${MIN_SCORE} to ${MAX_SCORE}.` })
  .int({ message: NOT_A_SCORE })
  .min(MIN_SCORE, { message: NOT_A_SCORE })
  .max(MAX_SCORE, { message: NOT_A_SCORE });

// ---------------------------------------------------------------------------
// Order: baseline and latest (in ./rating-order, which imports nothing, so the first screen
// can sort ratings without loading zod or date-fns; re-exported here with the other rules)

export {
  baselineOf,
  baselinesByGoal,
  compareRatings,
  latestOf,
  sortRatings,
  type TimedRating,
} from './rating-order';

// ---------------------------------------------------------------------------
// When a rating is stamped

/** How long after the rating it must follow a new rating is stamped, at the least. */
export const RATING_STEP_MS = 1000;

/** What a new rating's instant depends on besides the time it is made. */
export interface StampRule {
  /**
   * The calendar date the rating belongs to (a session's date, a closing date). Left out, the
   * rating is stamped now.
   */
  on?: IsoDate;
  /**
   * The rating it must come after: the goal's baseline for a session's or a one-off rating, so
   * the baseline stays the earliest; the goal's latest rating for a closing rating.
   */
  after?: TimedRating | null;
}

/**
 * The instant a rating made at `now` is stamped with. A rating on today's date (or with no
 * date) carries the real time. A back-dated one takes the time of day of `now` on its date, so
 * two sessions logged for one date keep the order they were logged in. Either way it is never
 * earlier than one second after `rule.after`.
 */
export function ratedAtFor(now: Date, rule: StampRule = {}): Instant {
  const { on, after } = rule;
  let candidate = now.getTime();
  if (on !== undefined && on !== toIsoDate(now)) {
    const day = fromIsoDate(on);
    day.setHours(now.getHours(), now.getMinutes(), now.getSeconds(), now.getMilliseconds());
    candidate = day.getTime();
  }
  const floor = after ? instantValue(after.ratedAt) + RATING_STEP_MS : candidate;
  return toInstant(new Date(Math.max(candidate, floor)));
}

/**
 * A rating's instant once its session moves to the date `rule.on`: the time of day it already
 * had, on the new date, so the rating keeps its place among that day's ratings and is not
 * made to look as if it were given at the moment of the edit (which is what ratedAtFor would
 * stamp). Never later than `now` (a session moved to today keeps to the past), and never
 * earlier than one second after `rule.after`, as ratedAtFor.
 */
export function movedRatedAt(
  ratedAt: Instant,
  now: Date,
  rule: { on: IsoDate; after?: TimedRating | null },
): Instant {
  const was = parseInstant(ratedAt);
  const day = fromIsoDate(rule.on);
  day.setHours(was.getHours(), was.getMinutes(), was.getSeconds(), was.getMilliseconds());
  const candidate = Math.min(day.getTime(), now.getTime());
  const floor = rule.after ? instantValue(rule.after.ratedAt) + RATING_STEP_MS : candidate;
  return toInstant(new Date(Math.max(candidate, floor)));
}

// ---------------------------------------------------------------------------
// Sessions

/**
 * The goals a session on `date` asks a score for: active goals whose baseline was taken on or
 * before that date (by its local calendar date), plus any goal already rated in this session
 * (when editing it), whatever its status. In the order the goals are given.
 */
export function goalsToRate<G extends { id: string; status: GoalStatus }>(
  goals: readonly G[],
  baselines: ReadonlyMap<string, { ratedAt: Instant }>,
  date: IsoDate,
  alreadyRated: ReadonlySet<string> = new Set(),
): G[] {
  return goals.filter((g) => {
    if (alreadyRated.has(g.id)) return true;
    const baseline = baselines.get(g.id);
    return g.status === 'active' && !!baseline && instantToIsoDate(baseline.ratedAt) <= date;
  });
}

/** What the session rules need of a rating. */
interface SessionRating extends TimedRating {
  sessionId: string | null;
}

/**
 * goalsToRate for goals given with their ratings: each goal's baseline is taken from its own
 * ratings. In the order the goals are given.
 */
export function goalsAskedAbout<G extends { id: string; status: GoalStatus }>(
  goals: readonly { goal: G; ratings: readonly TimedRating[] }[],
  date: IsoDate,
  alreadyRated: ReadonlySet<string> = new Set(),
): G[] {
  const baselines = new Map<string, TimedRating>();
  for (const { goal, ratings } of goals) {
    const baseline = baselineOf(ratings);
    if (baseline) baselines.set(goal.id, baseline);
  }
  return goalsToRate(
    goals.map((g) => g.goal),
    baselines,
    date,
    alreadyRated,
  );
}

/**
 * A goal's latest score before a session on `date`: ratings made in that session itself
 * (when editing, `sessionId`) and ratings after its date do not count; on the session's own
 * date, only ratings before this session's own count. Null if there is none.
 */
export function previousScore(
  ratings: readonly (SessionRating & { score: number })[],
  date: IsoDate,
  sessionId?: string,
): number | null {
  const own = sessionId ? ratings.find((r) => r.sessionId === sessionId) : undefined;
  const ownAt = own && instantToIsoDate(own.ratedAt) === date ? instantValue(own.ratedAt) : null;
  const earlier = ratings.filter((r) => {
    if (sessionId && r.sessionId === sessionId) return false;
    const day = instantToIsoDate(r.ratedAt);
    if (day > date) return false;
    return !(ownAt !== null && day === date && instantValue(r.ratedAt) >= ownAt);
  });
  return latestOf(earlier)?.score ?? null;
}

/** The rating of the same goal given just before `rating`, outside its session; or null. */
export function ratingBefore<R extends SessionRating>(ratings: readonly R[], rating: R): R | null {
  const at = instantValue(rating.ratedAt);
  return latestOf(
    ratings.filter(
      (r) =>
        r.id !== rating.id &&
        (r.sessionId === null || r.sessionId !== rating.sessionId) &&
        instantValue(r.ratedAt) < at,
    ),
  );
}

/** How many goals were rated in each session, by session id; ratings outside a session are left out. */
export function countRatingsBySession(
  goals: readonly { ratings: readonly { sessionId: string | null }[] }[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { ratings } of goals) {
    for (const r of ratings) {
      if (r.sessionId !== null) counts.set(r.sessionId, (counts.get(r.sessionId) ?? 0) + 1);
    }
  }
  return counts;
}
