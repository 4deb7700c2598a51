/**
 * Pure helpers for the young person's own space: which ratings are theirs, what their
 * scores mean in plain words, and the friendly checks on a goal they write.
 *
 * Everything here sees only the young person's own ratings, so a coach's or a parent's
 * score never reaches their screens.
 */
import { findMove, movesOfDomain, type DomainId, type Move } from '../../domain/framework';
import { sortRatings } from '../../domain/progress';
import type { Goal, Rating } from '../../domain/schemas';
import type { FieldErrors } from '../../domain/validation';

/** Where the pages of the space live. */
export const SPACE_PATHS = {
  home: '/my-space',
  addGoal: '/my-space/goals/new',
  rate: '/my-space/rate',
  journey: '/my-space/journey',
} as const;

/** The ratings the young person made themselves, oldest first. */
export function ownRatings(ratings: readonly Rating[]): Rating[] {
  return sortRatings(ratings.filter((r) => r.ratedBy === 'young-person'));
}

/** The young person's latest score for a goal, or null when they have not rated it. */
export function latestOwnScore(ratings: readonly Rating[]): number | null {
  return ownRatings(ratings).at(-1)?.score ?? null;
}

/** Goals shown in the space: active ones, then ones they have achieved. Stopped goals stay out. */
export function visibleGoals<T extends { goal: Goal }>(goals: readonly T[]): T[] {
  return [
    ...goals.filter((g) => g.goal.status === 'active'),
    ...goals.filter((g) => g.goal.status === 'achieved'),
  ];
}

/**
 * Words to celebrate a new score, or null when there is nothing to cheer (a first score, the
 * same score, or a lower one: a lower score is never told off).
 */
export function celebrationFor(previous: number | null, score: number): string | null {
  const rose = previous !== null && score > previous;
  const moved = rose ? `You moved up from ${previous} to ${score}.` : null;
  if (score === 10) return moved ? `You reached your goal! ${moved}` : 'You reached your goal!';
  return moved ? `Brilliant! ${moved}` : null;
}

/** What a saved score says back when there is no celebration. */
export function thanksFor(previous: number | null, score: number): string {
  if (previous === null) return `Saved: ${score} out of 10. Thank you for telling us.`;
  return `Saved: ${score} out of 10. Thank you for being honest. Every journey has ups and downs.`;
}

/** Their journey in plain words: "You started at 2. Now you are at 6." */
export function journeyWords(own: readonly Rating[]): string {
  const first = own[0];
  const last = own.at(-1);
  if (!first || !last) return 'You have not said how close you are yet.';
  if (own.length === 1) return `You started at ${first.score}. Rate it again to see your journey.`;
  return `You started at ${first.score}. Now you are at ${last.score}.`;
}

/** A cheer for the journey so far, or null: when they have moved up or reached it. */
export function journeyCheer(own: readonly Rating[]): string | null {
  const first = own[0];
  const last = own.at(-1);
  if (!first || !last || own.length < 2) return last?.score === 10 ? 'You reached it!' : null;
  if (last.score === 10) return 'You reached it! Brilliant!';
  const steps = last.score - first.score;
  if (steps <= 0) return null;
  return steps === 1
    ? 'You moved up 1 step. Well done!'
    : `You moved up ${steps} steps. Well done!`;
}

/** The moves of the chosen domains, in framework order, for the young person's checklist. */
export function movesForDomains(domains: readonly DomainId[]): Move[] {
  return domains.flatMap((d) => movesOfDomain(d));
}

/** Keeps only the moves that belong to one of the chosen domains. */
export function keepMovesOf(domains: readonly DomainId[], moves: readonly string[]): string[] {
  const allowed = new Set(movesForDomains(domains).map((m) => m.id));
  return moves.filter((id) => allowed.has(id));
}

/** What the add-goal form holds before it is checked. */
export interface MyGoalValues {
  text: string;
  domains: DomainId[];
  moves: string[];
  baseline: number | null;
}

export const EMPTY_GOAL: MyGoalValues = { text: '', domains: [], moves: [], baseline: null };

/**
 * The form a new goal starts with: empty, or, with ?move=<moveId> from their map, that
 * move already ticked and its domain chosen. An unknown move id gives the empty form.
 */
export function initialMyGoal(moveId: string | null): MyGoalValues {
  const move = moveId ? findMove(moveId) : undefined;
  return move ? { ...EMPTY_GOAL, domains: [move.domain], moves: [move.id] } : EMPTY_GOAL;
}

export const GOAL_TEXT_MAX = 500;

/** Friendly messages for each field, in the order the form shows them. */
export const MY_GOAL_MESSAGES = {
  text: 'Write your goal in the box. Your own words are best.',
  textTooLong: `Your goal is a bit long. Try to keep it under ${GOAL_TEXT_MAX} letters.`,
  domains: 'Tap at least one picture that fits your goal.',
  moves: 'Something went wrong with the things that could help. Try ticking them again.',
  baseline: 'Choose a number from 0 to 10.',
} as const;

const FRIENDLY_BY_FIELD: Record<string, string> = {
  text: MY_GOAL_MESSAGES.text,
  domains: MY_GOAL_MESSAGES.domains,
  moves: MY_GOAL_MESSAGES.moves,
  baseline: MY_GOAL_MESSAGES.baseline,
};

/** Checks a goal before saving; an empty object means it is ready. */
export function checkMyGoal(values: MyGoalValues): FieldErrors {
  const errors: FieldErrors = {};
  const text = values.text.trim();
  if (text === '') errors.text = MY_GOAL_MESSAGES.text;
  else if (text.length > GOAL_TEXT_MAX) errors.text = MY_GOAL_MESSAGES.textTooLong;
  if (values.domains.length === 0) errors.domains = MY_GOAL_MESSAGES.domains;
  if (values.baseline === null) errors.baseline = MY_GOAL_MESSAGES.baseline;
  return errors;
}

/** Swaps the coach's validation wording for the young person's, keeping each field's key. */
export function friendlyErrors(errors: FieldErrors): FieldErrors {
  const friendly: FieldErrors = {};
  for (const key of Object.keys(errors)) {
    const field = key.split('.')[0] ?? key;
    friendly[field] ??=
      FRIENDLY_BY_FIELD[field] ?? 'Something needs checking. Ask your coach to help.';
  }
  return friendly;
}
