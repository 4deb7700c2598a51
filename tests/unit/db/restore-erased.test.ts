import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { makeCaseBackup } from '../../../src/db/repositories/backup/export';
import { readAllRecords } from '../../../src/db/repositories/backup/read-records';
import { applyRestore, planRestore } from '../../../src/db/repositories/backup/restore';
import { MAX_ERASED_IDS } from '../../../src/db/repositories/erased-ids';
import { deleteYoungPersonWithRecords } from '../../../src/db/repositories/young-people';
import {
  RECORD_ARRAYS,
  type BackupFile,
  type FullBackupRecords,
} from '../../../src/domain/backup-format';
import { parseBackupText } from '../../../src/domain/backup-parse';
import { sampleBackup, sampleRecords, seedRecords } from '../support/backup-fixtures';
import { freshDb } from './fixtures';
import { ERASED_IDS_KEY } from '../../../src/db/settings-keys';

const NOW = new Date(2026, 10, 23, 14, 5, 0);

const byId = (list: readonly { id: string }[]) =>
  [...list].sort((a, b) => a.id.localeCompare(b.id));

/** Every array sorted by id, to compare record sets. */
function sorted(records: FullBackupRecords) {
  return Object.fromEntries(RECORD_ARRAYS.map((array) => [array, byId(records[array])]));
}

async function erasedIds(): Promise<unknown> {
  return (await getDb().settings.get(ERASED_IDS_KEY))?.value;
}

/**
 * The sample records on the device, then yp2 (closed: goal g3, session s2, rating r4 and
 * closure c1) erased. The file is a backup from before the erasure.
 */
async function eraseAfterBackup(): Promise<BackupFile> {
  await seedRecords(sampleRecords());
  const file = sampleBackup();
  await deleteYoungPersonWithRecords('yp2');
  return file;
}

beforeEach(freshDb);

describe('the list of erased young people', () => {
  it('holds only the ids of those erased, and nothing for an unknown id', async () => {
    await seedRecords(sampleRecords());
    await deleteYoungPersonWithRecords('nobody');
    expect(await erasedIds()).toBeUndefined();
    await deleteYoungPersonWithRecords('yp2');
    await deleteYoungPersonWithRecords('yp1');
    expect(await erasedIds()).toEqual(['yp2', 'yp1']);
  });

  it('keeps the most recent erasures when it is full', async () => {
    const old = Array.from({ length: MAX_ERASED_IDS }, (_, i) => `old-${i}`);
    await getDb().settings.put({ key: ERASED_IDS_KEY, value: old });
    await seedRecords(sampleRecords());
    await deleteYoungPersonWithRecords('yp2');
    const ids = (await erasedIds()) as string[];
    expect(ids).toHaveLength(MAX_ERASED_IDS);
    expect(ids.at(-1)).toBe('yp2');
    expect(ids[0]).toBe('old-1');
  });
});

describe('restoring a backup that holds a young person erased on this device', () => {
  it('says in the plan how many of its young people were erased, and what a merge leaves out', async () => {
    const file = await eraseAfterBackup();
    const plan = await planRestore(file);
    expect(plan.arrays.youngPeople).toMatchObject({ inFile: 2, new: 1, unchanged: 1 });
    expect(plan.total).toMatchObject({ inFile: 13, new: 5, unchanged: 8 });
    expect(plan.erased).toEqual({
      youngPeople: 1,
      records: 5,
      mergeTotal: {
        inFile: 8,
        new: 0,
        changed: 0,
        unchanged: 8,
        fileNewer: 0,
        deviceNewer: 0,
        removedByReplace: 0,
        deletedHere: 0,
        refusedNew: 0,
        refusedNewer: 0,
        deletedByFile: 0,
        keptChangedHere: 0,
      },
      mergeRefusals: [],
    });
    // Brought back, none of theirs is left out for having been deleted here.
    expect(plan.total).toMatchObject({ deletedHere: 0, refusedNew: 0 });
  });

  it('says nothing of erasure when none of the young people in the file was erased', async () => {
    await seedRecords(sampleRecords());
    await deleteYoungPersonWithRecords('yp2');
    const file = sampleBackup();
    file.youngPeople = file.youngPeople.filter((yp) => yp.id !== 'yp2');
    file.goals = file.goals.filter((g) => g.youngPersonId !== 'yp2');
    file.sessions = file.sessions.filter((s) => s.youngPersonId !== 'yp2');
    file.ratings = file.ratings.filter((r) => r.goalId !== 'g3');
    file.closures = [];
    expect((await planRestore(file)).erased).toMatchObject({ youngPeople: 0, records: 0 });
  });

  it('merge leaves them out, with everything of theirs, by default', async () => {
    const file = await eraseAfterBackup();
    const before = await readAllRecords();

    const result = await applyRestore(file, 'merge', NOW);

    expect(await readAllRecords()).toEqual(before);
    expect(await getDb().youngPeople.get('yp2')).toBeUndefined();
    expect(result.erased).toEqual({ youngPeople: 1, records: 5, leftOut: true });
    expect(result.counts.total).toMatchObject({ written: 0, added: 0, unchanged: 8 });
    expect(await erasedIds()).toEqual(['yp2']);
  });

  it('merge brings them back when asked, and they come off the list', async () => {
    const file = await eraseAfterBackup();

    const result = await applyRestore(file, 'merge', NOW, { bringBackErased: true });

    expect(sorted(await readAllRecords())).toEqual(sorted(sampleRecords()));
    expect(result.erased).toEqual({ youngPeople: 1, records: 5, leftOut: false });
    expect(result.counts.total).toMatchObject({ written: 5, added: 5 });
    expect(await erasedIds()).toBeUndefined();
  });

  it('replace restores exactly what the file holds, them included', async () => {
    const file = await eraseAfterBackup();

    const result = await applyRestore(file, 'replace', NOW);

    expect(sorted(await readAllRecords())).toEqual(sorted(sampleRecords()));
    expect(result.erased).toEqual({ youngPeople: 1, records: 5, leftOut: false });
    expect(await erasedIds()).toBeUndefined();
  });
});

describe("one young person's case export", () => {
  it('restores to every record of theirs, closure and resilience map included', async () => {
    await seedRecords(sampleRecords());
    const original = await readAllRecords();
    const yp1 = (await makeCaseBackup('yp1', NOW))?.file;
    const yp2 = (await makeCaseBackup('yp2', NOW))?.file;
    expect(await makeCaseBackup('nobody', NOW)).toBeNull();
    expect(yp2?.closures?.map((c) => c.id)).toEqual(['c1']);
    expect(yp1?.resilienceMaps?.map((m) => m.id)).toEqual(['m1']);

    // Export then erase, as the retention list offers; then restore both files.
    await deleteYoungPersonWithRecords('yp1');
    await deleteYoungPersonWithRecords('yp2');
    expect(await getDb().closures.count()).toBe(0);
    expect(await getDb().resilienceMaps.count()).toBe(0);
    for (const file of [yp1, yp2]) {
      const parsed = parseBackupText(JSON.stringify(file, null, 2));
      if (!parsed.ok) throw new Error(parsed.message);
      await applyRestore(parsed.backup, 'merge', NOW, { bringBackErased: true });
    }

    expect(sorted(await readAllRecords())).toEqual(sorted(original));
  });
});
