import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../src/db/database';
import { getSessionWithRatings, getYoungPersonDetail } from '../../../src/db/queries';
import { createGoal, setGoalStatus } from '../../../src/db/repositories/goals';
import { deleteSession, logSession, updateSession } from '../../../src/db/repositories/sessions';
import { goalsToRate } from '../../../src/domain/rating-rules';
import type { Goal, Rating } from '../../../src/domain/schemas';
import {
  NOW,
  TODAY,
  addGoal,
  addYoungPerson,
  asUuid,
  at,
  counts,
  fieldErrorsOf,
  freshDb,
  goalInput,
  sessionInput,
} from './fixtures';

beforeEach(freshDb);

/** Mia with two active goals set on 1 October, one achieved and one stopped. */
async function seed() {
  const mia = await addYoungPerson('Mia');
  const set = at('2026-10-01', 14);
  const football = await addGoal(mia.id, set, { text: 'Go to football', baseline: 2 });
  const sleep = await addGoal(mia.id, set, { text: 'Sleep before 10', baseline: 4 });
  const achieved = await addGoal(mia.id, set, { text: 'Join a club' });
  const stopped = await addGoal(mia.id, set, { text: 'Old goal' });
  await setGoalStatus(achieved.goal.id, 'achieved', set);
  await setGoalStatus(stopped.goal.id, 'stopped', set);
  return { mia, football, sleep, achieved, stopped };
}

describe('logSession', () => {
  it('writes the session and one rating per active goal', async () => {
    const { mia, football, sleep } = await seed();
    const session = await logSession(
      mia.id,
      sessionInput(
        TODAY,
        [
          { goalId: football.goal.id, score: 5 },
          { goalId: sleep.goal.id, score: 4 },
        ],
        {
          moves: ['coping-brave', 'belonging-make-friends'],
          nobleTruths: ['accepting'],
          notes: 'Talked about the team.',
          durationMinutes: 50,
          location: 'outdoors',
          ratedBy: 'young-person',
        },
      ),
      NOW,
    );

    expect(session).toMatchObject({
      youngPersonId: mia.id,
      date: TODAY,
      durationMinutes: 50,
      location: 'outdoors',
      moves: ['belonging-make-friends', 'coping-brave'],
      nobleTruths: ['accepting'],
      notes: 'Talked about the team.',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    const stored = await getSessionWithRatings(session.id);
    expect(stored?.session).toEqual(session);
    const byGoal = new Map(stored?.ratings.map((r) => [r.goalId, r]));
    expect(stored?.ratings).toHaveLength(2);
    expect(byGoal.get(football.goal.id)).toMatchObject({
      sessionId: session.id,
      score: 5,
      ratedBy: 'young-person',
      // Logged today: the rating carries the real time.
      ratedAt: NOW.toISOString(),
    });
    expect(byGoal.get(sleep.goal.id)?.score).toBe(4);
    expect(await counts()).toMatchObject({ sessions: 1, ratings: 4 + 2 });
  });

  it('stores an empty duration as null', async () => {
    const { mia, football, sleep } = await seed();
    const session = await logSession(
      mia.id,
      sessionInput(
        TODAY,
        [
          { goalId: football.goal.id, score: 5 },
          { goalId: sleep.goal.id, score: 4 },
        ],
        { durationMinutes: '' },
      ),
      NOW,
    );
    expect(session.durationMinutes).toBeNull();
  });

  it('logs a session with no ratings when there are no active goals', async () => {
    const mia = await addYoungPerson();
    const session = await logSession(mia.id, sessionInput(TODAY, []), NOW);
    expect(await counts()).toMatchObject({ sessions: 1, ratings: 0 });
    expect(session.youngPersonId).toBe(mia.id);
  });

  describe('refuses bad input and writes nothing in sessions or ratings', () => {
    it('a missing rating for an active goal', async () => {
      const { mia, football, sleep } = await seed();
      const errors = await fieldErrorsOf(
        logSession(mia.id, sessionInput(TODAY, [{ goalId: football.goal.id, score: 5 }]), NOW),
      );
      expect(errors).toEqual({
        [`ratings.${sleep.goal.id}`]: 'Set or confirm a score from 0 to 10.',
      });
      expect(await counts()).toMatchObject({ sessions: 0, ratings: 4 });
    });

    it('a date after today', async () => {
      const { mia, football, sleep } = await seed();
      const ratings = [
        { goalId: football.goal.id, score: 5 },
        { goalId: sleep.goal.id, score: 4 },
      ];
      const errors = await fieldErrorsOf(
        logSession(mia.id, sessionInput('2026-11-24', ratings), NOW),
      );
      expect(errors).toEqual({ date: 'The session date cannot be after today.' });
      expect(await counts()).toMatchObject({ sessions: 0, ratings: 4 });
    });

    it('a date that does not exist', async () => {
      const { mia, football, sleep } = await seed();
      const ratings = [
        { goalId: football.goal.id, score: 5 },
        { goalId: sleep.goal.id, score: 4 },
      ];
      const errors = await fieldErrorsOf(
        logSession(mia.id, sessionInput('2026-02-30', ratings), NOW),
      );
      expect(errors).toHaveProperty('date');
      expect(await counts()).toMatchObject({ sessions: 0, ratings: 4 });
    });

    it("a rating for another young person's goal", async () => {
      const { mia, football, sleep } = await seed();
      const sam = await addYoungPerson('Sam');
      const samsGoal = await addGoal(sam.id, at('2026-10-01'));
      const errors = await fieldErrorsOf(
        logSession(
          mia.id,
          sessionInput(TODAY, [
            { goalId: football.goal.id, score: 5 },
            { goalId: sleep.goal.id, score: 4 },
            { goalId: samsGoal.goal.id, score: 9 },
          ]),
          NOW,
        ),
      );
      expect(errors).toEqual({
        [`ratings.${samsGoal.goal.id}`]: 'This goal belongs to someone else.',
      });
      expect(await counts()).toMatchObject({ sessions: 0, ratings: 5 });
    });

    it('a rating for a stopped or achieved goal', async () => {
      const { mia, football, sleep, stopped, achieved } = await seed();
      const errors = await fieldErrorsOf(
        logSession(
          mia.id,
          sessionInput(TODAY, [
            { goalId: football.goal.id, score: 5 },
            { goalId: sleep.goal.id, score: 4 },
            { goalId: stopped.goal.id, score: 1 },
            { goalId: achieved.goal.id, score: 10 },
          ]),
          NOW,
        ),
      );
      expect(Object.keys(errors).sort()).toEqual(
        [`ratings.${stopped.goal.id}`, `ratings.${achieved.goal.id}`].sort(),
      );
      expect(await counts()).toMatchObject({ sessions: 0, ratings: 4 });
    });

    it('a rating for a goal set after the session date', async () => {
      const { mia, football, sleep } = await seed();
      const later = await addGoal(mia.id, at('2026-11-20'), { text: 'Newer goal' });
      const errors = await fieldErrorsOf(
        logSession(
          mia.id,
          sessionInput('2026-11-15', [
            { goalId: football.goal.id, score: 5 },
            { goalId: sleep.goal.id, score: 4 },
            { goalId: later.goal.id, score: 4 },
          ]),
          NOW,
        ),
      );
      expect(errors).toEqual({
        [`ratings.${later.goal.id}`]: 'This goal was set after the session date.',
      });
      expect(await counts()).toMatchObject({ sessions: 0, ratings: 5 });
    });

    it.each([4.5, 11, -1])('a score of %s', async (score) => {
      const { mia, football, sleep } = await seed();
      const errors = await fieldErrorsOf(
        logSession(
          mia.id,
          sessionInput(TODAY, [
            { goalId: football.goal.id, score },
            { goalId: sleep.goal.id, score: 4 },
          ]),
          NOW,
        ),
      );
      expect(errors).toHaveProperty(['ratings.0.score']);
      expect(await counts()).toMatchObject({ sessions: 0, ratings: 4 });
    });
  });

  it('refuses two scores for the same goal in one session', async () => {
    const { mia, football, sleep } = await seed();
    const errors = await fieldErrorsOf(
      logSession(
        mia.id,
        sessionInput(TODAY, [
          { goalId: football.goal.id, score: 5 },
          { goalId: football.goal.id, score: 7 },
          { goalId: sleep.goal.id, score: 4 },
        ]),
        NOW,
      ),
    );
    expect(errors).toHaveProperty([`ratings.${football.goal.id}`]);
    expect(await counts()).toMatchObject({ sessions: 0, ratings: 4 });
  });

  it('refuses a session for a closed case', async () => {
    const { mia, football, sleep } = await seed();
    await getDb().youngPeople.update(mia.id, { status: 'closed', closedOn: TODAY });
    await expect(
      logSession(
        mia.id,
        sessionInput(TODAY, [
          { goalId: football.goal.id, score: 5 },
          { goalId: sleep.goal.id, score: 4 },
        ]),
        NOW,
      ),
    ).rejects.toThrow(/closed/);
    expect(await counts()).toMatchObject({ sessions: 0, ratings: 4 });
  });

  it('does not ask about a goal set after a back-dated session', async () => {
    const { mia, football, sleep } = await seed();
    await addGoal(mia.id, at('2026-11-20'), { text: 'Newer goal' });
    const session = await logSession(
      mia.id,
      sessionInput('2026-11-15', [
        { goalId: football.goal.id, score: 5 },
        { goalId: sleep.goal.id, score: 4 },
      ]),
      NOW,
    );
    expect((await getSessionWithRatings(session.id))?.ratings).toHaveLength(2);
  });

  describe('back-dated sessions', () => {
    it('stamps ratings on the session date at the time they are logged', async () => {
      const { mia, football, sleep } = await seed();
      const session = await logSession(
        mia.id,
        sessionInput('2026-11-12', [
          { goalId: football.goal.id, score: 5 },
          { goalId: sleep.goal.id, score: 4 },
        ]),
        NOW,
      );
      const stored = await getSessionWithRatings(session.id);
      for (const r of stored?.ratings ?? []) {
        expect(r.ratedAt).toBe(at('2026-11-12', NOW.getHours()).toISOString());
      }
      expect(session.createdAt).toBe(NOW.toISOString());
    });

    it('never sort a rating before the baseline taken later the same day', async () => {
      const mia = await addYoungPerson();
      // Goal set at 3pm on the 10th; a session on the 10th logged a fortnight later.
      const { goal, baseline } = await createGoal(
        mia.id,
        goalInput({ baseline: 2 }),
        at('2026-11-10', 15),
      );
      await logSession(mia.id, sessionInput('2026-11-10', [{ goalId: goal.id, score: 6 }]), NOW);

      const detail = await getYoungPersonDetail(mia.id);
      const ratings = detail?.goals[0]?.ratings ?? [];
      expect(ratings.map((r) => r.score)).toEqual([2, 6]);
      expect(ratings[0]?.id).toBe(baseline.id);
      expect(Date.parse(ratings[1]?.ratedAt ?? '')).toBeGreaterThan(Date.parse(baseline.ratedAt));
    });

    it('never sort a rating before a baseline taken at the same moment', async () => {
      const mia = await addYoungPerson();
      const { goal, baseline } = await createGoal(mia.id, goalInput({ baseline: 2 }), NOW);
      await logSession(mia.id, sessionInput(TODAY, [{ goalId: goal.id, score: 3 }]), NOW);
      const ratings = (await getYoungPersonDetail(mia.id))?.goals[0]?.ratings ?? [];
      expect(ratings.map((r) => r.id)[0]).toBe(baseline.id);
      expect(ratings[1]?.ratedAt).not.toBe(baseline.ratedAt);
    });

    it('keep several back-dated sessions in date order', async () => {
      const mia = await addYoungPerson();
      const { goal } = await createGoal(mia.id, goalInput({ baseline: 1 }), at('2026-10-01'));
      // Logged out of order, all on the same day.
      await logSession(mia.id, sessionInput('2026-11-05', [{ goalId: goal.id, score: 5 }]), NOW);
      await logSession(mia.id, sessionInput('2026-10-08', [{ goalId: goal.id, score: 2 }]), NOW);
      await logSession(mia.id, sessionInput(TODAY, [{ goalId: goal.id, score: 7 }]), NOW);
      await logSession(mia.id, sessionInput('2026-10-20', [{ goalId: goal.id, score: 3 }]), NOW);
      const ratings = (await getYoungPersonDetail(mia.id))?.goals[0]?.ratings ?? [];
      expect(ratings.map((r) => r.score)).toEqual([1, 2, 3, 5, 7]);
    });
  });

  it('leaves nothing behind when writing the ratings fails', async () => {
    const { mia, football, sleep } = await seed();
    const before = await getDb().ratings.toArray();
    // A fresh session id, then a rating id that the football baseline already has.
    vi.spyOn(crypto, 'randomUUID')
      .mockReturnValueOnce(crypto.randomUUID())
      .mockReturnValueOnce(asUuid(football.baseline.id));

    await expect(
      logSession(
        mia.id,
        sessionInput(TODAY, [
          { goalId: football.goal.id, score: 9 },
          { goalId: sleep.goal.id, score: 9 },
        ]),
        NOW,
      ),
    ).rejects.toThrow(/already exists|Key already exists|ConstraintError/);
    expect(await getDb().sessions.count()).toBe(0);
    expect(await getDb().ratings.toArray()).toEqual(before);
  });
});

describe('goalsToRate', () => {
  const goal = (id: string, status: Goal['status'] = 'active'): Goal => ({
    id,
    youngPersonId: 'yp',
    text: id,
    domains: ['basics'],
    moves: [],
    setBy: 'coach',
    status,
    createdAt: '2026-10-01T09:00:00.000Z',
    updatedAt: '2026-10-01T09:00:00.000Z',
  });
  const baseline = (goalId: string, day: string): Rating => ({
    id: `${goalId}-baseline`,
    goalId,
    sessionId: null,
    score: 3,
    ratedAt: at(day, 15).toISOString(),
    ratedBy: 'coach',
    updatedAt: at(day, 15).toISOString(),
  });

  const goals = [
    goal('old'),
    goal('same-day'),
    goal('later'),
    goal('achieved', 'achieved'),
    goal('stopped', 'stopped'),
    goal('no-baseline'),
  ];
  const baselines = new Map(
    [
      baseline('old', '2026-10-01'),
      baseline('same-day', '2026-11-10'),
      baseline('later', '2026-11-11'),
      baseline('achieved', '2026-10-01'),
      baseline('stopped', '2026-10-01'),
    ].map((r) => [r.goalId, r]),
  );

  it('asks about active goals set on or before the session date', () => {
    expect(goalsToRate(goals, baselines, '2026-11-10').map((g) => g.id)).toEqual([
      'old',
      'same-day',
    ]);
    expect(goalsToRate(goals, baselines, '2026-11-11').map((g) => g.id)).toEqual([
      'old',
      'same-day',
      'later',
    ]);
    expect(goalsToRate(goals, baselines, '2026-09-30')).toEqual([]);
  });

  it('keeps goals already rated in the session being edited, whatever their status', () => {
    const ids = goalsToRate(goals, baselines, '2026-11-10', new Set(['stopped', 'later']));
    expect(ids.map((g) => g.id)).toEqual(['old', 'same-day', 'later', 'stopped']);
  });
});

describe('updateSession', () => {
  async function seedSession() {
    const seeded = await seed();
    const session = await logSession(
      seeded.mia.id,
      sessionInput('2026-11-12', [
        { goalId: seeded.football.goal.id, score: 5 },
        { goalId: seeded.sleep.goal.id, score: 4 },
      ]),
      at('2026-11-12', 16),
    );
    const original = await getSessionWithRatings(session.id);
    if (!original) throw new Error('Session not stored');
    return { ...seeded, session, original };
  }

  it('replaces the scores in one go and keeps the rating ids and times', async () => {
    const { football, sleep, session, original } = await seedSession();
    const updated = await updateSession(
      session.id,
      sessionInput(
        '2026-11-12',
        [
          { goalId: football.goal.id, score: 7 },
          { goalId: sleep.goal.id, score: 3 },
        ],
        { notes: 'Corrected', ratedBy: 'coach' },
      ),
      NOW,
    );
    expect(updated).toMatchObject({
      id: session.id,
      notes: 'Corrected',
      createdAt: session.createdAt,
      updatedAt: NOW.toISOString(),
    });
    const stored = await getSessionWithRatings(session.id);
    expect(stored?.session).toEqual(updated);
    const sortById = (rs: Rating[]) => [...rs].sort((a, b) => a.id.localeCompare(b.id));
    expect(sortById(stored?.ratings ?? [])).toEqual(
      sortById(original.ratings).map((r) => ({
        ...r,
        score: r.goalId === football.goal.id ? 7 : 3,
        ratedBy: 'coach',
        // Changed, so stamped with the edit's time (what a merge compares).
        updatedAt: NOW.toISOString(),
      })),
    );
    expect(await counts()).toMatchObject({ sessions: 1, ratings: 4 + 2 });
  });

  it('leaves the ratings an edit does not change as they were, updatedAt included', async () => {
    const { football, sleep, session, original } = await seedSession();
    await updateSession(
      session.id,
      sessionInput(
        '2026-11-12',
        [
          { goalId: football.goal.id, score: 5 },
          { goalId: sleep.goal.id, score: 6 },
        ],
        { notes: 'Only the notes and one score change' },
      ),
      NOW,
    );
    const stored = await getSessionWithRatings(session.id);
    const kept = stored?.ratings.find((r) => r.goalId === football.goal.id);
    const changed = stored?.ratings.find((r) => r.goalId === sleep.goal.id);
    expect(kept).toEqual(original.ratings.find((r) => r.goalId === football.goal.id));
    expect(kept?.updatedAt).toBe(at('2026-11-12', 16).toISOString());
    expect(changed?.updatedAt).toBe(NOW.toISOString());
  });

  it('moves the ratings with a new date, at the time of day they were given, not as new', async () => {
    const { football, sleep, session, original } = await seedSession();
    await updateSession(
      session.id,
      sessionInput('2026-11-05', [
        { goalId: football.goal.id, score: 5 },
        { goalId: sleep.goal.id, score: 4 },
      ]),
      NOW,
    );
    const stored = await getSessionWithRatings(session.id);
    expect(stored?.session.date).toBe('2026-11-05');
    // Logged at 16:00 on the 12th; edited at 10:00 on the 23rd. The ratings keep 16:00 and
    // their ids: the edit moved them, it did not give them again.
    expect(stored?.ratings.map((r) => r.ratedAt)).toEqual([
      at('2026-11-05', 16).toISOString(),
      at('2026-11-05', 16).toISOString(),
    ]);
    expect(stored?.ratings.map((r) => r.id).sort()).toEqual(
      original.ratings.map((r) => r.id).sort(),
    );
    // Moved, so changed: a merge sees the edit as newer than the old date.
    expect(stored?.ratings.map((r) => r.updatedAt)).toEqual([NOW.toISOString(), NOW.toISOString()]);
  });

  it('never moves a rating into the future when the session moves to today', async () => {
    const { football, sleep, session } = await seedSession();
    // Logged at 16:00; moved to today at 10:00: the ratings are stamped 10:00, not 16:00.
    await updateSession(
      session.id,
      sessionInput(TODAY, [
        { goalId: football.goal.id, score: 5 },
        { goalId: sleep.goal.id, score: 4 },
      ]),
      NOW,
    );
    const stored = await getSessionWithRatings(session.id);
    expect(stored?.ratings.map((r) => r.ratedAt)).toEqual([NOW.toISOString(), NOW.toISOString()]);
  });

  it('still asks about a goal rated in the session that has since been stopped', async () => {
    const { football, sleep, session } = await seedSession();
    await setGoalStatus(sleep.goal.id, 'stopped', NOW);
    const errors = await fieldErrorsOf(
      updateSession(
        session.id,
        sessionInput('2026-11-12', [{ goalId: football.goal.id, score: 6 }]),
        NOW,
      ),
    );
    expect(errors).toHaveProperty([`ratings.${sleep.goal.id}`]);
  });

  it('changes nothing when a score is missing', async () => {
    const { football, session, original } = await seedSession();
    const before = await getDb().ratings.toArray();
    await fieldErrorsOf(
      updateSession(
        session.id,
        sessionInput('2026-11-12', [{ goalId: football.goal.id, score: 9 }], { notes: 'Changed' }),
        NOW,
      ),
    );
    expect(await getDb().sessions.get(session.id)).toEqual(original.session);
    expect(await getDb().ratings.toArray()).toEqual(before);
  });

  it('fails for a session that no longer exists', async () => {
    await expect(updateSession('missing', sessionInput(TODAY, []), NOW)).rejects.toThrow(
      /no longer exists/,
    );
  });
});

describe('deleteSession', () => {
  it('removes the session and its ratings only', async () => {
    const { mia, football, sleep } = await seed();
    const ratings = [
      { goalId: football.goal.id, score: 5 },
      { goalId: sleep.goal.id, score: 4 },
    ];
    const first = await logSession(mia.id, sessionInput('2026-11-10', ratings), NOW);
    const second = await logSession(mia.id, sessionInput(TODAY, ratings), NOW);
    const sam = await addYoungPerson('Sam');
    const samsGoal = await addGoal(sam.id, at('2026-10-01'));
    const samsSession = await logSession(
      sam.id,
      sessionInput(TODAY, [{ goalId: samsGoal.goal.id, score: 8 }]),
      NOW,
    );
    const before = await counts();

    await deleteSession(first.id);

    const db = getDb();
    expect(await db.sessions.get(first.id)).toBeUndefined();
    expect(await db.ratings.where('sessionId').equals(first.id).count()).toBe(0);
    expect(await db.ratings.where('sessionId').equals(second.id).count()).toBe(2);
    expect(await db.ratings.where('sessionId').equals(samsSession.id).count()).toBe(1);
    expect(await counts()).toEqual({
      ...before,
      sessions: before.sessions - 1,
      ratings: before.ratings - 2,
    });
    // Baselines stay.
    expect(await db.ratings.get(football.baseline.id)).toEqual(football.baseline);
  });

  it('leaves a deletion record for the session and each of its ratings, in the same transaction', async () => {
    const { mia, football, sleep } = await seed();
    const session = await logSession(
      mia.id,
      sessionInput('2026-11-10', [
        { goalId: football.goal.id, score: 5 },
        { goalId: sleep.goal.id, score: 4 },
      ]),
      NOW,
    );
    const ratingIds = await getDb().ratings.where('sessionId').equals(session.id).primaryKeys();
    const later = new Date(NOW.getTime() + 60_000);
    await deleteSession(session.id, later);
    const deletedAt = later.toISOString();
    expect(await getDb().deletions.orderBy('[table+id]').toArray()).toEqual(
      [
        ...ratingIds.map((id) => ({ table: 'ratings', id, deletedAt })),
        { table: 'sessions', id: session.id, deletedAt },
      ].sort((a, b) => a.table.localeCompare(b.table) || a.id.localeCompare(b.id)),
    );
  });

  it('writes no deletion when the deletion fails', async () => {
    const { mia, football, sleep } = await seed();
    const session = await logSession(
      mia.id,
      sessionInput('2026-11-10', [
        { goalId: football.goal.id, score: 5 },
        { goalId: sleep.goal.id, score: 4 },
      ]),
      NOW,
    );
    const db = getDb();
    const spy = vi.spyOn(db.sessions, 'delete').mockRejectedValueOnce(new Error('Disk said no'));
    await expect(deleteSession(session.id, NOW)).rejects.toThrow('Disk said no');
    spy.mockRestore();
    expect(await db.deletions.count()).toBe(0);
    expect(await db.ratings.where('sessionId').equals(session.id).count()).toBe(2);
  });
});

describe('on a closed case', () => {
  it('refuses to edit or delete a session, and changes nothing', async () => {
    const { mia, football, sleep } = await seed();
    const ratings = [
      { goalId: football.goal.id, score: 5 },
      { goalId: sleep.goal.id, score: 4 },
    ];
    const session = await logSession(mia.id, sessionInput('2026-11-10', ratings), NOW);
    const before = await getSessionWithRatings(session.id);
    await getDb().youngPeople.update(mia.id, { status: 'closed', closedOn: '2026-11-20' });
    const message = 'This case is closed: reopen it to make changes.';

    await expect(
      updateSession(session.id, sessionInput('2026-11-10', ratings, { notes: 'Changed' }), NOW),
    ).rejects.toThrow(message);
    await expect(deleteSession(session.id)).rejects.toThrow(message);
    expect(await getSessionWithRatings(session.id)).toEqual(before);
  });
});

describe('when a write inside the transaction fails', () => {
  let undo: (() => void) | null = null;
  afterEach(() => {
    undo?.();
    undo = null;
  });

  it('updateSession keeps the old session and ratings', async () => {
    const { mia, football, sleep } = await seed();
    const ratings = [
      { goalId: football.goal.id, score: 5 },
      { goalId: sleep.goal.id, score: 4 },
    ];
    const session = await logSession(mia.id, sessionInput(TODAY, ratings), NOW);
    const before = await getSessionWithRatings(session.id);

    const table = getDb().ratings;
    const fail = () => {
      throw new Error('Storage is full');
    };
    table.hook('updating', fail);
    undo = () => table.hook('updating').unsubscribe(fail);

    await expect(
      updateSession(
        session.id,
        sessionInput(
          TODAY,
          [
            { goalId: football.goal.id, score: 9 },
            { goalId: sleep.goal.id, score: 9 },
          ],
          { notes: 'Changed' },
        ),
        NOW,
      ),
    ).rejects.toThrow('Storage is full');
    const after = await getSessionWithRatings(session.id);
    expect(after?.session).toEqual(before?.session);
    expect(after?.ratings.map((r) => r.score).sort()).toEqual([4, 5]);
  });
});
