import { z } from 'zod';
import { formatDate, instantToIsoDate, toInstant, toIsoDate } from '../../lib/dates';
import { newId } from '../../lib/ids';
import { isScore, latestOf, ratedAtFor } from '../../domain/rating-rules';
import {
  CLOSURE_REASON_LABELS,
  CLOSURE_REASONS,
  GOAL_OUTCOMES,
  RATERS,
  closureSchema,
  goalSchema,
  isoDateSchema,
  ratingSchema,
  youngPersonSchema,
  type Closure,
  type ClosureReason,
  type Goal,
  type GoalOutcome,
  type GoalStatus,
  type Rater,
  type Rating,
  type YoungPerson,
} from '../../domain/schemas';
import { ValidationError, toFieldErrors, type FieldErrors } from '../../domain/validation';
import { getDb } from '../database';
import { compareInstants } from '../../lib/instant';

/** What every change to a closed case is refused with. */
export const CASE_CLOSED_MESSAGE = 'This case is closed: reopen it to make changes.';

/**
 * Throws unless the young person is there and their case is open. Call it inside a
 * transaction that includes the youngPeople table, so the check and the change go together.
 */
export async function assertCaseOpen(youngPersonId: string): Promise<YoungPerson> {
  const youngPerson = await getDb().youngPeople.get(youngPersonId);
  if (!youngPerson) throw new Error('This young person is no longer in the caseload.');
  if (youngPerson.status !== 'open') throw new Error(CASE_CLOSED_MESSAGE);
  return youngPerson;
}

/** The close-case form's answers. Empty answers may arrive as '' or null. */
export interface CloseCaseInput {
  closedOn: string;
  reason: ClosureReason | '';
  /** Required when the reason is "other"; more detail for any other reason. */
  reasonDetail?: string | null;
  /** The closing (time 2) score of every active goal. */
  closingRatings: readonly { goalId: string; score: number | null }[];
  /** Who gave the closing scores; needed when there is at least one active goal. */
  closingRatedBy: Rater | '';
  /** The outcome of every active goal, by goal id. */
  goalOutcomes: Readonly<Record<string, GoalOutcome | ''>>;
  youngPersonSatisfaction?: number | null;
  parentCarerSatisfaction?: number | null;
  youngPersonComments?: string | null;
  parentCarerComments?: string | null;
}

const emptyToNull = (value: unknown) =>
  value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;

const optionalText = (max: number, message: string) =>
  z.preprocess(emptyToNull, z.string().trim().max(max, { message }).nullable());

const satisfaction = z.preprocess(
  emptyToNull,
  z
    .number({ message: 'Choose a number from 0 to 10, or leave it empty.' })
    .int({ message: 'Satisfaction is a whole number from 0 to 10.' })
    .min(0, { message: 'Satisfaction is a whole number from 0 to 10.' })
    .max(10, { message: 'Satisfaction is a whole number from 0 to 10.' })
    .nullable(),
);

function closeCaseFieldsSchema(today: string) {
  return z.object({
    closedOn: isoDateSchema.refine((d) => d <= today, {
      message: 'The closing date cannot be after today.',
    }),
    reason: z.enum(CLOSURE_REASONS, { message: 'Choose a reason for closing.' }),
    // The detail of "other" becomes the case's closure reason, which holds 500 characters.
    reasonDetail: optionalText(500, 'Keep the reason to 500 characters or fewer.'),
    youngPersonSatisfaction: satisfaction,
    parentCarerSatisfaction: satisfaction,
    youngPersonComments: optionalText(2000, 'Keep comments to 2,000 characters or fewer.'),
    parentCarerComments: optionalText(2000, 'Keep comments to 2,000 characters or fewer.'),
  });
}

/** A goal's status after closing with an outcome: reached goals are achieved. */
const STATUS_FOR_OUTCOME: Record<GoalOutcome, GoalStatus> = {
  reached: 'achieved',
  partly: 'active',
  'not-yet': 'active',
  stopped: 'stopped',
};

const isOutcome = (v: unknown): v is GoalOutcome => GOAL_OUTCOMES.some((o) => o === v);
const isRater = (v: unknown): v is Rater => RATERS.some((r) => r === v);

/** Why the closing date is too early, if it is: before the referral, a session or a rating. */
function closedOnTooEarly(
  closedOn: string,
  referralDate: string | null,
  lastSessionDate: string | null,
  lastRatingDate: string | null,
): string | null {
  if (lastSessionDate && closedOn < lastSessionDate)
    return `The closing date cannot be before the last session (${formatDate(lastSessionDate)}).`;
  if (lastRatingDate && closedOn < lastRatingDate)
    return `The closing date cannot be before the last goal rating (${formatDate(lastRatingDate)}).`;
  if (referralDate && closedOn < referralDate)
    return `The closing date cannot be before the referral date (${formatDate(referralDate)}).`;
  return null;
}

/** Per-goal checks: a closing score and an outcome for every active goal, and nothing else. */
function goalErrors(input: CloseCaseInput, active: readonly Goal[]): FieldErrors {
  const errors: FieldErrors = {};
  const activeIds = new Set(active.map((g) => g.id));
  const seen = new Set<string>();
  for (const { goalId, score } of input.closingRatings) {
    const key = `closingRatings.${goalId}`;
    if (!activeIds.has(goalId)) errors[key] = 'This goal is not one of the active goals.';
    else if (seen.has(goalId)) errors[key] = 'Give each goal one closing score.';
    else if (score !== null && !isScore(score))
      errors[key] = 'A score is a whole number from 0 to 10.';
    seen.add(goalId);
  }
  for (const goalId of Object.keys(input.goalOutcomes)) {
    if (!activeIds.has(goalId))
      errors[`goalOutcomes.${goalId}`] = 'This goal is not one of the active goals.';
  }
  for (const goal of active) {
    const given = input.closingRatings.find((r) => r.goalId === goal.id);
    if (given?.score === null || given?.score === undefined)
      errors[`closingRatings.${goal.id}`] ??= 'Give a closing score from 0 to 10.';
    if (!isOutcome(input.goalOutcomes[goal.id]))
      errors[`goalOutcomes.${goal.id}`] = 'Choose how far the goal was reached.';
  }
  if (active.length > 0 && !isRater(input.closingRatedBy))
    errors.closingRatedBy = 'Choose who gave the closing scores.';
  return errors;
}

/**
 * Closes a case in one transaction: a closing (time 2) rating for every active goal, each
 * goal's status from its outcome (reached: achieved; stopped: stopped; otherwise still
 * active), the young person closed, and a Closure record. Throws a ValidationError keyed
 * closedOn, reason, reasonDetail, closingRatings.<goalId>, goalOutcomes.<goalId>,
 * closingRatedBy, youngPersonSatisfaction, ... and writes nothing on bad input.
 */
export async function closeCase(
  youngPersonId: string,
  input: CloseCaseInput,
  now: Date = new Date(),
): Promise<{ closure: Closure; ratings: Rating[] }> {
  const parsed = closeCaseFieldsSchema(toIsoDate(now)).safeParse(input);
  const db = getDb();
  const tables = [db.youngPeople, db.goals, db.sessions, db.ratings, db.closures];
  return db.transaction('rw', tables, async () => {
    const youngPerson = await db.youngPeople.get(youngPersonId);
    if (!youngPerson) throw new Error('This young person is no longer in the caseload.');
    if (youngPerson.status !== 'open') throw new Error('This case is already closed.');
    const goals = await db.goals.where('youngPersonId').equals(youngPersonId).toArray();
    const ratings = await db.ratings
      .where('goalId')
      .anyOf(goals.map((g) => g.id))
      .toArray();
    const lastSession = await db.sessions
      .where('[youngPersonId+date]')
      .between([youngPersonId, ''], [youngPersonId, '\uffff'])
      .last();
    const active = goals.filter((g) => g.status === 'active');

    const errors: FieldErrors = parsed.success ? {} : toFieldErrors(parsed.error);
    Object.assign(errors, goalErrors(input, active));
    if (parsed.success) {
      const { closedOn, reason, reasonDetail } = parsed.data;
      const latest = latestOf(ratings);
      const tooEarly = closedOnTooEarly(
        closedOn,
        youngPerson.referralDate,
        lastSession?.date ?? null,
        latest ? instantToIsoDate(latest.ratedAt) : null,
      );
      if (tooEarly) errors.closedOn = tooEarly;
      if (reason === 'other' && reasonDetail === null)
        errors.reasonDetail = 'Say why the case is closing.';
    }
    if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationError(errors);
    const fields = parsed.data;
    const stamp = toInstant(now);

    // In the order the form gave them, which is the order the coach saw the goals in.
    const order = (g: Goal) => input.closingRatings.findIndex((r) => r.goalId === g.id);
    const closingRatings = [...active]
      .sort((a, b) => order(a) - order(b))
      .map((goal) =>
        ratingSchema.parse({
          id: newId(),
          goalId: goal.id,
          sessionId: null,
          score: input.closingRatings.find((r) => r.goalId === goal.id)?.score,
          // Taken on the closing date at the time of closing, after the goal's latest rating.
          ratedAt: ratedAtFor(now, {
            on: fields.closedOn,
            after: latestOf(ratings.filter((r) => r.goalId === goal.id)),
          }),
          ratedBy: input.closingRatedBy,
          updatedAt: stamp,
        }),
      );
    const goalOutcomes: Record<string, GoalOutcome> = {};
    const changedGoals: Goal[] = [];
    for (const goal of active) {
      const outcome = input.goalOutcomes[goal.id];
      if (!isOutcome(outcome)) continue;
      goalOutcomes[goal.id] = outcome;
      const status = STATUS_FOR_OUTCOME[outcome];
      if (status !== goal.status)
        changedGoals.push(goalSchema.parse({ ...goal, status, updatedAt: stamp }));
    }
    const closure = closureSchema.parse({
      id: newId(),
      youngPersonId,
      closedOn: fields.closedOn,
      reason: fields.reason,
      reasonDetail: fields.reasonDetail,
      goalOutcomes,
      youngPersonSatisfaction: fields.youngPersonSatisfaction,
      parentCarerSatisfaction: fields.parentCarerSatisfaction,
      youngPersonComments: fields.youngPersonComments,
      parentCarerComments: fields.parentCarerComments,
      reopenedOn: null,
      reopenReason: null,
      createdAt: stamp,
      updatedAt: stamp,
    });
    const closed = youngPersonSchema.parse({
      ...youngPerson,
      status: 'closed',
      closedOn: fields.closedOn,
      closureReason:
        fields.reason === 'other' ? fields.reasonDetail : CLOSURE_REASON_LABELS[fields.reason],
      updatedAt: stamp,
    });

    await db.ratings.bulkAdd(closingRatings);
    await db.goals.bulkPut(changedGoals);
    await db.youngPeople.put(closed);
    await db.closures.add(closure);
    return { closure, ratings: closingRatings };
  });
}

function newestFirst(closures: Closure[]): Closure[] {
  return [...closures].sort(
    (a, b) => b.closedOn.localeCompare(a.closedOn) || compareInstants(b.createdAt, a.createdAt),
  );
}

/** A young person's closures, newest first (a case closed and reopened has more than one). */
export async function getClosures(youngPersonId: string): Promise<Closure[]> {
  const closures = await getDb().closures.where('youngPersonId').equals(youngPersonId).toArray();
  return newestFirst(closures);
}

/** A closure for a case closed without one (closed before closures were recorded). */
function closureFromYoungPerson(youngPerson: YoungPerson, stamp: string): Closure {
  const text = youngPerson.closureReason?.trim() ?? '';
  const reason =
    CLOSURE_REASONS.find((r) => CLOSURE_REASON_LABELS[r].toLowerCase() === text.toLowerCase()) ??
    'other';
  return closureSchema.parse({
    id: newId(),
    youngPersonId: youngPerson.id,
    closedOn: youngPerson.closedOn ?? instantToIsoDate(youngPerson.updatedAt),
    reason,
    reasonDetail: reason === 'other' && text ? text : null,
    goalOutcomes: {},
    youngPersonSatisfaction: null,
    parentCarerSatisfaction: null,
    youngPersonComments: null,
    parentCarerComments: null,
    reopenedOn: null,
    reopenReason: null,
    createdAt: stamp,
    updatedAt: stamp,
  });
}

const reopenReasonSchema = z
  .string()
  .trim()
  .min(1, { message: 'Say why the case is being reopened.' })
  .max(2000, { message: 'Keep the reason to 2,000 characters or fewer.' });

/**
 * Reopens a closed case in one transaction: the case is open again (no closing date or
 * reason), and its latest closure records when (today) and why. Goals keep their status.
 * Throws a ValidationError keyed `reason` when no reason is given, and writes nothing.
 */
export async function reopenCase(
  youngPersonId: string,
  reason: string,
  now: Date = new Date(),
): Promise<Closure> {
  const parsed = reopenReasonSchema.safeParse(reason);
  if (!parsed.success) {
    throw new ValidationError({
      reason: parsed.error.issues[0]?.message ?? 'Say why the case is being reopened.',
    });
  }
  const db = getDb();
  return db.transaction('rw', [db.youngPeople, db.closures], async () => {
    const youngPerson = await db.youngPeople.get(youngPersonId);
    if (!youngPerson) throw new Error('This young person is no longer in the caseload.');
    if (youngPerson.status === 'open') throw new Error('This case is already open.');
    const stamp = toInstant(now);
    const [latest] = newestFirst(
      await db.closures.where('youngPersonId').equals(youngPersonId).toArray(),
    );
    const closure =
      latest?.reopenedOn === null ? latest : closureFromYoungPerson(youngPerson, stamp);
    const reopened = closureSchema.parse({
      ...closure,
      reopenedOn: toIsoDate(now),
      reopenReason: parsed.data,
      updatedAt: stamp,
    });
    await db.closures.put(reopened);
    await db.youngPeople.put(
      youngPersonSchema.parse({
        ...youngPerson,
        status: 'open',
        closedOn: null,
        closureReason: null,
        updatedAt: stamp,
      }),
    );
    return reopened;
  });
}
