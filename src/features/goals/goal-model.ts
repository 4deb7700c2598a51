import type { Disagreement } from '../../domain/disagreement';
import { findMove, type DomainId, type Move } from '../../domain/framework';
import { baselineOf, latestOf, raterPhrase } from '../../domain/progress';
import type { Goal, GoalStatus, Rater, Rating, SetBy } from '../../domain/schemas';
import { formatInstantDate } from '../../lib/dates';

/** Coaches are encouraged (not required) to work on this many active goals at most. */
export const SUGGESTED_ACTIVE_GOALS = 3;

/** What the goal form holds before it is checked: a score or rater may not be chosen yet. */
export interface GoalFormValues {
  text: string;
  domains: DomainId[];
  moves: string[];
  setBy: SetBy | null;
  baseline: number | null;
  baselineRatedBy: Rater;
}

/** An empty form, or one filled from the goal being changed (its words and links, not its score). */
export function initialGoalFormValues(
  from?: Pick<Goal, 'text' | 'domains' | 'moves'>,
): GoalFormValues {
  return {
    text: from?.text ?? '',
    domains: from ? [...from.domains] : [],
    moves: from ? [...from.moves] : [],
    setBy: null,
    baseline: null,
    baselineRatedBy: 'young-person',
  };
}

/**
 * The move a new goal starts from (from the resilience map's "Make this a goal"): the
 * ?move= value when it names a known move, else undefined.
 */
export function moveFromQuery(moveId: string | null): Move | undefined {
  return moveId ? findMove(moveId) : undefined;
}

/** An empty form with one move already chosen and its domain ticked. */
export function goalFormValuesFromMove(move: Move): GoalFormValues {
  return { ...initialGoalFormValues(), domains: [move.domain], moves: [move.id] };
}

/** How many of these goals are active, leaving out one (the goal being replaced). */
export function countActiveGoals(goals: readonly Goal[], exceptId?: string | null): number {
  return goals.filter((g) => g.status === 'active' && g.id !== exceptId).length;
}

const SET_BY_PHRASES: Record<SetBy, string> = {
  'young-person': 'Set by the young person',
  coach: 'Set by the coach',
  together: 'Set together',
};

/** "Set by the young person", "Set together". */
export function setByPhrase(setBy: SetBy): string {
  return SET_BY_PHRASES[setBy];
}

/**
 * Who gave the scores a goal's progress is worked out from: "Starting score by the young
 * person.", "Starting and latest scores by the coach.", "Starting score by the young person;
 * latest by the coach."; null with no ratings.
 */
export function progressRatersPhrase(ratings: readonly Rating[]): string | null {
  const first = baselineOf(ratings);
  const last = latestOf(ratings);
  if (!first || !last) return null;
  if (first.id === last.id) return `Starting score by ${raterPhrase(first.ratedBy)}.`;
  if (first.ratedBy === last.ratedBy) {
    return `Starting and latest scores by ${raterPhrase(first.ratedBy)}.`;
  }
  return `Starting score by ${raterPhrase(first.ratedBy)}; latest by ${raterPhrase(last.ratedBy)}.`;
}

/** "The young person said 8 on 12 Nov 2026; you said 4 on 13 Nov 2026." */
export function disagreementSentence({ youngPerson, coach }: Disagreement): string {
  return (
    `The young person said ${youngPerson.score} on ${formatInstantDate(youngPerson.ratedAt)}; ` +
    `you said ${coach.score} on ${formatInstantDate(coach.ratedAt)}.`
  );
}

/** The goals of each status, keeping the order given. */
export function groupByStatus<T extends { goal: Goal }>(
  goals: readonly T[],
): Record<GoalStatus, T[]> {
  return {
    active: goals.filter((g) => g.goal.status === 'active'),
    achieved: goals.filter((g) => g.goal.status === 'achieved'),
    stopped: goals.filter((g) => g.goal.status === 'stopped'),
  };
}

/** The young person's page, the goal page, and the page that changes a goal. */
export const goalPaths = {
  youngPerson: (youngPersonId: string) => `/young-people/${youngPersonId}`,
  goal: (youngPersonId: string, goalId: string) => `/young-people/${youngPersonId}/goals/${goalId}`,
  add: (youngPersonId: string) => `/young-people/${youngPersonId}/goals/new`,
  replace: (youngPersonId: string, goalId: string) =>
    `/young-people/${youngPersonId}/goals/new?replaces=${encodeURIComponent(goalId)}`,
  session: (youngPersonId: string, sessionId: string) =>
    `/young-people/${youngPersonId}/sessions/${sessionId}`,
};
