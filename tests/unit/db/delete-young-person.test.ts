import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { getYoungPersonDetail } from '../../../src/db/queries';
import { closeCase } from '../../../src/db/repositories/closure';
import { saveDraft } from '../../../src/db/repositories/drafts';
import { saveResilienceMap } from '../../../src/db/repositories/resilience-map';
import { logSession } from '../../../src/db/repositories/sessions';
import { deleteYoungPersonWithRecords } from '../../../src/db/repositories/young-people';
import { NOW, TODAY, addGoal, addYoungPerson, at, counts, freshDb, sessionInput } from './fixtures';

beforeEach(freshDb);

async function personWithRecords(name: string) {
  const yp = await addYoungPerson(name);
  const a = await addGoal(yp.id, at('2026-10-01'), { text: `${name}: goal A` });
  const b = await addGoal(yp.id, at('2026-10-01'), { text: `${name}: goal B` });
  const ratings = [
    { goalId: a.goal.id, score: 4 },
    { goalId: b.goal.id, score: 5 },
  ];
  await logSession(yp.id, sessionInput('2026-11-01', ratings), NOW);
  await logSession(yp.id, sessionInput(TODAY, ratings), NOW);
  return yp;
}

describe('deleteYoungPersonWithRecords', () => {
  it("removes every goal, rating and session of that person and nothing of another's", async () => {
    const mia = await personWithRecords('Mia');
    const sam = await personWithRecords('Sam');
    const samBefore = await getYoungPersonDetail(sam.id);
    // Each: 2 goals, 2 baselines + 2 sessions x 2 ratings.
    expect(await counts()).toEqual({ youngPeople: 2, goals: 4, sessions: 4, ratings: 12 });

    await deleteYoungPersonWithRecords(mia.id);

    expect(await counts()).toEqual({ youngPeople: 1, goals: 2, sessions: 2, ratings: 6 });
    const db = getDb();
    expect(await db.youngPeople.get(mia.id)).toBeUndefined();
    expect(await db.goals.where('youngPersonId').equals(mia.id).count()).toBe(0);
    expect(await db.sessions.where('youngPersonId').equals(mia.id).count()).toBe(0);
    const goalIds = new Set((await db.goals.toArray()).map((g) => g.id));
    const orphans = (await db.ratings.toArray()).filter((r) => !goalIds.has(r.goalId));
    expect(orphans).toEqual([]);
    expect(await getYoungPersonDetail(mia.id)).toBeNull();
    expect(await getYoungPersonDetail(sam.id)).toEqual(samBefore);
  });

  it('removes a young person with no records', async () => {
    const mia = await addYoungPerson('Mia');
    await deleteYoungPersonWithRecords(mia.id);
    expect(await counts()).toEqual({ youngPeople: 0, goals: 0, sessions: 0, ratings: 0 });
  });

  it('does nothing for an unknown id', async () => {
    await personWithRecords('Sam');
    await deleteYoungPersonWithRecords('missing');
    expect(await counts()).toEqual({ youngPeople: 1, goals: 2, sessions: 2, ratings: 6 });
  });
});

describe('erasing a young person leaves nothing of them in any store', () => {
  it('removes their closures, maps, drafts and settings entries too', async () => {
    const kit = await personWithRecords('Kit');
    const sam = await personWithRecords('Sam');
    const db = getDb();
    await saveResilienceMap(
      kit.id,
      {
        savedBy: 'coach',
        tiles: { 'coping-brave': 'try' },
        examples: { 'coping-brave': 'Kit example words' },
      },
      NOW,
    );
    await saveDraft('session', kit.id, { notes: 'Kit draft words' }, NOW);
    await saveDraft('goal', kit.id, { text: 'Kit goal draft' }, NOW);
    const active = (await getYoungPersonDetail(kit.id))?.goals.map((g) => g.goal.id) ?? [];
    await closeCase(
      kit.id,
      {
        closedOn: TODAY,
        reason: 'support-completed',
        reasonDetail: '',
        closingRatings: active.map((goalId) => ({ goalId, score: 7 })),
        closingRatedBy: 'young-person',
        goalOutcomes: Object.fromEntries(active.map((goalId) => [goalId, 'reached'])),
        youngPersonSatisfaction: 9,
        parentCarerSatisfaction: null,
        youngPersonComments: 'Kit closing comment',
        parentCarerComments: '',
      },
      NOW,
    );
    await db.settings.put({ key: 'demoYoungPersonIds', value: [kit.id, sam.id] });
    const kitDetail = await getYoungPersonDetail(kit.id);
    const traces = [
      kit.id,
      'Kit',
      'Kit example words',
      'Kit draft words',
      'Kit goal draft',
      'Kit closing comment',
      ...(kitDetail?.goals.map((g) => g.goal.id) ?? []),
      ...(kitDetail?.sessions.map((s) => s.id) ?? []),
    ];

    await deleteYoungPersonWithRecords(kit.id);

    for (const table of db.tables) {
      const stored = JSON.stringify(await table.toArray());
      for (const trace of traces) {
        expect(stored, `${table.name} still holds ${trace}`).not.toContain(trace);
      }
    }
    expect(await db.settings.get('demoYoungPersonIds')).toEqual({
      key: 'demoYoungPersonIds',
      value: [sam.id],
    });
    expect(await getYoungPersonDetail(sam.id)).not.toBeNull();
  });
});
