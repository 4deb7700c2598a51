import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  createGoal,
  replaceGoal,
  setGoalStatus,
  updateGoalLinks,
} from '../../../src/db/repositories/goals';
import type { GoalInput } from '../../../src/domain/schemas';
import {
  NOW,
  addYoungPerson,
  asUuid,
  at,
  counts,
  fieldErrorsOf,
  freshDb,
  goalInput,
} from './fixtures';

beforeEach(freshDb);

describe('createGoal', () => {
  it('writes the goal and its baseline rating together', async () => {
    const mia = await addYoungPerson();
    const { goal, baseline } = await createGoal(
      mia.id,
      goalInput({
        text: '  Go to football on Saturdays ',
        domains: ['coping', 'belonging', 'coping'],
        moves: ['coping-brave', 'belonging-make-friends', 'coping-brave'],
        setBy: 'together',
        baseline: 0,
        baselineRatedBy: 'coach',
      }),
      NOW,
    );

    expect(goal).toMatchObject({
      youngPersonId: mia.id,
      text: 'Go to football on Saturdays',
      // Duplicates dropped, framework order kept.
      domains: ['belonging', 'coping'],
      moves: ['belonging-make-friends', 'coping-brave'],
      setBy: 'together',
      status: 'active',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(baseline).toMatchObject({
      goalId: goal.id,
      sessionId: null,
      score: 0,
      ratedAt: NOW.toISOString(),
      ratedBy: 'coach',
    });
    const db = getDb();
    expect(await db.goals.get(goal.id)).toEqual(goal);
    expect(await db.ratings.where('goalId').equals(goal.id).toArray()).toEqual([baseline]);
  });

  it('accepts the ends of the scale', async () => {
    const mia = await addYoungPerson();
    await createGoal(mia.id, goalInput({ baseline: 0 }), NOW);
    await createGoal(mia.id, goalInput({ baseline: 10 }), NOW);
    expect((await getDb().ratings.toArray()).map((r) => r.score).sort()).toEqual([0, 10]);
  });

  it.each<[string, Partial<GoalInput>, string]>([
    ['a score of 4.5', { baseline: 4.5 }, 'baseline'],
    ['a score of 11', { baseline: 11 }, 'baseline'],
    ['a score of -1', { baseline: -1 }, 'baseline'],
    ['an unknown move id', { moves: ['belonging-make-friends', 'no-such-move'] }, 'moves.1'],
    ['no domain', { domains: [] }, 'domains'],
    ['empty words', { text: '   ' }, 'text'],
    ['words over 500 characters', { text: 'a'.repeat(501) }, 'text'],
  ])('refuses %s and writes nothing in either table', async (_label, overrides, field) => {
    const mia = await addYoungPerson();
    const errors = await fieldErrorsOf(createGoal(mia.id, goalInput(overrides), NOW));
    expect(errors).toHaveProperty([field]);
    expect(await counts()).toMatchObject({ goals: 0, ratings: 0 });
  });

  it('refuses a goal for a closed case', async () => {
    const mia = await addYoungPerson();
    await getDb().youngPeople.update(mia.id, { status: 'closed', closedOn: '2026-11-20' });
    await expect(createGoal(mia.id, goalInput(), NOW)).rejects.toThrow(/closed/);
    expect(await counts()).toMatchObject({ goals: 0, ratings: 0 });
  });

  it('refuses a goal for someone not in the caseload', async () => {
    await expect(createGoal('missing', goalInput(), NOW)).rejects.toThrow(/no longer/);
    expect(await counts()).toMatchObject({ goals: 0, ratings: 0 });
  });

  describe('when the second write fails', () => {
    let unsubscribe: (() => void) | null = null;
    afterEach(() => {
      unsubscribe?.();
      unsubscribe = null;
    });

    it('leaves no goal without its baseline', async () => {
      const mia = await addYoungPerson();
      const ratings = getDb().ratings;
      const failRating = () => {
        throw new Error('Storage is full');
      };
      ratings.hook('creating', failRating);
      unsubscribe = () => ratings.hook('creating').unsubscribe(failRating);

      await expect(createGoal(mia.id, goalInput(), NOW)).rejects.toThrow('Storage is full');
      expect(await counts()).toMatchObject({ goals: 0, ratings: 0 });
    });

    it('leaves nothing when the baseline id is already taken', async () => {
      const mia = await addYoungPerson();
      const first = await createGoal(mia.id, goalInput(), NOW);
      // New goal id, then the id the first goal's baseline already has.
      vi.spyOn(crypto, 'randomUUID')
        .mockReturnValueOnce(crypto.randomUUID())
        .mockReturnValueOnce(asUuid(first.baseline.id));

      await expect(createGoal(mia.id, goalInput({ text: 'Second goal' }), NOW)).rejects.toThrow(
        /already exists|ConstraintError/,
      );
      const goals = await getDb().goals.toArray();
      expect(goals.map((g) => g.text)).toEqual(['Go to football on Saturdays']);
      expect(await getDb().ratings.count()).toBe(1);
    });
  });
});

describe('replaceGoal', () => {
  it('stops the old goal, keeping its words and ratings, and sets the new one with its own baseline', async () => {
    const mia = await addYoungPerson();
    const old = await createGoal(mia.id, goalInput({ baseline: 2 }), at('2026-10-01'));
    const { goal, baseline } = await replaceGoal(
      old.goal.id,
      goalInput({ text: 'Go to football club twice a week', baseline: 5, domains: ['basics'] }),
      NOW,
    );

    const db = getDb();
    expect(await db.goals.get(old.goal.id)).toEqual({
      ...old.goal,
      status: 'stopped',
      updatedAt: NOW.toISOString(),
    });
    expect(goal).toMatchObject({
      youngPersonId: mia.id,
      text: 'Go to football club twice a week',
      status: 'active',
      domains: ['basics'],
    });
    expect(goal.id).not.toBe(old.goal.id);
    expect(await db.goals.get(goal.id)).toEqual(goal);
    expect(baseline).toMatchObject({ goalId: goal.id, score: 5, sessionId: null });
    expect(await db.ratings.where('goalId').equals(old.goal.id).toArray()).toEqual([old.baseline]);
    expect(await db.ratings.where('goalId').equals(goal.id).toArray()).toEqual([baseline]);
  });

  it('changes nothing on bad input', async () => {
    const mia = await addYoungPerson();
    const old = await createGoal(mia.id, goalInput(), NOW);
    const errors = await fieldErrorsOf(replaceGoal(old.goal.id, goalInput({ baseline: 11 }), NOW));
    expect(errors).toHaveProperty('baseline');
    expect(await getDb().goals.toArray()).toEqual([old.goal]);
    expect(await getDb().ratings.toArray()).toEqual([old.baseline]);
  });

  it('keeps the old goal active if the new baseline cannot be written', async () => {
    const mia = await addYoungPerson();
    const old = await createGoal(mia.id, goalInput(), NOW);
    // New goal id, then a baseline id that is already taken by the old baseline.
    vi.spyOn(crypto, 'randomUUID')
      .mockReturnValueOnce(crypto.randomUUID())
      .mockReturnValueOnce(asUuid(old.baseline.id));

    await expect(replaceGoal(old.goal.id, goalInput({ text: 'New' }), NOW)).rejects.toThrow(
      /already exists|ConstraintError/,
    );
    expect(await getDb().goals.toArray()).toEqual([old.goal]);
    expect(await getDb().ratings.toArray()).toEqual([old.baseline]);
  });

  it('refuses to change a goal of a closed case', async () => {
    const mia = await addYoungPerson();
    const old = await createGoal(mia.id, goalInput(), NOW);
    await getDb().youngPeople.update(mia.id, { status: 'closed' });
    await expect(replaceGoal(old.goal.id, goalInput({ text: 'New' }), NOW)).rejects.toThrow(
      /closed/,
    );
    expect(await getDb().goals.toArray()).toEqual([old.goal]);
  });

  it('fails for a goal that no longer exists', async () => {
    await expect(replaceGoal('missing', goalInput(), NOW)).rejects.toThrow(/no longer exists/);
  });
});

describe('updateGoalLinks', () => {
  it('changes domains and moves and keeps the words', async () => {
    const mia = await addYoungPerson();
    const { goal } = await createGoal(mia.id, goalInput(), at('2026-10-01'));
    const updated = await updateGoalLinks(
      goal.id,
      { domains: ['core-self', 'coping'], moves: ['core-self-hope', 'coping-brave'] },
      NOW,
    );
    expect(updated).toEqual({
      ...goal,
      domains: ['coping', 'core-self'],
      moves: ['coping-brave', 'core-self-hope'],
      updatedAt: NOW.toISOString(),
    });
    expect(await getDb().goals.get(goal.id)).toEqual(updated);
  });

  it('refuses no domain or an unknown move, changing nothing', async () => {
    const mia = await addYoungPerson();
    const { goal } = await createGoal(mia.id, goalInput(), NOW);
    expect(
      await fieldErrorsOf(updateGoalLinks(goal.id, { domains: [], moves: [] }, NOW)),
    ).toHaveProperty('domains');
    expect(
      await fieldErrorsOf(updateGoalLinks(goal.id, { domains: ['basics'], moves: ['nope'] }, NOW)),
    ).toHaveProperty(['moves.0']);
    expect(await getDb().goals.get(goal.id)).toEqual(goal);
  });
});

describe('setGoalStatus', () => {
  it.each(['achieved', 'stopped', 'active'] as const)('sets %s', async (status) => {
    const mia = await addYoungPerson();
    const { goal } = await createGoal(mia.id, goalInput(), at('2026-10-01'));
    const updated = await setGoalStatus(goal.id, status, NOW);
    expect(updated).toEqual({ ...goal, status, updatedAt: NOW.toISOString() });
    expect(await getDb().goals.get(goal.id)).toEqual(updated);
  });

  it('can make an achieved goal active again', async () => {
    const mia = await addYoungPerson();
    const { goal } = await createGoal(mia.id, goalInput(), NOW);
    await setGoalStatus(goal.id, 'achieved', NOW);
    await setGoalStatus(goal.id, 'active', NOW);
    expect((await getDb().goals.get(goal.id))?.status).toBe('active');
  });

  it('fails for a goal that no longer exists', async () => {
    await expect(setGoalStatus('missing', 'achieved', NOW)).rejects.toThrow(/no longer exists/);
  });
});

describe('on a closed case', () => {
  it('refuses to change links or status, and changes nothing', async () => {
    const mia = await addYoungPerson();
    const { goal } = await createGoal(mia.id, goalInput(), at('2026-10-01'));
    await getDb().youngPeople.update(mia.id, { status: 'closed', closedOn: '2026-11-20' });
    const message = 'This case is closed: reopen it to make changes.';

    await expect(
      updateGoalLinks(goal.id, { domains: ['coping'], moves: ['coping-brave'] }, NOW),
    ).rejects.toThrow(message);
    await expect(setGoalStatus(goal.id, 'achieved', NOW)).rejects.toThrow(message);
    expect(await getDb().goals.get(goal.id)).toEqual(goal);
  });
});
