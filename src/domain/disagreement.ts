/**
 * When the young person and the coach see the same goal differently: a young person's and a
 * coach's rating of one goal, made at about the same time, that differ by a lot. Both ratings
 * are kept as they are; this only finds them so the coach can talk about it.
 *
 * Pure TypeScript: no React, no Dexie, no clock.
 */
import { instantValue } from '../lib/instant';
import type { Rating } from './schemas';

/** A difference of this many points or more is worth talking about (as for reliable change). */
export const DISAGREEMENT_THRESHOLD = 3;

/** Ratings this many days apart or fewer count as made "at about the same time". */
export const DISAGREEMENT_WITHIN_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A young person's and a coach's rating of the same goal that differ a lot. */
export interface Disagreement {
  youngPerson: Rating;
  coach: Rating;
  /** How many points apart the two scores are (never negative). */
  difference: number;
}

export interface DisagreementOptions {
  /** The smallest difference, in points, that counts. */
  threshold?: number;
  /** The most days apart the two ratings may be. */
  withinDays?: number;
}

/** When the later of the pair's two ratings was made. */
function pairTime({ youngPerson, coach }: Disagreement): number {
  return Math.max(instantValue(youngPerson.ratedAt), instantValue(coach.ratedAt));
}

/** Latest pair first: by the later rating, then the earlier one, then by ids for a stable order. */
function compareLatestFirst(a: Disagreement, b: Disagreement): number {
  const byLater = pairTime(b) - pairTime(a);
  if (byLater !== 0) return byLater;
  const earlier = (d: Disagreement) =>
    Math.min(instantValue(d.youngPerson.ratedAt), instantValue(d.coach.ratedAt));
  const byEarlier = earlier(b) - earlier(a);
  if (byEarlier !== 0) return byEarlier;
  const key = (d: Disagreement) => `${d.youngPerson.id}|${d.coach.id}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/**
 * Every pair of a young person's rating and a coach's rating of the same goal made within
 * `withinDays` of each other (7 by default) whose scores differ by `threshold` points or more
 * (3 by default), the latest pair first. Ratings of several goals may be passed together;
 * parents' and carers' ratings are left out.
 */
export function findDisagreements(
  ratings: readonly Rating[],
  {
    threshold = DISAGREEMENT_THRESHOLD,
    withinDays = DISAGREEMENT_WITHIN_DAYS,
  }: DisagreementOptions = {},
): Disagreement[] {
  const youngPeople = ratings.filter((r) => r.ratedBy === 'young-person');
  const coaches = ratings.filter((r) => r.ratedBy === 'coach');
  const window = withinDays * DAY_MS;
  const pairs: Disagreement[] = [];
  for (const youngPerson of youngPeople) {
    for (const coach of coaches) {
      if (coach.goalId !== youngPerson.goalId) continue;
      const apart = Math.abs(instantValue(coach.ratedAt) - instantValue(youngPerson.ratedAt));
      const difference = Math.abs(coach.score - youngPerson.score);
      if (apart <= window && difference >= threshold) {
        pairs.push({ youngPerson, coach, difference });
      }
    }
  }
  return pairs.sort(compareLatestFirst);
}

/** The most recent disagreement about a goal, or null when its ratings agree well enough. */
export function latestDisagreement(
  ratings: readonly Rating[],
  options?: DisagreementOptions,
): Disagreement | null {
  return findDisagreements(ratings, options)[0] ?? null;
}
