/**
 * Which rating comes first: instants compared as instants, a goal's baseline (its earliest
 * rating) and its latest. Part of the rating rules (./rating-rules re-exports all of it);
 * kept apart because it imports nothing, so modules on the first screen (src/db/queries.ts)
 * can use it without loading zod or date-fns (docs/performance.md).
 */
import { instantValue, type Instant } from '../lib/instant';

export { instantValue };

/** What ordering needs of a rating. */
export interface TimedRating {
  id: string;
  ratedAt: Instant;
}

/**
 * Orders two ratings given their instants as numbers: earlier first, then by id. Compared as
 * instants, not strings: ISO strings with different offsets or precision do not sort as text.
 */
function compareTimed(aTime: number, a: TimedRating, bTime: number, b: TimedRating): number {
  const byTime = aTime - bTime;
  if (byTime !== 0) return byTime;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** Orders two ratings: the earlier instant first; at the same instant, the lower id first. */
export function compareRatings(a: TimedRating, b: TimedRating): number {
  return compareTimed(instantValue(a.ratedAt), a, instantValue(b.ratedAt), b);
}

/** A new array of the ratings, earliest first; ratings at the same instant are ordered by id. */
export function sortRatings<R extends TimedRating>(ratings: readonly R[]): R[] {
  // Each instant is read once, not at every comparison.
  return ratings
    .map((rating) => ({ rating, time: instantValue(rating.ratedAt) }))
    .sort((a, b) => compareTimed(a.time, a.rating, b.time, b.rating))
    .map(({ rating }) => rating);
}

/** The baseline: the earliest rating (lowest id on a tie), or null with no ratings. */
export function baselineOf<R extends TimedRating>(ratings: readonly R[]): R | null {
  let first: R | null = null;
  let firstTime = 0;
  for (const rating of ratings) {
    const time = instantValue(rating.ratedAt);
    if (first === null || compareTimed(time, rating, firstTime, first) < 0) {
      first = rating;
      firstTime = time;
    }
  }
  return first;
}

/** The latest rating: greatest ratedAt (highest id on a tie), or null with no ratings. */
export function latestOf<R extends TimedRating>(ratings: readonly R[]): R | null {
  let last: R | null = null;
  let lastTime = 0;
  for (const rating of ratings) {
    const time = instantValue(rating.ratedAt);
    if (last === null || compareTimed(time, rating, lastTime, last) > 0) {
      last = rating;
      lastTime = time;
    }
  }
  return last;
}

/** Each goal's baseline (see baselineOf), by goal id, from ratings of any number of goals. */
export function baselinesByGoal<R extends TimedRating & { goalId: string }>(
  ratings: readonly R[],
): Map<string, R> {
  const byGoal = new Map<string, R[]>();
  for (const rating of ratings) {
    const own = byGoal.get(rating.goalId);
    if (own) own.push(rating);
    else byGoal.set(rating.goalId, [rating]);
  }
  const baselines = new Map<string, R>();
  for (const [goalId, own] of byGoal) {
    const baseline = baselineOf(own);
    if (baseline) baselines.set(goalId, baseline);
  }
  return baselines;
}
