/**
 * Pure helpers behind the close-case form: its values, turning them into the repository's
 * input, and the order and labels of its error messages.
 */
import type { CloseCaseInput } from '../../db/repositories/closure';
import type { GoalWithRatings } from '../../db/queries';
import { latestOf } from '../../domain/progress';
import type { ClosureReason, Goal, GoalOutcome, Rater } from '../../domain/schemas';
import type { FieldErrors } from '../../domain/validation';
import { instantToIsoDate } from '../../lib/dates';

/** What the close-case form holds while it is being filled in. */
export interface CloseCaseFormValues {
  closedOn: string;
  reason: ClosureReason | '';
  reasonDetail: string;
  /** Closing score chosen per goal id. */
  scores: Record<string, number>;
  /** Outcome chosen per goal id. */
  outcomes: Record<string, GoalOutcome>;
  closingRatedBy: Rater | '';
  /** '' when not given, else '0' to '10'. */
  youngPersonSatisfaction: string;
  parentCarerSatisfaction: string;
  youngPersonComments: string;
  parentCarerComments: string;
}

/** A blank form dated `today`; the young person gives the closing scores unless changed. */
export function newCloseCaseValues(today: string): CloseCaseFormValues {
  return {
    closedOn: today,
    reason: '',
    reasonDetail: '',
    scores: {},
    outcomes: {},
    closingRatedBy: 'young-person',
    youngPersonSatisfaction: '',
    parentCarerSatisfaction: '',
    youngPersonComments: '',
    parentCarerComments: '',
  };
}

/** An active goal as the form shows it: its words and its last score, with that score's date. */
export interface ClosingGoal {
  goal: Goal;
  lastScore: number | null;
  lastRatedOn: string | null;
}

/** The goals that need a closing score and an outcome: the active ones, in page order. */
export function closingGoals(goals: readonly GoalWithRatings[]): ClosingGoal[] {
  return goals
    .filter(({ goal }) => goal.status === 'active')
    .map(({ goal, ratings }) => {
      const last = latestOf(ratings);
      return {
        goal,
        lastScore: last?.score ?? null,
        lastRatedOn: last ? instantToIsoDate(last.ratedAt) : null,
      };
    });
}

const toSatisfaction = (value: string) => (value === '' ? null : Number(value));

/** Turns the form into the repository's input, with a score and outcome slot per active goal. */
export function toCloseCaseInput(
  values: CloseCaseFormValues,
  active: readonly Goal[],
): CloseCaseInput {
  return {
    closedOn: values.closedOn,
    reason: values.reason,
    reasonDetail: values.reasonDetail,
    closingRatings: active.map((g) => ({ goalId: g.id, score: values.scores[g.id] ?? null })),
    closingRatedBy: values.closingRatedBy,
    goalOutcomes: Object.fromEntries(active.map((g) => [g.id, values.outcomes[g.id] ?? ''])),
    youngPersonSatisfaction: toSatisfaction(values.youngPersonSatisfaction),
    parentCarerSatisfaction: toSatisfaction(values.parentCarerSatisfaction),
    youngPersonComments: values.youngPersonComments,
    parentCarerComments: values.parentCarerComments,
  };
}

const FIELD_LABELS = {
  closedOn: 'Closing date',
  reason: 'Reason for closing',
  reasonDetail: 'The reason in your words',
  closingRatedBy: 'Who gave the closing scores',
  youngPersonSatisfaction: 'Young person’s satisfaction',
  youngPersonComments: 'Young person’s comments',
  parentCarerSatisfaction: 'Parent or carer’s satisfaction',
  parentCarerComments: 'Parent or carer’s comments',
};

/** The labels the error summary puts before each message. */
export function closeCaseErrorLabels(active: readonly Goal[]): Record<string, string> {
  const labels: Record<string, string> = { ...FIELD_LABELS };
  for (const goal of active) {
    labels[`closingRatings.${goal.id}`] = `Closing score for “${goal.text}”`;
    labels[`goalOutcomes.${goal.id}`] = `Outcome of “${goal.text}”`;
  }
  return labels;
}

/** The errors in the order the form shows their fields, so the summary reads top to bottom. */
export function orderCloseCaseErrors(errors: FieldErrors, active: readonly Goal[]): FieldErrors {
  const order = [
    '_form',
    'closedOn',
    'reason',
    'reasonDetail',
    ...active.flatMap((g) => [`closingRatings.${g.id}`, `goalOutcomes.${g.id}`]),
    'closingRatedBy',
    'youngPersonSatisfaction',
    'youngPersonComments',
    'parentCarerSatisfaction',
    'parentCarerComments',
  ];
  const rank = (key: string) => {
    const at = order.indexOf(key);
    return at === -1 ? order.length : at;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}
