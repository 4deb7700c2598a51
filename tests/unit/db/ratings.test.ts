import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { setGoalStatus } from '../../../src/db/repositories/goals';
import { rateGoal } from '../../../src/db/repositories/ratings';
import { NOW, addGoal, addYoungPerson, at, counts, fieldErrorsOf, freshDb } from './fixtures';

beforeEach(freshDb);

async function miaWithGoal() {
  const mia = await addYoungPerson('Mia');
  const { goal, baseline } = await addGoal(mia.id, at('2026-10-01'));
  return { mia, goal, baseline };
}

describe('rateGoal', () => {
  it('adds a rating outside any session, made by whoever gave it', async () => {
    const { goal, baseline } = await miaWithGoal();

    const rating = await rateGoal(goal.id, { score: 6, ratedBy: 'young-person' }, NOW);

    expect(rating).toMatchObject({
      goalId: goal.id,
      sessionId: null,
      score: 6,
      ratedBy: 'young-person',
      ratedAt: NOW.toISOString(),
    });
    const stored = await getDb().ratings.where('goalId').equals(goal.id).sortBy('ratedAt');
    expect(stored).toEqual([baseline, rating]);

    const coach = await rateGoal(goal.id, { score: 3, ratedBy: 'coach' }, NOW);
    expect(coach.ratedBy).toBe('coach');
    expect((await counts()).ratings).toBe(3);
  });

  it.each([
    [-1, 'A score is a whole number from 0 to 10.'],
    [11, 'A score is a whole number from 0 to 10.'],
    [4.5, 'A score is a whole number from 0 to 10.'],
    [Number.NaN, 'Choose a score from 0 to 10.'],
  ])('refuses a score of %s', async (score, message) => {
    const { goal } = await miaWithGoal();
    expect(await fieldErrorsOf(rateGoal(goal.id, { score, ratedBy: 'young-person' }, NOW))).toEqual(
      { score: message },
    );
    expect((await counts()).ratings).toBe(1);
  });

  it('accepts the ends of the scale', async () => {
    const { goal } = await miaWithGoal();
    await rateGoal(goal.id, { score: 0, ratedBy: 'young-person' }, NOW);
    await rateGoal(goal.id, { score: 10, ratedBy: 'young-person' }, NOW);
    expect((await counts()).ratings).toBe(3);
  });

  it('refuses an unknown rater', async () => {
    const { goal } = await miaWithGoal();
    const input = JSON.parse('{"score": 5, "ratedBy": "teacher"}') as Parameters<
      typeof rateGoal
    >[1];
    expect(await fieldErrorsOf(rateGoal(goal.id, input, NOW))).toEqual({
      ratedBy: 'Choose who gave the rating.',
    });
  });

  it('refuses a goal that is missing, achieved or stopped, writing nothing', async () => {
    const { goal } = await miaWithGoal();
    await expect(rateGoal('nope', { score: 5, ratedBy: 'coach' }, NOW)).rejects.toThrow(
      'This goal no longer exists.',
    );
    for (const status of ['achieved', 'stopped'] as const) {
      await setGoalStatus(goal.id, status, NOW);
      await expect(rateGoal(goal.id, { score: 5, ratedBy: 'coach' }, NOW)).rejects.toThrow(
        'This goal is no longer active, so it cannot be rated.',
      );
    }
    expect((await counts()).ratings).toBe(1);
  });

  it('refuses a goal of a closed case', async () => {
    const { mia, goal } = await miaWithGoal();
    await getDb().youngPeople.update(mia.id, {
      status: 'closed',
      closedOn: '2026-11-01',
      closureReason: 'Goals met',
    });
    await expect(rateGoal(goal.id, { score: 5, ratedBy: 'young-person' }, NOW)).rejects.toThrow(
      'This case is closed: reopen it to rate goals.',
    );
    expect((await counts()).ratings).toBe(1);
  });

  it('never stamps a rating before the baseline, which must stay the first rating', async () => {
    const { goal, baseline } = await miaWithGoal();
    const rating = await rateGoal(goal.id, { score: 5, ratedBy: 'young-person' }, at('2026-09-01'));
    expect(rating.ratedAt).toBe(new Date(Date.parse(baseline.ratedAt) + 1000).toISOString());
  });
});
