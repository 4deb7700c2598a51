/**
 * Restoring from a backup file: the plan (what restoring would do), and applying it, by
 * replacing everything on the device (after keeping a safety copy of it) or by merging (the
 * newer version of each record wins). Each restore is one transaction: all of it is written
 * or none of it, paced so the page keeps answering (./pacing).
 */
import {
  RECORD_ARRAYS,
  byArray,
  withEveryArray,
  type BackupFile,
  type FullBackupRecords,
  type RecordArray,
} from '../../../domain/backup-format';
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
import { getDb, type CoachingDatabase } from '../../database';
import { requirePassphraseForRealRecords } from '../../encryption/session-key';
import { forgetErasedIds, getErasedIds } from '../erased-ids';
import { tidySettings } from '../tidy-settings';
import { pacer } from './pacing';
import { dataTables, readRecordsIn } from './read-records';
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
}

/**
 * What restoring this (already checked) backup would do: per array and in total, how many
 * of its records are new, changed or unchanged; of the changed ones, how many a merge would
 * take from the file (newer there) or keep from the device; how many records a replace
 * would remove; and how many of the file's young people were erased on this device.
 */
export async function planRestore(backup: BackupFile): Promise<RestorePlan> {
  const db = getDb();
  return db.transaction('r', [...dataTables(db), db.settings], async () => {
    const device = await readRecordsIn(db);
    return planWithErased(withEveryArray(backup), device, await getErasedIds(db), pacer(db));
  });
}

function resultOf(
  mode: RestoreMode,
  plan: RestorePlan,
  safetyCopy: SafetyCopyFile | null,
  erased: RestoreResult['erased'],
): RestoreResult {
  const arrays = byArray((array) => resultCounts(mode, plan.arrays[array]));
  return { mode, counts: { arrays, total: resultCounts(mode, plan.total) }, safetyCopy, erased };
}

/**
 * Writes every record, a slice at a time: each slice is encrypted on its way in, and waiting
 * for it to be written gives the page a turn (see pacer).
 */
async function writeAll(
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
 *   updatedAt; ratedAt for ratings, savedAt for maps); the device's version wins a tie.
 *   Young people erased on this device are left out, with everything of theirs, unless
 *   `options.bringBackErased`.
 *
 * Young people restored after an erasure come off the list of erased ids. If any write
 * fails, nothing changes.
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
  const db = getDb();
  const tables = [...dataTables(db), db.drafts, db.settings];
  return db.transaction('rw', tables, async () => {
    const pace = pacer(db);
    const device = await readRecordsIn(db);
    const erasedIds = erasedInFile(file, device, await getErasedIds(db));
    const leftOut = mode === 'merge' && !options.bringBackErased && erasedIds.size > 0;
    const { kept, removed } =
      erasedIds.size > 0 ? withoutYoungPeople(file, erasedIds) : { kept: file, removed: 0 };
    const erased = { youngPeople: erasedIds.size, records: removed, leftOut };
    if (!leftOut) await forgetErasedIds(db, erasedIds);
    if (mode === 'merge') {
      const { plan, toMerge } = await compareRecords(leftOut ? kept : file, device, pace);
      await writeAll(db, toMerge, 'bulkPut');
      return resultOf(mode, plan, null, erased);
    }
    const { plan } = await compareRecords(file, device, pace);
    let safetyCopy: SafetyCopyFile | null = null;
    if (plan.onDevice > 0) safetyCopy = await keepSafetyCopy(db, device, now, pace);
    await Promise.all([...dataTables(db), db.drafts].map((table) => table.clear()));
    await writeAll(db, file, 'bulkAdd');
    const restored = new Set(file.youngPeople.map((yp) => yp.id));
    await tidySettings(db, (id) => restored.has(id));
    return resultOf(mode, plan, safetyCopy, erased);
  });
}
