import { z } from 'zod';
import { newId } from '../../lib/ids';
import { baselineOf, ratedAtFor, scoreSchema } from '../../domain/rating-rules';
import { RATERS, ratingSchema, type Rater, type Rating } from '../../domain/schemas';
import { parseOrThrow } from '../../domain/validation';
import { getDb } from '../database';

const rateGoalInputSchema = z.object({
  score: z.number({ message: 'Choose a score from 0 to 10.' }).pipe(scoreSchema),
  ratedBy: z.enum(RATERS, { message: 'Choose who gave the rating.' }),
});

export interface RateGoalInput {
  score: number;
  ratedBy: Rater;
}

/**
 * Rates a goal outside a session (the young person in their own space, say). Only an active
 * goal of an open case can be rated. Throws a ValidationError (`score`, `ratedBy`) on bad
 * input, or an Error saying why the goal cannot be rated; writes nothing then.
 */
export async function rateGoal(
  goalId: string,
  input: RateGoalInput,
  now: Date = new Date(),
): Promise<Rating> {
  const fields = parseOrThrow(rateGoalInputSchema, input);
  const db = getDb();
  return db.transaction('rw', [db.youngPeople, db.goals, db.ratings], async () => {
    const goal = await db.goals.get(goalId);
    if (!goal) throw new Error('This goal no longer exists.');
    const youngPerson = await db.youngPeople.get(goal.youngPersonId);
    if (!youngPerson) throw new Error('This young person is no longer in the caseload.');
    if (youngPerson.status !== 'open')
      throw new Error('This case is closed: reopen it to rate goals.');
    if (goal.status !== 'active')
      throw new Error('This goal is no longer active, so it cannot be rated.');

    // A rating never comes before the goal's baseline (its earliest rating), which defines it.
    const baseline = baselineOf(await db.ratings.where('goalId').equals(goalId).toArray());
    const ratedAt = ratedAtFor(now, { after: baseline });
    const rating = parseOrThrow(ratingSchema, {
      id: newId(),
      goalId,
      sessionId: null,
      score: fields.score,
      ratedAt,
      ratedBy: fields.ratedBy,
      updatedAt: ratedAt,
    });
    await db.ratings.add(rating);
    return rating;
  });
}
