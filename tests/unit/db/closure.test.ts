import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { getYoungPersonDetail } from '../../../src/db/queries';
import {
  closeCase,
  getClosures,
  reopenCase,
  type CloseCaseInput,
} from '../../../src/db/repositories/closure';
import { setGoalStatus } from '../../../src/db/repositories/goals';
import { rateGoal } from '../../../src/db/repositories/ratings';
import { logSession } from '../../../src/db/repositories/sessions';
import { updateYoungPerson } from '../../../src/db/repositories/young-people';
import {
  NOW,
  TODAY,
  addGoal,
  addYoungPerson,
  at,
  counts,
  fieldErrorsOf,
  freshDb,
  sessionInput,
} from './fixtures';

beforeEach(freshDb);

/** Mia with three active goals set on 1 October, one achieved goal and one session. */
async function seed() {
  const mia = await addYoungPerson('Mia');
  const set = at('2026-10-01', 14);
  const football = await addGoal(mia.id, set, { text: 'Go to football', baseline: 2 });
  const sleep = await addGoal(mia.id, set, { text: 'Sleep before 10', baseline: 4 });
  const worry = await addGoal(mia.id, set, { text: 'Worry less', baseline: 3 });
  const club = await addGoal(mia.id, set, { text: 'Join a club', baseline: 1 });
  await setGoalStatus(club.goal.id, 'achieved', set);
  const session = await logSession(
    mia.id,
    sessionInput('2026-11-10', [
      { goalId: football.goal.id, score: 5 },
      { goalId: sleep.goal.id, score: 4 },
      { goalId: worry.goal.id, score: 3 },
    ]),
    at('2026-11-10', 16),
  );
  return { mia, football, sleep, worry, club, session };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

function closeInput(s: Seeded, overrides: Partial<CloseCaseInput> = {}): CloseCaseInput {
  return {
    closedOn: '2026-11-20',
    reason: 'support-completed',
    reasonDetail: '',
    closingRatings: [
      { goalId: s.football.goal.id, score: 9 },
      { goalId: s.sleep.goal.id, score: 6 },
      { goalId: s.worry.goal.id, score: 2 },
    ],
    closingRatedBy: 'young-person',
    goalOutcomes: {
      [s.football.goal.id]: 'reached',
      [s.sleep.goal.id]: 'partly',
      [s.worry.goal.id]: 'stopped',
    },
    youngPersonSatisfaction: 9,
    parentCarerSatisfaction: null,
    youngPersonComments: '  It helped a lot. ',
    parentCarerComments: '',
    ...overrides,
  };
}

async function everything() {
  const db = getDb();
  const [youngPeople, goals, sessions, ratings, closures] = await Promise.all([
    db.youngPeople.toArray(),
    db.goals.toArray(),
    db.sessions.toArray(),
    db.ratings.toArray(),
    db.closures.toArray(),
  ]);
  return { youngPeople, goals, sessions, ratings, closures };
}

describe('closeCase', () => {
  it('adds the closing ratings, sets goal statuses from outcomes and closes the case', async () => {
    const s = await seed();
    const before = await counts();

    const { closure, ratings } = await closeCase(s.mia.id, closeInput(s), NOW);

    // One closing rating per active goal, outside any session, on the closing date at the
    // time of closing.
    const closingAt = at('2026-11-20', 10).toISOString();
    expect(ratings.map((r) => [r.goalId, r.score, r.sessionId, r.ratedAt, r.ratedBy])).toEqual([
      [s.football.goal.id, 9, null, closingAt, 'young-person'],
      [s.sleep.goal.id, 6, null, closingAt, 'young-person'],
      [s.worry.goal.id, 2, null, closingAt, 'young-person'],
    ]);
    expect(await counts()).toEqual({ ...before, ratings: before.ratings + 3 });

    const detail = await getYoungPersonDetail(s.mia.id);
    expect(detail?.youngPerson).toMatchObject({
      status: 'closed',
      closedOn: '2026-11-20',
      closureReason: 'Support completed',
      updatedAt: NOW.toISOString(),
    });
    const statusOf = (id: string) => detail?.goals.find((g) => g.goal.id === id)?.goal.status;
    expect(statusOf(s.football.goal.id)).toBe('achieved');
    expect(statusOf(s.sleep.goal.id)).toBe('active');
    expect(statusOf(s.worry.goal.id)).toBe('stopped');
    expect(statusOf(s.club.goal.id)).toBe('achieved');
    // The closing rating is each goal's latest.
    const latest = detail?.goals.find((g) => g.goal.id === s.football.goal.id)?.ratings.at(-1);
    expect(latest?.score).toBe(9);

    expect(closure).toEqual({
      id: expect.any(String),
      youngPersonId: s.mia.id,
      closedOn: '2026-11-20',
      reason: 'support-completed',
      reasonDetail: null,
      goalOutcomes: {
        [s.football.goal.id]: 'reached',
        [s.sleep.goal.id]: 'partly',
        [s.worry.goal.id]: 'stopped',
      },
      youngPersonSatisfaction: 9,
      parentCarerSatisfaction: null,
      youngPersonComments: 'It helped a lot.',
      parentCarerComments: null,
      reopenedOn: null,
      reopenReason: null,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(await getClosures(s.mia.id)).toEqual([closure]);
  });

  it('stamps a closing rating today with the real time', async () => {
    const s = await seed();
    const { ratings } = await closeCase(s.mia.id, closeInput(s, { closedOn: TODAY }), NOW);
    expect(ratings.every((r) => r.ratedAt === NOW.toISOString())).toBe(true);
  });

  it('never stamps a closing rating before the goal’s latest rating', async () => {
    const s = await seed();
    // Rated at 15:00 on the closing date; the case is closed with a clock reading 9:00.
    await rateGoal(s.sleep.goal.id, { score: 5, ratedBy: 'coach' }, at('2026-11-20', 15));
    const { ratings } = await closeCase(s.mia.id, closeInput(s), at(TODAY, 9));
    const bySleep = ratings.find((r) => r.goalId === s.sleep.goal.id);
    expect(bySleep?.ratedAt).toBe(new Date(at('2026-11-20', 15).getTime() + 1000).toISOString());
    expect(ratings.find((r) => r.goalId === s.football.goal.id)?.ratedAt).toBe(
      at('2026-11-20', 9).toISOString(),
    );
  });

  it('uses the detail as the case’s reason when the reason is "other"', async () => {
    const s = await seed();
    const { closure } = await closeCase(
      s.mia.id,
      closeInput(s, { reason: 'other', reasonDetail: ' Started college ' }),
      NOW,
    );
    expect(closure).toMatchObject({ reason: 'other', reasonDetail: 'Started college' });
    expect((await getDb().youngPeople.get(s.mia.id))?.closureReason).toBe('Started college');
  });

  it('closes a case with no active goals without asking who rated', async () => {
    const mia = await addYoungPerson('Mia');
    const { closure, ratings } = await closeCase(
      mia.id,
      {
        closedOn: TODAY,
        reason: 'declined',
        closingRatings: [],
        closingRatedBy: '',
        goalOutcomes: {},
      },
      NOW,
    );
    expect(ratings).toEqual([]);
    expect(closure).toMatchObject({
      reason: 'declined',
      goalOutcomes: {},
      youngPersonSatisfaction: null,
      youngPersonComments: null,
    });
    expect((await getDb().youngPeople.get(mia.id))?.closureReason).toBe('Declined further support');
  });

  it('reports every missing answer by its field and writes nothing', async () => {
    const s = await seed();
    const before = await everything();
    const errors = await fieldErrorsOf(
      closeCase(
        s.mia.id,
        {
          closedOn: '',
          reason: '',
          closingRatings: [{ goalId: s.football.goal.id, score: null }],
          closingRatedBy: '',
          goalOutcomes: { [s.football.goal.id]: '' },
          youngPersonSatisfaction: 11,
          parentCarerSatisfaction: 2.5,
          youngPersonComments: 'x'.repeat(2001),
        },
        NOW,
      ),
    );
    expect(errors).toEqual({
      closedOn: 'Enter a real date (day, month and year).',
      reason: 'Choose a reason for closing.',
      youngPersonSatisfaction: 'Satisfaction is a whole number from 0 to 10.',
      parentCarerSatisfaction: 'Satisfaction is a whole number from 0 to 10.',
      youngPersonComments: 'Keep comments to 2,000 characters or fewer.',
      [`closingRatings.${s.football.goal.id}`]: 'Give a closing score from 0 to 10.',
      [`closingRatings.${s.sleep.goal.id}`]: 'Give a closing score from 0 to 10.',
      [`closingRatings.${s.worry.goal.id}`]: 'Give a closing score from 0 to 10.',
      [`goalOutcomes.${s.football.goal.id}`]: 'Choose how far the goal was reached.',
      [`goalOutcomes.${s.sleep.goal.id}`]: 'Choose how far the goal was reached.',
      [`goalOutcomes.${s.worry.goal.id}`]: 'Choose how far the goal was reached.',
      closingRatedBy: 'Choose who gave the closing scores.',
    });
    expect(await everything()).toEqual(before);
  });

  it('needs the detail when the reason is "other"', async () => {
    const s = await seed();
    const errors = await fieldErrorsOf(
      closeCase(s.mia.id, closeInput(s, { reason: 'other', reasonDetail: '  ' }), NOW),
    );
    expect(errors).toEqual({ reasonDetail: 'Say why the case is closing.' });
  });

  it('refuses scores and outcomes that are out of range or for goals that are not active', async () => {
    const s = await seed();
    const input = closeInput(s);
    const errors = await fieldErrorsOf(
      closeCase(
        s.mia.id,
        {
          ...input,
          closingRatings: [
            { goalId: s.football.goal.id, score: 11 },
            { goalId: s.sleep.goal.id, score: 6 },
            { goalId: s.worry.goal.id, score: 2 },
            { goalId: s.club.goal.id, score: 8 },
          ],
          goalOutcomes: { ...input.goalOutcomes, [s.club.goal.id]: 'reached' },
        },
        NOW,
      ),
    );
    expect(errors).toEqual({
      [`closingRatings.${s.football.goal.id}`]: 'A score is a whole number from 0 to 10.',
      [`closingRatings.${s.club.goal.id}`]: 'This goal is not one of the active goals.',
      [`goalOutcomes.${s.club.goal.id}`]: 'This goal is not one of the active goals.',
    });
  });

  it.each([
    ['after today', '2026-11-24', 'The closing date cannot be after today.'],
    [
      'before the last session',
      '2026-11-09',
      'The closing date cannot be before the last session (10 Nov 2026).',
    ],
  ])('refuses a closing date %s', async (_, closedOn, message) => {
    const s = await seed();
    const errors = await fieldErrorsOf(closeCase(s.mia.id, closeInput(s, { closedOn }), NOW));
    expect(errors).toEqual({ closedOn: message });
  });

  it('refuses a closing date before the referral date or the last goal rating', async () => {
    const s = await seed();
    await rateGoal(s.sleep.goal.id, { score: 5, ratedBy: 'coach' }, at('2026-11-15'));
    expect(
      await fieldErrorsOf(closeCase(s.mia.id, closeInput(s, { closedOn: '2026-11-12' }), NOW)),
    ).toEqual({
      closedOn: 'The closing date cannot be before the last goal rating (15 Nov 2026).',
    });

    const sam = await addYoungPerson('Sam');
    await updateYoungPerson(
      sam.id,
      { name: 'Sam', dateOfBirth: '', school: '', programme: '', referralDate: '2026-11-01' },
      NOW,
    );
    const input = { closingRatings: [], closingRatedBy: '', goalOutcomes: {} } as const;
    expect(
      await fieldErrorsOf(
        closeCase(sam.id, { ...input, closedOn: '2026-10-31', reason: 'moved-away' }, NOW),
      ),
    ).toEqual({ closedOn: 'The closing date cannot be before the referral date (1 Nov 2026).' });
  });

  it('refuses a case that is already closed or not there', async () => {
    const s = await seed();
    await closeCase(s.mia.id, closeInput(s), NOW);
    await expect(closeCase(s.mia.id, closeInput(s), NOW)).rejects.toThrow(
      'This case is already closed.',
    );
    await expect(closeCase('missing', closeInput(s), NOW)).rejects.toThrow(
      'This young person is no longer in the caseload.',
    );
    expect(await getDb().closures.count()).toBe(1);
  });

  describe('when a write fails', () => {
    let undo: (() => void) | null = null;
    afterEach(() => {
      undo?.();
      undo = null;
    });

    it('writes nothing at all', async () => {
      const s = await seed();
      const before = await everything();
      const table = getDb().closures;
      const fail = () => {
        throw new Error('Storage is full');
      };
      table.hook('creating', fail);
      undo = () => table.hook('creating').unsubscribe(fail);

      await expect(closeCase(s.mia.id, closeInput(s), NOW)).rejects.toThrow('Storage is full');
      expect(await everything()).toEqual(before);
    });
  });
});

describe('reopenCase', () => {
  it('opens the case and records when and why on the latest closure', async () => {
    const s = await seed();
    const { closure } = await closeCase(s.mia.id, closeInput(s), at('2026-11-20'));

    const reopened = await reopenCase(s.mia.id, '  Asked for more help ', NOW);

    expect(reopened).toEqual({
      ...closure,
      reopenedOn: TODAY,
      reopenReason: 'Asked for more help',
      updatedAt: NOW.toISOString(),
    });
    expect(await getClosures(s.mia.id)).toEqual([reopened]);
    expect(await getDb().youngPeople.get(s.mia.id)).toMatchObject({
      status: 'open',
      closedOn: null,
      closureReason: null,
      updatedAt: NOW.toISOString(),
    });
    // Goals keep the status their outcome gave them.
    expect((await getDb().goals.get(s.football.goal.id))?.status).toBe('achieved');
  });

  it('keeps one closure per closing, newest first, and reopens only the latest', async () => {
    const s = await seed();
    const first = await closeCase(s.mia.id, closeInput(s), at('2026-11-20'));
    await reopenCase(s.mia.id, 'Moved back', at('2026-11-21'));
    const second = await closeCase(
      s.mia.id,
      {
        closedOn: TODAY,
        reason: 'transferred',
        closingRatings: [{ goalId: s.sleep.goal.id, score: 8 }],
        closingRatedBy: 'coach',
        goalOutcomes: { [s.sleep.goal.id]: 'reached' },
      },
      NOW,
    );
    const closures = await getClosures(s.mia.id);
    expect(closures.map((c) => [c.id, c.reopenedOn, c.reopenReason])).toEqual([
      [second.closure.id, null, null],
      [first.closure.id, '2026-11-21', 'Moved back'],
    ]);
  });

  it('needs a reason and writes nothing without one', async () => {
    const s = await seed();
    await closeCase(s.mia.id, closeInput(s), NOW);
    const before = await everything();
    expect(await fieldErrorsOf(reopenCase(s.mia.id, '   ', NOW))).toEqual({
      reason: 'Say why the case is being reopened.',
    });
    expect(await fieldErrorsOf(reopenCase(s.mia.id, 'x'.repeat(2001), NOW))).toEqual({
      reason: 'Keep the reason to 2,000 characters or fewer.',
    });
    expect(await everything()).toEqual(before);
  });

  it('refuses a case that is open or not there', async () => {
    const mia = await addYoungPerson('Mia');
    await expect(reopenCase(mia.id, 'Why not', NOW)).rejects.toThrow('This case is already open.');
    await expect(reopenCase('missing', 'Why not', NOW)).rejects.toThrow(
      'This young person is no longer in the caseload.',
    );
  });

  it('records the reopening for a case closed before closures were kept', async () => {
    const mia = await addYoungPerson('Mia');
    await getDb().youngPeople.update(mia.id, {
      status: 'closed',
      closedOn: '2026-10-20',
      closureReason: 'Moved away',
    });
    const reopened = await reopenCase(mia.id, 'Came back to the area', NOW);
    expect(reopened).toMatchObject({
      youngPersonId: mia.id,
      closedOn: '2026-10-20',
      reason: 'moved-away',
      reasonDetail: null,
      reopenedOn: TODAY,
      reopenReason: 'Came back to the area',
    });
    expect(await getClosures(mia.id)).toEqual([reopened]);
  });
});
