import { toInstant } from '../../lib/dates';
import { newId } from '../../lib/ids';
import { sortDomainIds, sortMoveIds } from '../../domain/framework';
import {
  goalInputSchema,
  goalLinksInputSchema,
  goalSchema,
  ratingSchema,
  type Goal,
  type GoalInput,
  type GoalLinksInput,
  type GoalStatus,
  type Rating,
} from '../../domain/schemas';
import { parseOrThrow } from '../../domain/validation';
import { assertUnchanged } from '../conflict';
import { getDb } from '../database';
import { assertCaseOpen } from './closure';

function buildGoal(
  youngPersonId: string,
  input: GoalInput,
  now: Date,
): { goal: Goal; baseline: Rating } {
  const fields = parseOrThrow(goalInputSchema, input);
  const stamp = toInstant(now);
  const goal = parseOrThrow(goalSchema, {
    id: newId(),
    youngPersonId,
    text: fields.text,
    domains: sortDomainIds([...new Set(fields.domains)]),
    moves: sortMoveIds([...new Set(fields.moves)]),
    setBy: fields.setBy,
    status: 'active',
    createdAt: stamp,
    updatedAt: stamp,
  });
  const baseline = parseOrThrow(ratingSchema, {
    id: newId(),
    goalId: goal.id,
    sessionId: null,
    score: fields.baseline,
    ratedAt: stamp,
    ratedBy: fields.baselineRatedBy,
    updatedAt: stamp,
  });
  return { goal, baseline };
}

async function requireOpenCase(youngPersonId: string): Promise<void> {
  const yp = await getDb().youngPeople.get(youngPersonId);
  if (!yp) throw new Error('This young person is no longer in the caseload.');
  if (yp.status !== 'open') throw new Error('This case is closed: reopen it to add goals.');
}

/**
 * Sets a new goal with its baseline rating, taken now. The goal and its rating are written
 * in one transaction: both or neither.
 */
export async function createGoal(
  youngPersonId: string,
  input: GoalInput,
  now: Date = new Date(),
): Promise<{ goal: Goal; baseline: Rating }> {
  const built = buildGoal(youngPersonId, input, now);
  const db = getDb();
  await db.transaction('rw', [db.youngPeople, db.goals, db.ratings], async () => {
    await requireOpenCase(youngPersonId);
    await db.goals.add(built.goal);
    await db.ratings.add(built.baseline);
  });
  return built;
}

/**
 * A changed goal is a new goal with its own baseline: the old goal is stopped (its words and
 * ratings kept) and the new one set, in one transaction.
 */
export async function replaceGoal(
  oldGoalId: string,
  input: GoalInput,
  now: Date = new Date(),
): Promise<{ goal: Goal; baseline: Rating }> {
  const db = getDb();
  const old = await db.goals.get(oldGoalId);
  if (!old) throw new Error('The goal being changed no longer exists.');
  const built = buildGoal(old.youngPersonId, input, now);
  await db.transaction('rw', [db.youngPeople, db.goals, db.ratings], async () => {
    await requireOpenCase(old.youngPersonId);
    await db.goals.update(oldGoalId, { status: 'stopped', updatedAt: toInstant(now) });
    await db.goals.add(built.goal);
    await db.ratings.add(built.baseline);
  });
  return built;
}

/**
 * Changes which domains and moves a goal is linked to. The goal's words never change.
 * Refused for a goal of a closed case.
 */
export async function updateGoalLinks(
  goalId: string,
  input: GoalLinksInput,
  now: Date = new Date(),
  expectedUpdatedAt?: string,
): Promise<Goal> {
  const fields = parseOrThrow(goalLinksInputSchema, input);
  const db = getDb();
  return db.transaction('rw', [db.youngPeople, db.goals], async () => {
    const existing = await db.goals.get(goalId);
    if (!existing) throw new Error('This goal no longer exists.');
    assertUnchanged(existing, expectedUpdatedAt, "This goal's links were");
    await assertCaseOpen(existing.youngPersonId);
    const record = parseOrThrow(goalSchema, {
      ...existing,
      domains: sortDomainIds([...new Set(fields.domains)]),
      moves: sortMoveIds([...new Set(fields.moves)]),
      updatedAt: toInstant(now),
    });
    await db.goals.put(record);
    return record;
  });
}

/** Marks a goal achieved or stopped, or makes it active again. Refused on a closed case. */
export async function setGoalStatus(
  goalId: string,
  status: GoalStatus,
  now: Date = new Date(),
): Promise<Goal> {
  const db = getDb();
  return db.transaction('rw', [db.youngPeople, db.goals], async () => {
    const existing = await db.goals.get(goalId);
    if (!existing) throw new Error('This goal no longer exists.');
    await assertCaseOpen(existing.youngPersonId);
    const record = parseOrThrow(goalSchema, { ...existing, status, updatedAt: toInstant(now) });
    await db.goals.put(record);
    return record;
  });
}
