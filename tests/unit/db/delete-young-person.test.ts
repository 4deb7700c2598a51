import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { getYoungPersonDetail } from '../../../src/db/queries';
import { makeBackup } from '../../../src/db/repositories/backup/export';
import { readAllRecords } from '../../../src/db/repositories/backup/read-records';
import { applyRestore } from '../../../src/db/repositories/backup/restore';
import { getRestoreSafetyCopy } from '../../../src/db/repositories/backup/safety-copy';
import { closeCase } from '../../../src/db/repositories/closure';
import { saveDraft } from '../../../src/db/repositories/drafts';
import { saveResilienceMap } from '../../../src/db/repositories/resilience-map';
import { logSession } from '../../../src/db/repositories/sessions';
import { deleteYoungPersonWithRecords } from '../../../src/db/repositories/young-people';
import { RECORD_ARRAYS, type FullBackupRecords } from '../../../src/domain/backup-format';
import { NOW, TODAY, addGoal, addYoungPerson, at, counts, freshDb, sessionInput } from './fixtures';
import { ERASED_IDS_KEY, SAFETY_COPY_KEY } from '../../../src/db/settings-keys';

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

/** The records in the safety copy kept before the last "replace everything". */
async function safetyCopyRecords(): Promise<FullBackupRecords | null> {
  const copy = await getRestoreSafetyCopy();
  return copy ? (JSON.parse(copy.json) as FullBackupRecords) : null;
}

/** Replaces everything with a backup of what is here: the safety copy then holds it all. */
async function keepSafetyCopy(): Promise<void> {
  const { file } = await makeBackup(NOW);
  await applyRestore(file, 'replace', NOW);
}

describe('erasing a young person leaves nothing of them in any store', () => {
  it('removes their closures, maps, drafts, settings entries and safety copy records too', async () => {
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
    // A real "replace everything" keeps a safety copy of all of it, Kit's records included
    // (and empties the drafts, so Kit's drafts are saved after it).
    await keepSafetyCopy();
    const copyBefore = await safetyCopyRecords();
    expect(JSON.stringify(copyBefore)).toContain('Kit closing comment');
    expect(JSON.stringify(copyBefore)).toContain('Kit example words');
    await saveDraft('session', kit.id, { notes: 'Kit draft words' }, NOW);
    await saveDraft('goal', kit.id, { text: 'Kit goal draft' }, NOW);
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

    // Their id alone stays, in the list of erased young people (ids and nothing else), so a
    // restore of an older backup can say so rather than bring them back unseen.
    expect(await db.settings.get(ERASED_IDS_KEY)).toEqual({ key: ERASED_IDS_KEY, value: [kit.id] });
    // Each erased record leaves a deletion record: its table and id, when, and nothing else.
    const deletions = await db.deletions.toArray();
    expect(deletions.map((d) => Object.keys(d).sort())).toEqual(
      deletions.map(() => ['deletedAt', 'id', 'table']),
    );
    expect(deletions.filter((d) => d.table === 'youngPeople').map((d) => d.id)).toEqual([kit.id]);
    expect(deletions.filter((d) => d.table === 'sessions')).toHaveLength(2);
    expect(deletions.filter((d) => d.table === 'ratings')).toHaveLength(2 + 4 + 2);
    const words = traces.filter((t) => !t.match(/^[0-9a-f-]{36}$/));
    expect(words.length).toBeGreaterThan(3);
    for (const word of words) expect(JSON.stringify(deletions)).not.toContain(word);
    for (const table of db.tables) {
      if (table.name === 'deletions') continue;
      const rows = await table.toArray();
      const stored = JSON.stringify(
        table.name === 'settings'
          ? rows.filter((row) => (row as { key: string }).key !== ERASED_IDS_KEY)
          : rows,
      );
      for (const trace of traces) {
        expect(stored, `${table.name} still holds ${trace}`).not.toContain(trace);
      }
    }
    expect(await db.settings.get('demoYoungPersonIds')).toEqual({
      key: 'demoYoungPersonIds',
      value: [sam.id],
    });
    expect(await getYoungPersonDetail(sam.id)).not.toBeNull();

    // The safety copy keeps everything of Sam's, exactly, and nothing of Kit's.
    const copyAfter = await safetyCopyRecords();
    if (!copyAfter) throw new Error('The safety copy of Sam was deleted');
    const ofKit = (record: unknown) => traces.some((t) => JSON.stringify(record).includes(t));
    for (const array of RECORD_ARRAYS) {
      const before: readonly unknown[] = copyBefore?.[array] ?? [];
      expect(copyAfter[array], array).toEqual(before.filter((record) => !ofKit(record)));
    }
    expect(copyAfter.youngPeople.map((yp) => yp.name)).toEqual(['Sam']);
    expect(copyAfter.goals).toHaveLength(2);
    expect(copyAfter.sessions).toHaveLength(2);
    expect(copyAfter.ratings).toHaveLength(6);
  });

  it('deletes the safety copy when it held nothing but them', async () => {
    const kit = await personWithRecords('Kit');
    await keepSafetyCopy();
    expect(await getRestoreSafetyCopy()).not.toBeNull();

    await deleteYoungPersonWithRecords(kit.id);

    expect(await getDb().settings.get(SAFETY_COPY_KEY)).toBeUndefined();
    expect(await readAllRecords()).toEqual({
      youngPeople: [],
      goals: [],
      sessions: [],
      ratings: [],
      closures: [],
      resilienceMaps: [],
    });
  });

  it('leaves a safety copy that does not hold them as it was', async () => {
    await personWithRecords('Sam');
    await keepSafetyCopy();
    const before = await getRestoreSafetyCopy();
    const kit = await personWithRecords('Kit');

    await deleteYoungPersonWithRecords(kit.id);

    expect(await getRestoreSafetyCopy()).toEqual(before);
  });
});
