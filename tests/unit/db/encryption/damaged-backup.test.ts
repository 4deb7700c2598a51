import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { findDamagedRecords } from '../../../../src/db/encryption/damaged-records';
import { makeBackup, makeCaseBackup } from '../../../../src/db/repositories/backup/export';
import { applyRestore } from '../../../../src/db/repositories/backup/restore';
import { DATABASE_NAME } from '../../../../src/db/schema';
import { closeCase } from '../../../../src/db/repositories/closure';
import { NOW, addGoal, addYoungPerson, at, freshDb } from '../fixtures';
import { rawPut, rawStores } from './raw-idb';

// Issue 13, section 6: one damaged record never blocks the rest.

beforeEach(freshDb);

/** Mia with two goals, one of them then changed in IndexedDB (moved to Bea). */
async function deviceWithADamagedGoal() {
  const mia = await addYoungPerson('Mia');
  const bea = await addYoungPerson('Bea');
  const { goal: kept } = await addGoal(mia.id, at('2026-09-02'), { text: 'Walk to school' });
  const { goal: forged } = await addGoal(mia.id, at('2026-09-03'), { text: 'Join the choir' });
  const stored = (await rawStores(DATABASE_NAME)).goals?.find((g) => g.id === forged.id);
  await rawPut(DATABASE_NAME, 'goals', [{ ...stored, youngPersonId: bea.id }]);
  return { mia, bea, kept, forged };
}

describe('a damaged record', () => {
  it('does not stop a backup: the rest is saved and the backup says how many were left out', async () => {
    const { mia, bea, kept } = await deviceWithADamagedGoal();

    const backup = await makeBackup(NOW);

    // The goal, and its first rating, which would not read back without it.
    expect(backup.unread).toBe(2);
    expect(backup.file.youngPeople.map((yp) => yp.id).sort()).toEqual([mia.id, bea.id].sort());
    expect(backup.file.goals.map((g) => g.id)).toEqual([kept.id]);
    expect(backup.file.ratings.map((r) => r.goalId)).toEqual([kept.id]);
  });

  it('says nothing was left out when every record reads', async () => {
    const mia = await addYoungPerson('Mia');
    await addGoal(mia.id, at('2026-09-02'));
    expect((await makeBackup(NOW)).unread).toBe(0);
  });

  it('survives a replace-restore: it stays on the device, still listed as damaged', async () => {
    const { mia, forged } = await deviceWithADamagedGoal();
    const { file } = await makeBackup(NOW);
    const schoolBefore = (await getDb().youngPeople.get(mia.id))?.school;
    await getDb().youngPeople.update(mia.id, { school: 'Changed after the backup' });

    const result = await applyRestore(file, 'replace', NOW);

    expect(result.damagedKept).toBe(1);
    expect((await getDb().youngPeople.get(mia.id))?.school).toBe(schoolBefore);
    const damaged = await findDamagedRecords();
    expect(damaged).toEqual([expect.objectContaining({ table: 'goals', id: forged.id })]);
    const raw = (await rawStores(DATABASE_NAME)).goals ?? [];
    expect(raw.map((g) => g.id)).toContain(forged.id);
  });

  it('is replaced by the backup’s genuine copy when the file holds the same record', async () => {
    const mia = await addYoungPerson('Mia');
    const { goal } = await addGoal(mia.id, at('2026-09-02'), { text: 'Join the choir' });
    const { file } = await makeBackup(NOW);
    const stored = (await rawStores(DATABASE_NAME)).goals?.find((g) => g.id === goal.id);
    await rawPut(DATABASE_NAME, 'goals', [{ ...stored, sealed: 'enc:v2:broken' }]);
    expect(await getDb().goals.get(goal.id)).toBeUndefined();

    const result = await applyRestore(file, 'replace', NOW);

    expect(result.damagedKept).toBe(0);
    expect((await getDb().goals.get(goal.id))?.text).toBe('Join the choir');
    expect(await findDamagedRecords()).toEqual([]);
  });
});

describe("a damaged record in one young person's case export", () => {
  /** Mia's case, closed with two goals, then one goal's stored seal broken. */
  async function closedCaseWithADamagedGoal() {
    const mia = await addYoungPerson('Mia');
    const { goal: kept } = await addGoal(mia.id, at('2026-09-02'), { text: 'Walk to school' });
    const { goal: broken } = await addGoal(mia.id, at('2026-09-03'), { text: 'Join the choir' });
    await closeCase(
      mia.id,
      {
        closedOn: '2026-11-20',
        reason: 'support-completed',
        reasonDetail: '',
        closingRatings: [
          { goalId: kept.id, score: 8 },
          { goalId: broken.id, score: 6 },
        ],
        closingRatedBy: 'young-person',
        goalOutcomes: { [kept.id]: 'reached', [broken.id]: 'partly' },
        youngPersonSatisfaction: 9,
        parentCarerSatisfaction: null,
        youngPersonComments: '',
        parentCarerComments: '',
      },
      NOW,
    );
    const stored = (await rawStores(DATABASE_NAME)).goals?.find((g) => g.id === broken.id);
    await rawPut(DATABASE_NAME, 'goals', [{ ...stored, sealed: 'enc:v2:broken' }]);
    return { mia, kept, broken };
  }

  it('is left out, with what needs it, and counted; the rest of the case is exported', async () => {
    const { mia, kept } = await closedCaseWithADamagedGoal();

    const backup = await makeCaseBackup(mia.id, NOW);

    // The goal, its two ratings (set and closing) and the closure that names it.
    expect(backup?.unread).toBe(4);
    expect(backup?.file.youngPeople.map((yp) => yp.id)).toEqual([mia.id]);
    expect(backup?.file.goals.map((g) => g.id)).toEqual([kept.id]);
    expect(backup?.file.ratings.map((r) => r.goalId)).toEqual([kept.id, kept.id]);
    expect(backup?.file.closures).toEqual([]);
  });

  it('says nothing was left out when every record of theirs reads', async () => {
    const mia = await addYoungPerson('Mia');
    await addGoal(mia.id, at('2026-09-02'));
    expect((await makeCaseBackup(mia.id, NOW))?.unread).toBe(0);
  });
});
