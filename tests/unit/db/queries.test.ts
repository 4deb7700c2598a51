import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  getGoalsWithOwners,
  getSessionWithRatings,
  getYoungPersonDetail,
} from '../../../src/db/queries';
import { getCaseload } from '../../support/caseload';
import { setGoalStatus } from '../../../src/db/repositories/goals';
import { logSession } from '../../../src/db/repositories/sessions';
import { deleteYoungPersonWithRecords } from '../../../src/db/repositories/young-people';
import { NOW, TODAY, addGoal, addYoungPerson, at, freshDb, sessionInput } from './fixtures';

beforeEach(freshDb);

describe('getCaseload', () => {
  it('is empty for an empty caseload', async () => {
    expect(await getCaseload()).toEqual([]);
  });

  it('lists open cases first, then by name, with goal and session counts', async () => {
    const zoe = await addYoungPerson('zoe');
    const adam = await addYoungPerson('Adam');
    const bea = await addYoungPerson('Bea');
    const alf = await addYoungPerson('alf');
    await getDb().youngPeople.update(adam.id, { status: 'closed', closedOn: '2026-11-01' });

    const g1 = await addGoal(bea.id, at('2026-10-01'));
    const g2 = await addGoal(bea.id, at('2026-10-01'));
    const g3 = await addGoal(bea.id, at('2026-10-01'));
    await setGoalStatus(g3.goal.id, 'achieved', NOW);
    const ratings = [
      { goalId: g1.goal.id, score: 5 },
      { goalId: g2.goal.id, score: 6 },
    ];
    // Logged out of date order: the last session date is still the latest date.
    await logSession(bea.id, sessionInput('2026-11-20', ratings), NOW);
    await logSession(bea.id, sessionInput('2026-10-15', ratings), NOW);
    await logSession(bea.id, sessionInput('2026-11-02', ratings), NOW);
    const z1 = await addGoal(zoe.id, at('2026-10-01'));
    await logSession(zoe.id, sessionInput(TODAY, [{ goalId: z1.goal.id, score: 1 }]), NOW);

    const rows = await getCaseload();
    expect(rows.map((r) => r.youngPerson.name)).toEqual(['alf', 'Bea', 'zoe', 'Adam']);
    expect(rows.map((r) => r.youngPerson.id)).toEqual([alf.id, bea.id, zoe.id, adam.id]);
    expect(rows[0]).toMatchObject({
      goalCount: 0,
      activeGoalCount: 0,
      sessionCount: 0,
      lastSessionDate: null,
    });
    expect(rows[1]).toMatchObject({
      goalCount: 3,
      activeGoalCount: 2,
      sessionCount: 3,
      lastSessionDate: '2026-11-20',
    });
    expect(rows[2]).toMatchObject({
      goalCount: 1,
      activeGoalCount: 1,
      sessionCount: 1,
      lastSessionDate: TODAY,
    });
    expect(rows[3]?.youngPerson.status).toBe('closed');
  });

  it('forgets a deleted young person', async () => {
    const mia = await addYoungPerson('Mia');
    await addYoungPerson('Sam');
    await deleteYoungPersonWithRecords(mia.id);
    expect((await getCaseload()).map((r) => r.youngPerson.name)).toEqual(['Sam']);
  });
});

describe('getYoungPersonDetail', () => {
  it('is null for an unknown id', async () => {
    await addYoungPerson('Mia');
    expect(await getYoungPersonDetail('missing')).toBeNull();
  });

  it('returns a young person with no goals or sessions', async () => {
    const mia = await addYoungPerson('Mia');
    expect(await getYoungPersonDetail(mia.id)).toEqual({
      youngPerson: mia,
      goals: [],
      sessions: [],
    });
  });

  it('orders goals active first (oldest first within each), ratings oldest first, sessions newest first', async () => {
    const mia = await addYoungPerson('Mia');
    const stopped = await addGoal(mia.id, at('2026-09-01'), { text: 'Stopped goal' });
    const achieved = await addGoal(mia.id, at('2026-09-02'), { text: 'Achieved goal' });
    const second = await addGoal(mia.id, at('2026-10-05'), { text: 'Second active', baseline: 4 });
    const first = await addGoal(mia.id, at('2026-10-01'), { text: 'First active', baseline: 1 });
    await setGoalStatus(stopped.goal.id, 'stopped', NOW);
    await setGoalStatus(achieved.goal.id, 'achieved', NOW);

    const both = (a: number, b: number) => [
      { goalId: first.goal.id, score: a },
      { goalId: second.goal.id, score: b },
    ];
    const s2 = await logSession(mia.id, sessionInput('2026-11-01', both(5, 6)), NOW);
    const s1 = await logSession(mia.id, sessionInput('2026-10-10', both(2, 5)), NOW);
    const s3 = await logSession(mia.id, sessionInput(TODAY, both(8, 7)), NOW);
    // Someone else's records stay out.
    const sam = await addYoungPerson('Sam');
    const samsGoal = await addGoal(sam.id, at('2026-10-01'));
    await logSession(sam.id, sessionInput(TODAY, [{ goalId: samsGoal.goal.id, score: 9 }]), NOW);

    const detail = await getYoungPersonDetail(mia.id);
    expect(detail?.youngPerson).toEqual(mia);
    expect(detail?.goals.map((g) => g.goal.text)).toEqual([
      'First active',
      'Second active',
      'Achieved goal',
      'Stopped goal',
    ]);
    expect(detail?.goals[0]?.ratings.map((r) => r.score)).toEqual([1, 2, 5, 8]);
    expect(detail?.goals[1]?.ratings.map((r) => r.score)).toEqual([4, 5, 6, 7]);
    expect(detail?.goals[0]?.ratings[0]?.id).toBe(first.baseline.id);
    expect(detail?.goals[2]?.ratings).toEqual([achieved.baseline]);
    expect(detail?.sessions.map((s) => s.id)).toEqual([s3.id, s2.id, s1.id]);
  });

  it('orders two sessions on the same date newest logged first', async () => {
    const mia = await addYoungPerson('Mia');
    const morning = await logSession(mia.id, sessionInput(TODAY, []), at(TODAY, 9));
    const afternoon = await logSession(mia.id, sessionInput(TODAY, []), at(TODAY, 15));
    const detail = await getYoungPersonDetail(mia.id);
    expect(detail?.sessions.map((s) => s.id)).toEqual([afternoon.id, morning.id]);
  });
});

describe('getSessionWithRatings', () => {
  it('returns the session with its own ratings, or null', async () => {
    const mia = await addYoungPerson('Mia');
    const { goal } = await addGoal(mia.id, at('2026-10-01'));
    const session = await logSession(
      mia.id,
      sessionInput(TODAY, [{ goalId: goal.id, score: 6 }]),
      NOW,
    );
    const found = await getSessionWithRatings(session.id);
    expect(found?.session).toEqual(session);
    expect(found?.ratings.map((r) => [r.goalId, r.score])).toEqual([[goal.id, 6]]);
    expect(await getSessionWithRatings('missing')).toBeNull();
  });
});

describe('getGoalsWithOwners', () => {
  it('pairs every goal with its young person', async () => {
    const mia = await addYoungPerson('Mia');
    const sam = await addYoungPerson('Sam');
    const a = await addGoal(mia.id, at('2026-10-01'), { text: 'Mia goal' });
    const b = await addGoal(sam.id, at('2026-10-01'), { text: 'Sam goal' });
    const rows = await getGoalsWithOwners();
    const byGoal = new Map(rows.map((r) => [r.goal.id, r.youngPerson.name]));
    expect(byGoal).toEqual(
      new Map([
        [a.goal.id, 'Mia'],
        [b.goal.id, 'Sam'],
      ]),
    );
  });
});
