import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/database';
import { makeBackup } from '../../src/db/repositories/backup/export';
import { readAllRecords } from '../../src/db/repositories/backup/read-records';
import { applyRestore } from '../../src/db/repositories/backup/restore';
import { recordDeletions } from '../../src/db/repositories/deletions';
import { deleteYoungPersonWithRecords } from '../../src/db/repositories/young-people';
import {
  RECORD_ARRAYS,
  type CheckedBackupFile,
  type FullBackupRecords,
} from '../../src/domain/backup-format';
import { parseBackupText } from '../../src/domain/backup-parse';
import type { Deletion } from '../../src/domain/schemas';
import { databaseArb, instantArb } from '../unit/support/arbitraries';
import { seedRecords } from '../unit/support/backup-fixtures';

// Merges (issue 13, section 7), over generated databases: a merge of an older backup never
// brings back a record deleted here, and merging the same file twice changes nothing more
// than merging it once. Generated times run to 2035: the deletions here come after them, and
// the merges after those (a record dated in the future is refused).

const BACKED_UP = new Date(Date.UTC(2035, 0, 2));
const DELETED = new Date(Date.UTC(2035, 5, 1));
const MERGED = new Date(Date.UTC(2036, 0, 2));
const RUNS = 150;
// Each run writes a database, so shrinking a failure would take minutes: a failing case is
// reported as it was found (endOnFailure; its seed and path replay it).

async function wipe(): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.tables, () => Promise.all(db.tables.map((t) => t.clear())));
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Everything a merge can change: every record, the deletions and the settings. */
async function everything() {
  const db = getDb();
  const records = await readAllRecords();
  return {
    records: RECORD_ARRAYS.map((array) => [...records[array]].sort(byId)),
    deletions: await db.deletions.orderBy('[table+id]').toArray(),
    settings: await db.settings.orderBy('key').toArray(),
  };
}

async function backup(at: Date): Promise<CheckedBackupFile> {
  const { json } = await makeBackup(at);
  const parsed = parseBackupText(json, MERGED);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.backup;
}

/** What the coach deletes: young people (erased), sessions (with their ratings), ratings. */
type Pick = { kind: 'youngPeople' | 'sessions' | 'ratings'; n: number };
const picksArb = fc.array(
  fc.record({
    kind: fc.constantFrom<Pick['kind']>('youngPeople', 'sessions', 'ratings'),
    n: fc.nat(),
  }),
  { maxLength: 4 },
);

/** Deletes as the app does (an erasure; a session with its ratings; a dropped rating). */
async function deleteAsTheAppDoes(records: FullBackupRecords, picks: readonly Pick[]) {
  const db = getDb();
  for (const { kind, n } of picks) {
    const list = records[kind];
    const record = list[n % Math.max(list.length, 1)];
    if (!record) continue;
    if (kind === 'youngPeople') {
      await deleteYoungPersonWithRecords(record.id, DELETED);
      continue;
    }
    await db.transaction('rw', [db.sessions, db.ratings, db.deletions], async () => {
      if (kind === 'sessions') {
        const ratingIds = await db.ratings.where('sessionId').equals(record.id).primaryKeys();
        await db.ratings.bulkDelete(ratingIds);
        await recordDeletions(db, 'ratings', ratingIds, DELETED);
        if (await db.sessions.get(record.id)) {
          await db.sessions.delete(record.id);
          await recordDeletions(db, 'sessions', [record.id], DELETED);
        }
      } else if (await db.ratings.get(record.id)) {
        await db.ratings.delete(record.id);
        await recordDeletions(db, 'ratings', [record.id], DELETED);
      }
    });
  }
}

beforeAll(async () => {
  await getDb().delete();
  await getDb().open();
});

describe('merging', () => {
  it(`an older backup never brings back a record deleted here (${RUNS} databases)`, async () => {
    let deletedSome = 0;
    await fc.assert(
      fc.asyncProperty(databaseArb, picksArb, async (records, picks) => {
        await wipe();
        await seedRecords(records);
        const old = await backup(BACKED_UP);
        await deleteAsTheAppDoes(records, picks);
        const deleted = await getDb().deletions.toArray();
        if (deleted.length > 0) deletedSome += 1;

        await applyRestore(old, 'merge', MERGED);

        const after = await readAllRecords();
        for (const { table, id } of deleted) {
          expect(
            after[table].some((r: { id: string }) => r.id === id),
            `${table} ${id} came back`,
          ).toBe(false);
        }
        // And a second merge of the same file changes nothing more.
        const once = await everything();
        await applyRestore(old, 'merge', MERGED);
        expect(await everything()).toEqual(once);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(deletedSome).toBeGreaterThan(RUNS * 0.3);
  }, 180_000);

  it(`is idempotent for files with other changes and their own deletions (${RUNS} pairs)`, async () => {
    const changesArb = fc.record({
      bump: fc.array(fc.nat(), { maxLength: 6 }),
      words: fc.array(fc.nat(), { maxLength: 3 }),
      close: fc.array(fc.nat(), { maxLength: 2 }),
      deletions: fc.array(
        fc.record({
          kind: fc.constantFrom(...RECORD_ARRAYS),
          n: fc.nat(),
          at: instantArb,
        }),
        { maxLength: 5 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(databaseArb, changesArb, async (records, changes) => {
        await wipe();
        await seedRecords(records);
        const file = await backup(BACKED_UP);
        const later = '2035-03-01T00:00:00.000Z';
        // The other device's changes: newer versions, new words, closed cases, deletions.
        for (const n of changes.bump) {
          const array = RECORD_ARRAYS[n % RECORD_ARRAYS.length]!;
          const list = file[array] as { id: string; updatedAt: string }[];
          const i = Math.floor(n / RECORD_ARRAYS.length) % Math.max(list.length, 1);
          if (list[i]) list[i] = { ...list[i], updatedAt: later };
        }
        for (const n of changes.words) {
          const goal = file.goals[n % Math.max(file.goals.length, 1)];
          if (goal) Object.assign(goal, { text: `${goal.text} (changed)`, updatedAt: later });
        }
        for (const n of changes.close) {
          const yp = file.youngPeople[n % Math.max(file.youngPeople.length, 1)];
          if (yp) Object.assign(yp, { status: 'closed', closedOn: '2035-02-01', updatedAt: later });
        }
        const deletions: Deletion[] = [];
        for (const { kind, n, at } of changes.deletions) {
          const list = records[kind];
          const record = list[n % Math.max(list.length, 1)];
          if (record) deletions.push({ table: kind, id: record.id, deletedAt: at });
        }
        file.deletions = deletions;

        await applyRestore(file, 'merge', MERGED);
        const once = await everything();
        await applyRestore(file, 'merge', MERGED);
        expect(await everything()).toEqual(once);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 180_000);
});
