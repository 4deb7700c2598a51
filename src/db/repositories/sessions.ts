import { toInstant, toIsoDate } from '../../lib/dates';
import { newId } from '../../lib/ids';
import { sortMoveIds } from '../../domain/framework';
import { baselinesByGoal, goalsToRate, movedRatedAt, ratedAtFor } from '../../domain/rating-rules';
import {
  ratingSchema,
  sessionInputSchema,
  sessionSchema,
  type Rating,
  type Session,
  type SessionInput,
} from '../../domain/schemas';
import { ValidationError, parseOrThrow, type FieldErrors } from '../../domain/validation';
import { assertUnchanged } from '../conflict';
import { getDb } from '../database';
import { assertCaseOpen } from './closure';
import { recordDeletions } from './deletions';

/** Each goal's baseline rating, by goal id, for the goals given. */
async function baselinesOf(goalIds: string[]): Promise<Map<string, Rating>> {
  return baselinesByGoal(await getDb().ratings.where('goalId').anyOf(goalIds).toArray());
}

interface Prepared {
  session: Session;
  ratings: Rating[];
}

async function prepare(
  youngPersonId: string,
  input: SessionInput,
  now: Date,
  existing: { session: Session; ratings: Rating[] } | null,
): Promise<Prepared> {
  const fields = parseOrThrow(sessionInputSchema(toIsoDate(now)), input);
  const db = getDb();
  const goals = await db.goals.where('youngPersonId').equals(youngPersonId).toArray();
  const baselines = await baselinesOf(goals.map((g) => g.id));
  const previous = new Map((existing?.ratings ?? []).map((r) => [r.goalId, r]));
  const required = goalsToRate(goals, baselines, fields.date, new Set(previous.keys()));
  const given = new Map(fields.ratings.map((r) => [r.goalId, r.score]));

  const errors: FieldErrors = {};
  const seen = new Set<string>();
  for (const { goalId } of fields.ratings) {
    if (seen.has(goalId)) errors[`ratings.${goalId}`] = 'Give each goal one score per session.';
    seen.add(goalId);
  }
  for (const goal of required) {
    if (!given.has(goal.id)) errors[`ratings.${goal.id}`] = 'Set or confirm a score from 0 to 10.';
  }
  for (const goalId of given.keys()) {
    const goal = goals.find((g) => g.id === goalId);
    if (!goal) errors[`ratings.${goalId}`] = 'This goal belongs to someone else.';
    else if (!required.includes(goal))
      errors[`ratings.${goalId}`] = 'This goal was set after the session date.';
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const stamp = toInstant(now);
  const session = parseOrThrow(sessionSchema, {
    id: existing?.session.id ?? newId(),
    youngPersonId,
    date: fields.date,
    durationMinutes: fields.durationMinutes,
    location: fields.location,
    moves: sortMoveIds([...new Set(fields.moves)]),
    nobleTruths: [...new Set(fields.nobleTruths)],
    notes: fields.notes,
    createdAt: existing?.session.createdAt ?? stamp,
    updatedAt: stamp,
  });
  const sameDate = existing?.session.date === fields.date;
  const ratings = fields.ratings.map(({ goalId, score }) => {
    const old = previous.get(goalId);
    const after = baselines.get(goalId);
    // A rating kept from before keeps its moment; when the session moves to another date, it
    // moves with it at the same time of day (it is not given anew by the edit).
    const ratedAt = !old
      ? ratedAtFor(now, { on: fields.date, after })
      : sameDate
        ? old.ratedAt
        : movedRatedAt(old.ratedAt, now, { on: fields.date, after });
    const unchanged =
      old !== undefined &&
      old.score === score &&
      old.ratedBy === fields.ratedBy &&
      old.ratedAt === ratedAt;
    return parseOrThrow(ratingSchema, {
      id: old?.id ?? newId(),
      goalId,
      sessionId: session.id,
      score,
      ratedAt,
      ratedBy: fields.ratedBy,
      // Only a rating that changed is stamped: editing a session's notes does not make its
      // ratings newer than another device's.
      updatedAt: unchanged ? old.updatedAt : stamp,
    });
  });
  return { session, ratings };
}

/**
 * Logs a one-to-one session with a score for every goal it asks about, in one transaction.
 * Throws ValidationError (keys like "date" or "ratings.<goalId>") and writes nothing on bad input.
 */
export async function logSession(
  youngPersonId: string,
  input: SessionInput,
  now: Date = new Date(),
): Promise<Session> {
  const db = getDb();
  return db.transaction('rw', [db.youngPeople, db.goals, db.sessions, db.ratings], async () => {
    const yp = await db.youngPeople.get(youngPersonId);
    if (!yp) throw new Error('This young person is no longer in the caseload.');
    if (yp.status !== 'open') throw new Error('This case is closed: reopen it to log sessions.');
    const { session, ratings } = await prepare(youngPersonId, input, now, null);
    await db.sessions.add(session);
    await db.ratings.bulkAdd(ratings);
    return session;
  });
}

/**
 * Edits a past session and its ratings together, in one transaction. Refused on a closed case.
 * A rating the edit drops (a goal no longer asked about) leaves a deletion record.
 */
export async function updateSession(
  sessionId: string,
  input: SessionInput,
  now: Date = new Date(),
  expectedUpdatedAt?: string,
): Promise<Session> {
  const db = getDb();
  const tables = [db.youngPeople, db.goals, db.sessions, db.ratings, db.deletions];
  return db.transaction('rw', tables, async () => {
    const existing = await db.sessions.get(sessionId);
    if (!existing) throw new Error('This session no longer exists.');
    assertUnchanged(existing, expectedUpdatedAt, 'This session was');
    await assertCaseOpen(existing.youngPersonId);
    const oldRatings = await db.ratings.where('sessionId').equals(sessionId).toArray();
    const { session, ratings } = await prepare(existing.youngPersonId, input, now, {
      session: existing,
      ratings: oldRatings,
    });
    const kept = new Set(ratings.map((r) => r.id));
    const dropped = oldRatings.filter((r) => !kept.has(r.id)).map((r) => r.id);
    await db.ratings.bulkDelete(dropped);
    await recordDeletions(db, 'ratings', dropped, now);
    await db.sessions.put(session);
    await db.ratings.bulkPut(ratings);
    return session;
  });
}

/**
 * Deletes a session and the ratings made in it, in one transaction, leaving a deletion
 * record for each (so a merge of an older backup does not bring them back). Refused on a
 * closed case.
 */
export async function deleteSession(sessionId: string, now: Date = new Date()): Promise<void> {
  const db = getDb();
  await db.transaction('rw', [db.youngPeople, db.sessions, db.ratings, db.deletions], async () => {
    const existing = await db.sessions.get(sessionId);
    if (!existing) return;
    await assertCaseOpen(existing.youngPersonId);
    const ratingIds = await db.ratings.where('sessionId').equals(sessionId).primaryKeys();
    await db.ratings.bulkDelete(ratingIds);
    await db.sessions.delete(sessionId);
    await recordDeletions(db, 'sessions', [sessionId], now);
    await recordDeletions(db, 'ratings', ratingIds, now);
  });
}
