import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_REMINDER_DAYS, backupReminder } from '../../../src/db/backup-reminder';
import { getDb } from '../../../src/db/database';
import { makeBackup, markBackupMade } from '../../../src/db/repositories/backup/export';
import { readAllRecords } from '../../../src/db/repositories/backup/read-records';
import { applyRestore, planRestore } from '../../../src/db/repositories/backup/restore';
import {
  deleteRestoreSafetyCopy,
  getRestoreSafetyCopy,
} from '../../../src/db/repositories/backup/safety-copy';
import {
  RECORD_ARRAYS,
  type BackupFile,
  type BackupRecords,
  type FullBackupRecords,
} from '../../../src/domain/backup-format';
import { parseBackupText } from '../../../src/domain/backup-parse';
import {
  goal,
  rating,
  resilienceMap,
  sampleBackup,
  sampleRecords,
  seedRecords,
  session,
  youngPerson,
} from '../support/backup-fixtures';
import { deleteYoungPersonWithRecords } from '../../../src/db/repositories/young-people';
import { at, freshDb } from './fixtures';
import { rawStores } from './encryption/raw-idb';
import { DATABASE_NAME } from '../../../src/db/schema';
import { LAST_BACKUP_KEY, SAFETY_COPY_KEY } from '../../../src/db/settings-keys';

const NOW = new Date(2026, 10, 23, 14, 5, 0);

/** Everything in the database, settings and drafts included. */
async function snapshot() {
  const db = getDb();
  return {
    records: await readAllRecords(),
    settings: await db.settings.toArray(),
    drafts: await db.drafts.toArray(),
  };
}

function fileOf(records: FullBackupRecords): BackupFile {
  return {
    format: 'resilience-coaching-backup',
    version: 1,
    exportedAt: NOW.toISOString(),
    ...records,
  };
}

const LATER = '2026-02-01T09:00:00.000Z';
const EARLIER = '2025-12-01T09:00:00.000Z';

/**
 * The device holds the sample records plus rating r9 and young person yp9. The file holds
 * the sample with: goal g9 new; g1 achieved, newer in the file; s1 changed but newer on
 * the device; g2 changed with the same updatedAt (a tie); m1 map newer in the file
 * (savedAt); r2 changed, older in the file (ratedAt).
 */
async function seedDeviceAndMakeFile(): Promise<BackupFile> {
  const device = sampleRecords();
  device.sessions[0] = session('s1', 'yp1', { notes: 'Device notes', updatedAt: LATER });
  device.ratings.push(rating('r9', 'g1', null));
  device.youngPeople.push(youngPerson('yp9'));
  await seedRecords(device);
  const file = sampleBackup();
  file.goals.push(goal('g9', 'yp1', { text: 'Brand new goal' }));
  file.goals[0] = goal('g1', 'yp1', { status: 'achieved', updatedAt: LATER });
  file.goals[1] = { ...file.goals[1]!, text: 'Tie: file version' };
  file.sessions[0] = session('s1', 'yp1', { notes: 'File notes', updatedAt: EARLIER });
  file.resilienceMaps = [resilienceMap('m1', 'yp1', { savedAt: LATER, tiles: {} })];
  file.ratings[1] = rating('r2', 'g1', 's1', { score: 9, ratedAt: EARLIER });
  return file;
}

beforeEach(async () => {
  await freshDb();
});

describe('makeBackup', () => {
  it('writes every record to one file, named with the local date and time', async () => {
    await seedRecords(sampleRecords());
    const { file, json, fileName } = await makeBackup(NOW);
    expect(fileName).toBe('resilience-coaching-backup-2026-11-23-1405.json');
    expect(file.exportedAt).toBe(NOW.toISOString());
    const parsed = parseBackupText(json);
    if (!parsed.ok) throw new Error(parsed.message);
    const byId = (list: readonly { id: string }[]) =>
      [...list].sort((a, b) => a.id.localeCompare(b.id));
    const sample = sampleRecords();
    for (const array of RECORD_ARRAYS) {
      expect(byId(parsed.backup[array])).toEqual(byId(sample[array]));
    }
  });

  it('writes an empty backup of an empty device, and marks when it was made', async () => {
    const { file } = await makeBackup(NOW);
    expect(file).toMatchObject({ youngPeople: [], closures: [], resilienceMaps: [] });
    expect((await backupReminder(NOW)).lastBackupAt).toBeNull();
    await markBackupMade(NOW);
    expect((await getDb().settings.get(LAST_BACKUP_KEY))?.value).toBe(NOW.toISOString());
    expect((await backupReminder(NOW)).lastBackupAt).toBe(NOW.toISOString());
  });
});

describe('planRestore', () => {
  it('counts new, changed and unchanged records, and who wins a merge', async () => {
    const file = await seedDeviceAndMakeFile();
    const plan = await planRestore(file);
    expect(plan.arrays.goals).toEqual({
      inFile: 4,
      new: 1,
      changed: 2,
      unchanged: 1,
      fileNewer: 1,
      deviceNewer: 1,
      removedByReplace: 0,
      deletedHere: 0,
      refusedNew: 0,
      refusedNewer: 0,
      deletedByFile: 0,
      keptChangedHere: 0,
    });
    expect(plan.arrays.sessions).toMatchObject({
      changed: 1,
      unchanged: 1,
      fileNewer: 0,
      deviceNewer: 1,
    });
    expect(plan.arrays.ratings).toMatchObject({
      inFile: 4,
      changed: 1,
      deviceNewer: 1,
      removedByReplace: 1,
    });
    expect(plan.arrays.resilienceMaps).toMatchObject({ changed: 1, fileNewer: 1 });
    expect(plan.arrays.youngPeople).toMatchObject({ unchanged: 2, removedByReplace: 1 });
    expect(plan.arrays.closures).toMatchObject({ inFile: 1, unchanged: 1 });
    expect(plan.total).toEqual({
      inFile: 14,
      new: 1,
      changed: 5,
      unchanged: 8,
      fileNewer: 2,
      deviceNewer: 3,
      removedByReplace: 2,
      deletedHere: 0,
      refusedNew: 0,
      refusedNewer: 0,
      deletedByFile: 0,
      keptChangedHere: 0,
    });
    expect(plan.removedByReplace).toBe(2);
    expect(plan.onDevice).toBe(15);
  });

  it('counts every record as new on an empty device, and sees key order as no change', async () => {
    const empty = await planRestore(sampleBackup());
    expect(empty.total).toMatchObject({ inFile: 13, new: 13, changed: 0, removedByReplace: 0 });
    await seedRecords(sampleRecords());
    const reordered = sampleBackup();
    const [first] = reordered.youngPeople;
    const { id, ...rest } = first!;
    reordered.youngPeople[0] = { ...rest, id };
    expect((await planRestore(reordered)).total).toMatchObject({ unchanged: 13, changed: 0 });
  });
});

describe('applyRestore: replace', () => {
  it('makes the device hold exactly the file, after keeping a safety copy', async () => {
    const file = await seedDeviceAndMakeFile();
    const before = await readAllRecords();
    const db = getDb();
    await db.settings.bulkPut([
      { key: 'coachPin', value: { hash: 'x' } },
      { key: 'reliableChangeThreshold', value: 2.45 },
      { key: 'demoYoungPersonIds', value: ['yp9', 'yp1'] },
      { key: 'handover', value: { youngPersonId: 'yp9', startedAt: '2026-11-23T10:00:00Z' } },
    ]);
    await db.drafts.add({
      id: 'session:yp1',
      kind: 'session',
      youngPersonId: 'yp1',
      values: { notes: 'half typed' },
      updatedAt: NOW.toISOString(),
    });

    const result = await applyRestore(file, 'replace', NOW);

    const after = await readAllRecords();
    const sorted = (r: BackupRecords) =>
      RECORD_ARRAYS.map((array) =>
        [...(r[array] ?? [])].sort((a: { id: string }, b: { id: string }) =>
          a.id.localeCompare(b.id),
        ),
      );
    expect(sorted(after)).toEqual(sorted(file));
    expect(await db.drafts.count()).toBe(0);
    expect((await db.settings.get('coachPin'))?.value).toEqual({ hash: 'x' });
    expect((await db.settings.get('reliableChangeThreshold'))?.value).toBe(2.45);
    expect((await db.settings.get('demoYoungPersonIds'))?.value).toEqual(['yp1']);
    expect(await db.settings.get('handover')).toBeUndefined();

    expect(result.mode).toBe('replace');
    expect(result.counts.total).toEqual({
      written: 14,
      added: 1,
      updated: 5,
      unchanged: 8,
      keptFromDevice: 0,
      removed: 2,
      notBroughtBack: 0,
      refused: 0,
      keptChangedHere: 0,
    });
    expect(result.counts.arrays.ratings).toMatchObject({ written: 4, removed: 1 });
    expect(result.safetyCopy?.fileName).toBe(
      'resilience-coaching-safety-copy-2026-11-23-1405.json',
    );
    const stored = await getRestoreSafetyCopy();
    expect(stored).toEqual({ savedAt: NOW.toISOString(), json: result.safetyCopy?.json });
    const copy = parseBackupText(stored?.json ?? '');
    if (!copy.ok) throw new Error(copy.message);
    expect(sorted(copy.backup)).toEqual(sorted(before));
  });

  it('keeps no safety copy when the device held no records', async () => {
    await getDb().settings.put({ key: SAFETY_COPY_KEY, value: { savedAt: 'old', json: '{}' } });
    const result = await applyRestore(sampleBackup(), 'replace', NOW);
    expect(result.safetyCopy).toBeNull();
    expect(await getRestoreSafetyCopy()).toEqual({ savedAt: 'old', json: '{}' });
    expect(result.counts.total).toMatchObject({ written: 13, added: 13, removed: 0 });
  });

  it('restores a version 1 file without closures or maps as having none', async () => {
    await seedRecords(sampleRecords());
    const file = sampleBackup();
    delete file.closures;
    delete file.resilienceMaps;
    await applyRestore(file, 'replace', NOW);
    const after = await readAllRecords();
    expect(after.closures).toEqual([]);
    expect(after.resilienceMaps).toEqual([]);
    expect(after.goals).toHaveLength(3);
  });
});

describe('applyRestore: merge', () => {
  it('adds new records and keeps the newer version of each changed one', async () => {
    const file = await seedDeviceAndMakeFile();
    const result = await applyRestore(file, 'merge', NOW);
    const db = getDb();
    expect((await db.goals.get('g9'))?.text).toBe('Brand new goal');
    expect((await db.goals.get('g1'))?.status).toBe('achieved'); // newer in the file
    expect((await db.goals.get('g2'))?.text).toBe('Make a friend at football'); // a tie: device
    expect((await db.sessions.get('s1'))?.notes).toBe('Device notes'); // newer on the device
    expect((await db.resilienceMaps.get('m1'))?.tiles).toEqual({}); // savedAt newer in file
    expect((await db.ratings.get('r2'))?.score).toBe(5); // ratedAt newer on the device
    expect(await db.ratings.get('r9')).toBeDefined(); // only on the device: kept
    expect(await db.youngPeople.get('yp9')).toBeDefined();
    expect(result).toMatchObject({ mode: 'merge', safetyCopy: null });
    expect(result.counts.total).toEqual({
      written: 3,
      added: 1,
      updated: 2,
      unchanged: 8,
      keptFromDevice: 3,
      removed: 0,
      notBroughtBack: 0,
      refused: 0,
      keptChangedHere: 0,
    });
    expect(await getRestoreSafetyCopy()).toBeNull();
  });

  it('changes nothing when merging the same records again', async () => {
    await seedRecords(sampleRecords());
    const before = await snapshot();
    const result = await applyRestore(sampleBackup(), 'merge', NOW);
    expect(result.counts.total).toMatchObject({ written: 0, unchanged: 13 });
    expect(await snapshot()).toEqual(before);
  });
});

describe('a restore that fails part way', () => {
  it('changes nothing when a write fails after the tables were emptied', async () => {
    const file = await seedDeviceAndMakeFile();
    await getDb().drafts.add({
      id: 'goal:yp1',
      kind: 'goal',
      youngPersonId: 'yp1',
      values: {},
      updatedAt: NOW.toISOString(),
    });
    const before = await snapshot();
    const broken: BackupFile = { ...file, ratings: [...file.ratings, file.ratings[0]!] };
    await expect(applyRestore(broken, 'replace', NOW)).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    expect(await getRestoreSafetyCopy()).toBeNull();
  });

  it('changes nothing when storage fails on the last table', async () => {
    const file = await seedDeviceAndMakeFile();
    const before = await snapshot();
    const maps = getDb().resilienceMaps;
    const spy = vi.spyOn(maps, 'bulkAdd').mockRejectedValue(new Error('QuotaExceededError'));
    await expect(applyRestore(file, 'replace', NOW)).rejects.toThrow('QuotaExceededError');
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    expect(await snapshot()).toEqual(before);
  });

  it('writes a large file in slices, and a slice failing part way changes nothing', async () => {
    const file = await seedDeviceAndMakeFile();
    // Enough ratings for several slices of the write.
    const many = Array.from({ length: 1_200 }, (_, i) =>
      rating(`bulk-${String(i).padStart(4, '0')}`, 'g1', null, { score: i % 11 }),
    );
    const big: BackupFile = { ...file, ratings: [...file.ratings, ...many] };
    const before = await snapshot();
    const ratings = getDb().ratings;
    const write = ratings.bulkAdd.bind(ratings);
    let calls = 0;
    const spy = vi.spyOn(ratings, 'bulkAdd').mockImplementation((...args) => {
      calls += 1;
      if (calls !== 2) return write(...args);
      return Promise.reject(new Error('QuotaExceededError')) as ReturnType<typeof write>;
    });
    await expect(applyRestore(big, 'replace', NOW)).rejects.toThrow('QuotaExceededError');
    spy.mockRestore();
    expect(calls).toBe(2);
    expect(await snapshot()).toEqual(before);

    // Without the failure, every slice is written.
    await applyRestore(big, 'replace', NOW);
    expect(await getDb().ratings.count()).toBe(big.ratings.length);
  });

  it('changes nothing when a merge fails part way', async () => {
    const file = await seedDeviceAndMakeFile();
    const before = await snapshot();
    const spy = vi.spyOn(getDb().ratings, 'bulkPut').mockRejectedValue(new Error('disk full'));
    await expect(applyRestore(file, 'merge', NOW)).rejects.toThrow('disk full');
    spy.mockRestore();
    expect(await snapshot()).toEqual(before);
  });
});

describe('the safety copy', () => {
  it('can be read and deleted', async () => {
    expect(await getRestoreSafetyCopy()).toBeNull();
    await seedRecords(sampleRecords());
    await applyRestore(fileOf({ ...sampleRecords(), ratings: [] }), 'replace', NOW);
    expect(await getRestoreSafetyCopy()).toMatchObject({ savedAt: NOW.toISOString() });
    await deleteRestoreSafetyCopy();
    expect(await getRestoreSafetyCopy()).toBeNull();
  });

  it('keeps a large copy in parts, each encrypted, and reads, erases and deletes them all', async () => {
    const device = sampleRecords();
    // About 1.3 million characters of notes: several parts of 256 KiB characters.
    for (let i = 0; i < 130; i += 1) {
      const note = `Walked by the sea, talked about school ${i} `.repeat(250);
      device.sessions.push(session(`long-${i}`, i % 2 === 0 ? 'yp1' : 'yp2', { notes: note }));
    }
    await seedRecords(device);
    const before = await readAllRecords();
    await applyRestore(fileOf({ ...sampleRecords(), ratings: [] }), 'replace', NOW);

    const partRows = () =>
      rawStores(DATABASE_NAME).then((stores) =>
        (stores.settings ?? []).filter((row) => String(row.key).startsWith(SAFETY_COPY_KEY)),
      );
    const stored = await partRows();
    expect(stored.length).toBeGreaterThan(4);
    // Every part is stored encrypted: none of the notes can be read in IndexedDB.
    for (const row of stored) {
      expect(String(row.sealed)).toMatch(/^enc:v2:/);
      expect(row).not.toHaveProperty('value');
      expect(JSON.stringify(row)).not.toContain('Walked by the sea');
    }
    const copy = await getRestoreSafetyCopy();
    const parsed = parseBackupText(copy?.json ?? '');
    expect(parsed.ok && parsed.backup.sessions).toEqual(before.sessions);

    // Erasing yp2 rewrites the copy in fewer parts, with no part left over.
    await deleteYoungPersonWithRecords('yp2');
    const afterErase = await partRows();
    expect(afterErase.length).toBeLessThan(stored.length);
    const rest = parseBackupText((await getRestoreSafetyCopy())?.json ?? '');
    expect(rest.ok && rest.backup.sessions.map((s) => s.youngPersonId)).not.toContain('yp2');
    expect(rest.ok && rest.backup.sessions.length).toBe(
      before.sessions.filter((s) => s.youngPersonId !== 'yp2').length,
    );

    await deleteRestoreSafetyCopy();
    expect(await partRows()).toEqual([]);
    expect(await getRestoreSafetyCopy()).toBeNull();
  });

  it('reads a copy stored as one value, from before copies were kept in parts', async () => {
    const json = JSON.stringify({ ...sampleBackup(), exportedAt: NOW.toISOString() });
    await getDb().settings.put({ key: SAFETY_COPY_KEY, value: { savedAt: LATER, json } });
    expect(await getRestoreSafetyCopy()).toEqual({ savedAt: LATER, json });
  });

  it('is null when a part is missing', async () => {
    await getDb().settings.put({
      key: SAFETY_COPY_KEY,
      value: { savedAt: LATER, json: '{"format":', parts: 1 },
    });
    expect(await getRestoreSafetyCopy()).toBeNull();
  });

  it('is null when the stored value is damaged', async () => {
    await getDb().settings.put({ key: SAFETY_COPY_KEY, value: { savedAt: 1 } });
    expect(await getRestoreSafetyCopy()).toBeNull();
  });
});

describe('backupReminder', () => {
  const day = (n: number) => new Date(NOW.getTime() - n * 24 * 60 * 60 * 1000);

  it('is not due on an empty device that was never backed up', async () => {
    expect(await backupReminder(NOW)).toEqual({
      lastBackupAt: null,
      changedSince: false,
      due: false,
    });
  });

  it('is due when there are records and there has never been a backup', async () => {
    await seedRecords(sampleRecords());
    expect(await backupReminder(NOW)).toEqual({
      lastBackupAt: null,
      changedSince: true,
      due: true,
    });
  });

  it('is not due for demo records only', async () => {
    await seedRecords(sampleRecords());
    await getDb().settings.put({ key: 'demoYoungPersonIds', value: ['yp1', 'yp2'] });
    expect((await backupReminder(NOW)).due).toBe(false);
    await getDb().youngPeople.add(youngPerson('real', { updatedAt: NOW.toISOString() }));
    expect((await backupReminder(NOW)).due).toBe(true);
  });

  it('waits 7 days after a backup, then reminds only if records changed since', async () => {
    expect(BACKUP_REMINDER_DAYS).toBe(7);
    await seedRecords(sampleRecords()); // every record is from early 2026
    await markBackupMade(day(8));
    expect(await backupReminder(NOW)).toEqual({
      lastBackupAt: day(8).toISOString(),
      changedSince: false,
      due: false,
    });
    await getDb().sessions.add(session('s-new', 'yp1', { updatedAt: day(6).toISOString() }));
    expect(await backupReminder(NOW)).toMatchObject({ changedSince: true, due: true });
    await markBackupMade(day(5));
    expect(await backupReminder(NOW)).toMatchObject({ changedSince: false, due: false });
    await getDb().goals.update('g1', { updatedAt: day(1).toISOString() });
    expect(await backupReminder(NOW)).toMatchObject({ changedSince: true, due: false });
    expect((await backupReminder(new Date(day(5).getTime() + 7 * 86_400_000))).due).toBe(true);
  });

  it.each([
    ['a young person', async (t: string) => getDb().youngPeople.update('yp1', { updatedAt: t })],
    ['a goal', async (t: string) => getDb().goals.update('g2', { updatedAt: t })],
    ['a session', async (t: string) => getDb().sessions.update('s1', { updatedAt: t })],
    [
      'a rating',
      async (t: string) => getDb().ratings.add(rating('r-new', 'g1', null, { ratedAt: t })),
    ],
    ['a closure', async (t: string) => getDb().closures.update('c1', { updatedAt: t })],
    ['a resilience map', async (t: string) => getDb().resilienceMaps.update('m1', { savedAt: t })],
  ])('counts %s changed since the last backup, unless it is demo data', async (_, change) => {
    await seedRecords(sampleRecords());
    await markBackupMade(at('2026-11-01'));
    await change(at('2026-11-10').toISOString());
    expect(await backupReminder(NOW)).toMatchObject({ changedSince: true, due: true });
    await getDb().settings.put({ key: 'demoYoungPersonIds', value: ['yp1', 'yp2'] });
    expect(await backupReminder(NOW)).toMatchObject({ changedSince: false, due: false });
  });
});
