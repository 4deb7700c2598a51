/**
 * Restoring from a backup file: the plan (what restoring would do), and applying it, by
 * replacing everything on the device (after keeping a safety copy of it) or by merging (the
 * newer version of each record wins; nothing deleted here comes back; the file's deletions
 * delete here what was not changed since; the screens' rules hold: see
 * src/domain/merge-plan.ts). Each restore is one transaction: all of it is written or none
 * of it, paced so the page keeps answering (./pacing). A file holding a record dated in the
 * future is refused whole (src/domain/future-dates.ts).
 */
import { ProblemList, describeBackupProblem } from '../../../domain/backup-checks';
import {
  RECORD_ARRAYS,
  byArray,
  withEveryArray,
  type BackupFile,
  type FullBackupRecords,
  type RecordArray,
} from '../../../domain/backup-format';
import { checkFutureDates } from '../../../domain/future-dates';
import { deletionKeyOf, latestDeletions } from '../../../domain/merge-deletions';
import type { MergeChanges, MergeSides } from '../../../domain/merge-plan';
import type { MergeRefusal } from '../../../domain/merge-rules';
import {
  compareRecords,
  planWithErased,
  resultCounts,
  type RestoreMode,
  type RestorePlan,
  type RestoreResultCounts,
} from '../../../domain/restore-plan';
import { SLICE } from '../../../domain/slices';
import { erasedInFile, withoutYoungPeople } from '../../../domain/without-young-people';
import { parseInstant } from '../../../lib/dates';
import { getDb, type CoachingDatabase } from '../../database';
import { requirePassphraseForRealRecords } from '../../encryption/session-key';
import { forgetDeletions, putDeletions, readDeletions } from '../deletions';
import { forgetErasedIds, getErasedIds } from '../erased-ids';
import { tidySettings } from '../tidy-settings';
import { eraseYoungPersonIn } from '../young-people';
import { pacer } from './pacing';
import { countUnreadIn, dataTables, readRecordsIn } from './read-records';
import { keepSafetyCopy, type SafetyCopyFile } from './safety-copy';

/** How to restore, besides the mode. */
export interface RestoreOptions {
  /**
   * Merge only: also restore the young people in the file who were erased on this device,
   * with their records. Left out by default. (Replace always restores the whole file.)
   */
  bringBackErased?: boolean;
}

/** What a restore did, and what it leaves the coach to download. */
export interface RestoreResult {
  mode: RestoreMode;
  counts: { arrays: Record<RecordArray, RestoreResultCounts>; total: RestoreResultCounts };
  /** After a replace of a device that held records: what it held, to download. */
  safetyCopy: SafetyCopyFile | null;
  /** Young people in the file who had been erased on this device. */
  erased: {
    youngPeople: number;
    /** Their records in the file, the young people included. */
    records: number;
    /** True when the merge left them out; false when they were restored. */
    leftOut: boolean;
  };
  /** Merge: the file's records the screens' rules refused (the first ones), and why. */
  refusals: MergeRefusal[];
  /**
   * Replace: records on the device that failed their check (so could not be read, nor kept
   * in the safety copy) and were left where they were, listed under Damaged records.
   */
  damagedKept: number;
}

/** Thrown when a file holds a record dated in the future: nothing is restored. */
export class FutureRecordError extends Error {
  constructor(first: string, count: number) {
    const more = count > 1 ? ` (and ${(count - 1).toLocaleString('en-GB')} more)` : '';
    super(`This backup holds records dated in the future${more}. ${first}`);
    this.name = 'FutureRecordError';
  }
}

/** Throws a FutureRecordError when the file holds a record or deletion dated after `now`. */
function refuseFutureRecords(backup: BackupFile, now: Date): void {
  const problems = new ProblemList(1);
  checkFutureDates(withEveryArray(backup), backup.deletions ?? [], now, problems);
  const first = problems.listed[0];
  if (first) throw new FutureRecordError(describeBackupProblem(first), problems.count);
}

/** The tables a restore reads and writes (and a sync's pull). */
export function restoreTables(db: CoachingDatabase) {
  return [...dataTables(db), db.drafts, db.settings, db.deletions];
}

/**
 * What restoring this (already checked) backup would do: per array and in total, how many
 * of its records are new, changed or unchanged; of the changed ones, how many a merge would
 * take from the file (newer there) or keep from the device; how many records a replace
 * would remove; and how many of the file's young people were erased on this device.
 */
export async function planRestore(backup: BackupFile): Promise<RestorePlan> {
  const db = getDb();
  return db.transaction('r', [...dataTables(db), db.settings, db.deletions], async () => {
    const device = await readRecordsIn(db);
    const sides: MergeSides = {
      deviceDeletions: await readDeletions(db),
      fileDeletions: backup.deletions ?? [],
    };
    const erased = await getErasedIds(db);
    return planWithErased(withEveryArray(backup), device, erased, pacer(db), sides);
  });
}

function resultOf(
  mode: RestoreMode,
  plan: RestorePlan,
  safetyCopy: SafetyCopyFile | null,
  erased: RestoreResult['erased'],
): Omit<RestoreResult, 'damagedKept'> {
  const arrays = byArray((array) => resultCounts(mode, plan.arrays[array]));
  const total = resultCounts(mode, plan.total);
  const refusals = mode === 'merge' ? plan.refusals : [];
  return { mode, counts: { arrays, total }, safetyCopy, erased, refusals };
}

/**
 * What a merge changes besides writing records: the file's deletions (erasures first, each
 * as the erasure on this device does it), and the deletion records kept and forgotten. Also
 * what the team sync runs (src/team/sync/pull.ts), inside its transaction over
 * restoreTables.
 */
export async function applyMergeChanges(
  db: CoachingDatabase,
  changes: MergeChanges,
): Promise<void> {
  for (const { youngPersonId, deletedAt } of changes.erase) {
    await eraseYoungPersonIn(db, youngPersonId, parseInstant(deletedAt));
  }
  await db.goals.bulkDelete([...changes.remove.goals]);
  await db.sessions.bulkDelete([...changes.remove.sessions]);
  await db.ratings.bulkDelete([...changes.remove.ratings]);
  await db.closures.bulkDelete([...changes.remove.closures]);
  await db.resilienceMaps.bulkDelete([...changes.remove.resilienceMaps]);
  await putDeletions(db, changes.deletions);
  await forgetDeletions(db, changes.forget);
}

/**
 * After a replace: the deletions known here and in the file (the latest of each), less those
 * of records the file holds, which are on the device again.
 */
async function replaceDeletions(db: CoachingDatabase, backup: BackupFile): Promise<void> {
  const inFile = new Set(
    RECORD_ARRAYS.flatMap((array) =>
      withEveryArray(backup)[array].map((r: { id: string }) => deletionKeyOf(array, r.id)),
    ),
  );
  const known = latestDeletions(await readDeletions(db), backup.deletions ?? []);
  await db.deletions.clear();
  await putDeletions(
    db,
    known.filter((d) => !inFile.has(deletionKeyOf(d.table, d.id))),
  );
}

/** Deletes the records that were read, a slice at a time, leaving any that could not be. */
async function deleteRead(db: CoachingDatabase, read: FullBackupRecords): Promise<void> {
  const pairs = [
    [db.youngPeople, read.youngPeople],
    [db.goals, read.goals],
    [db.sessions, read.sessions],
    [db.ratings, read.ratings],
    [db.closures, read.closures],
    [db.resilienceMaps, read.resilienceMaps],
  ] as const;
  for (const [table, rows] of pairs) {
    const ids = rows.map((row) => row.id);
    for (let start = 0; start < ids.length; start += SLICE) {
      await table.bulkDelete(ids.slice(start, start + SLICE));
    }
  }
}

/**
 * Writes every record, a slice at a time: each slice is encrypted on its way in, and waiting
 * for it to be written gives the page a turn (see pacer).
 */
export async function writeAll(
  db: CoachingDatabase,
  records: FullBackupRecords,
  how: 'bulkAdd' | 'bulkPut',
): Promise<void> {
  async function write<T>(
    table: { bulkAdd(rows: T[]): unknown; bulkPut(rows: T[]): unknown },
    rows: readonly T[],
  ) {
    // At least once, empty or not, as a single bulk write did.
    let start = 0;
    do {
      await table[how](rows.slice(start, start + SLICE));
      start += SLICE;
    } while (start < rows.length);
  }
  await write(db.youngPeople, records.youngPeople);
  await write(db.goals, records.goals);
  await write(db.sessions, records.sessions);
  await write(db.ratings, records.ratings);
  await write(db.closures, records.closures);
  await write(db.resilienceMaps, records.resilienceMaps);
}

/**
 * Restores a checked backup (from parseBackup) in one transaction over every data table,
 * the drafts and the settings.
 *
 * - replace: keeps a safety copy of everything on the device (when it holds any record),
 *   empties the data tables and drafts, and adds every record in the file, young people
 *   erased on this device included. Settings stay (PIN, threshold...), except that the
 *   demo list and a handover only keep young people still here.
 * - merge: writes the file's records that are new, or newer than the device's (by
 *   updatedAt); the device's version wins a tie. Young people erased on this device are left
 *   out, with everything of theirs, unless `options.bringBackErased`; any other record
 *   deleted here after the file's version of it stays deleted. The file's deletions delete
 *   here what was not changed after them (a young person's is an erasure). What the screens
 *   would not allow (a rated goal's new words, a change to a closed case) is refused and
 *   listed in the result. Deletion records come along. (src/domain/merge-plan.ts)
 *
 * Young people restored after an erasure come off the list of erased ids. A file holding a
 * record dated in the future (after `now`, beyond 5 minutes of clock difference) is refused
 * with a FutureRecordError. If any write fails, nothing changes.
 */
export async function applyRestore(
  backup: BackupFile,
  mode: RestoreMode,
  now: Date = new Date(),
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  // A backup holds real records: never restored before they can be kept encrypted.
  requirePassphraseForRealRecords();
  const file = withEveryArray(backup);
  for (const array of RECORD_ARRAYS) {
    if (!Array.isArray(file[array])) throw new Error(`This backup has no ${array} list.`);
  }
  refuseFutureRecords(backup, now);
  const db = getDb();
  return db.transaction('rw', restoreTables(db), async () => {
    const pace = pacer(db);
    const device = await readRecordsIn(db);
    const erasedIds = erasedInFile(file, device, await getErasedIds(db));
    const leftOut = mode === 'merge' && !options.bringBackErased && erasedIds.size > 0;
    const { kept, removed } =
      erasedIds.size > 0 ? withoutYoungPeople(file, erasedIds) : { kept: file, removed: 0 };
    const erased = { youngPeople: erasedIds.size, records: removed, leftOut };
    if (!leftOut) await forgetErasedIds(db, erasedIds);
    if (mode === 'merge') {
      const sides: MergeSides = {
        deviceDeletions: await readDeletions(db),
        fileDeletions: backup.deletions ?? [],
        broughtBack: leftOut ? new Set() : erasedIds,
      };
      const merging = leftOut ? kept : file;
      const { plan, toMerge, changes } = await compareRecords(merging, device, pace, sides);
      await applyMergeChanges(db, changes);
      await writeAll(db, toMerge, 'bulkPut');
      return { ...resultOf(mode, plan, null, erased), damagedKept: 0 };
    }
    const { plan } = await compareRecords(file, device, pace);
    let safetyCopy: SafetyCopyFile | null = null;
    if (plan.onDevice > 0) safetyCopy = await keepSafetyCopy(db, device, now, pace);
    // Records that failed their check were not read: they stay on the device (listed under
    // Damaged records in Settings), unless the file holds a record with the same id.
    const damaged = await countUnreadIn(db, device);
    if (damaged === 0) {
      await Promise.all([...dataTables(db), db.drafts].map((table) => table.clear()));
    } else {
      await db.drafts.clear();
      await deleteRead(db, device);
    }
    await writeAll(db, file, damaged === 0 ? 'bulkAdd' : 'bulkPut');
    const damagedKept = damaged === 0 ? 0 : await countUnreadIn(db, file);
    await replaceDeletions(db, backup);
    const restored = new Set(file.youngPeople.map((yp) => yp.id));
    await tidySettings(db, (id) => restored.has(id));
    return { ...resultOf(mode, plan, safetyCopy, erased), damagedKept };
  });
}
