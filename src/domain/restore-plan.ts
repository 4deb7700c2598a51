/**
 * The restore plan: how a backup file's records compare with the device's, array by array
 * (new, changed, unchanged; of the changed, which side is newer; what a replace would
 * remove), and what a restore in each mode does with them. A merge also weighs deletions
 * (./merge-deletions: nothing deleted here comes back from an older file; the file's
 * deletions delete here what was not changed since) and the screens' rules (./merge-rules).
 * Pure: the caller reads the device and passes a `pace`, which the comparison awaits every
 * SLICE records so that the page keeps answering inside the restore's transaction.
 */
import { isObject } from '../lib/objects';
import { RECORD_ARRAYS, byArray, type FullBackupRecords, type RecordArray } from './backup-format';
import { stampOf } from './merge-deletions';
import { decideMerge, NO_SIDES, type MergeChanges, type MergeSides } from './merge-plan';
import type { MergeRefusal } from './merge-rules';
import { SLICE, type Pace } from './slices';
import { erasedInFile, withoutYoungPeople } from './without-young-people';

/** Replace everything on the device with the file, or merge the file into it. */
export type RestoreMode = 'replace' | 'merge';

/** How the records of one array (or all of them) in a file compare with the device. */
export interface RestoreCounts {
  /** Records in the file. */
  inFile: number;
  /** In the file, not on the device. */
  new: number;
  /** On the device with the same id but different content. */
  changed: number;
  /** On the device exactly as in the file. */
  unchanged: number;
  /** Of the changed ones: newer in the file (merge writes them). */
  fileNewer: number;
  /** Of the changed ones: newer on the device, or as new (merge keeps the device's). */
  deviceNewer: number;
  /** On the device, not in the file (replace removes them). */
  removedByReplace: number;
  /** Merge: new in the file, but deleted on this device since (left out). */
  deletedHere: number;
  /** Merge: new in the file, but against the screens' rules (left out; see refusals). */
  refusedNew: number;
  /** Merge: newer in the file, but against the screens' rules (the device's kept). */
  refusedNewer: number;
  /** Merge: on the device, deleted in the file after their last change here (deleted). */
  deletedByFile: number;
  /** Merge: on the device, deleted in the file but changed here since (kept). */
  keptChangedHere: number;
}

/** The file's young people who were erased on this device (and are not on it now). */
export interface ErasedInFile {
  /** How many of the file's young people were erased on this device. */
  youngPeople: number;
  /** Their records in the file: the young people and everything of theirs. */
  records: number;
  /** What a merge that leaves them out (the default) would do, in total. */
  mergeTotal: RestoreCounts;
  /** The records such a merge refuses (the first MAX_REFUSALS_LISTED). */
  mergeRefusals: MergeRefusal[];
}

/** What restoring a file would do, per array and in total. */
export interface RestorePlan {
  arrays: Record<RecordArray, RestoreCounts>;
  total: RestoreCounts;
  /** Records on the device, not in the file, which replacing would remove. */
  removedByReplace: number;
  /** Records on the device now. */
  onDevice: number;
  /** Young people in the file who were erased on this device. */
  erased: ErasedInFile;
  /** Merge: the file's records refused by the screens' rules, up to MAX_REFUSALS_LISTED. */
  refusals: MergeRefusal[];
}

/** How many refused records a plan lists by name (all are counted). */
export const MAX_REFUSALS_LISTED = 200;

/** What a restore did, per array or in total. */
export interface RestoreResultCounts {
  /** Records written from the file. */
  written: number;
  /** Records that were not on the device before. */
  added: number;
  /** Records the file's version replaced. */
  updated: number;
  /** Records that were the same in the file and on the device. */
  unchanged: number;
  /** Merge only: records kept as they were on the device because they were newer there. */
  keptFromDevice: number;
  /** Replace: records removed because they were not in the file. Merge: records deleted
   * because the file says they were deleted after their last change here. */
  removed: number;
  /** Merge only: records not brought back because they were deleted on this device. */
  notBroughtBack: number;
  /** Merge only: records not taken because the screens would not allow the change. */
  refused: number;
  /** Merge only: records the file deletes but which were changed here since, so kept. */
  keptChangedHere: number;
}

/** Deep equality of JSON-like values, ignoring the order of object keys. */
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameContent(item, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameContent(a[key], b[key]));
}

const zeroCounts = (): RestoreCounts => ({
  inFile: 0,
  new: 0,
  changed: 0,
  unchanged: 0,
  fileNewer: 0,
  deviceNewer: 0,
  removedByReplace: 0,
  deletedHere: 0,
  refusedNew: 0,
  refusedNewer: 0,
  deletedByFile: 0,
  keptChangedHere: 0,
});

/** Compares one array; `toMerge` holds the file's records a merge writes (new or newer). */
async function compareArray<T extends { id: string }>(
  inFile: readonly T[],
  onDevice: readonly T[],
  pace: Pace,
): Promise<{ counts: RestoreCounts; toMerge: T[] }> {
  const device = new Map<string, T>();
  for (const record of onDevice) device.set(record.id, record);
  const counts = zeroCounts();
  const toMerge: T[] = [];
  const fileIds = new Set<string>();
  for (const [index, record] of inFile.entries()) {
    // Comparing decrypts what is on the device: a pause now and then.
    if (index % SLICE === 0) await pace();
    counts.inFile += 1;
    fileIds.add(record.id);
    const existing = device.get(record.id);
    if (existing === undefined) {
      counts.new += 1;
      toMerge.push(record);
    } else if (sameContent(record, existing)) {
      counts.unchanged += 1;
    } else {
      counts.changed += 1;
      // Equal timestamps but different content: the device's version is kept.
      if (stampOf(record) > stampOf(existing)) {
        counts.fileNewer += 1;
        toMerge.push(record);
      } else {
        counts.deviceNewer += 1;
      }
    }
  }
  for (const id of device.keys()) if (!fileIds.has(id)) counts.removedByReplace += 1;
  return { counts, toMerge };
}

const COUNT_KEYS = [
  'inFile',
  'new',
  'changed',
  'unchanged',
  'fileNewer',
  'deviceNewer',
  'removedByReplace',
  'deletedHere',
  'refusedNew',
  'refusedNewer',
  'deletedByFile',
  'keptChangedHere',
] as const satisfies readonly (keyof RestoreCounts)[];

function addCounts(total: RestoreCounts, counts: RestoreCounts): void {
  for (const key of COUNT_KEYS) total[key] += counts[key];
}

/**
 * Compares every array of the file with the device: the plan, the records a merge writes
 * (`toMerge`: new or newer, less what deletions and the screens' rules leave out), and what
 * else a merge changes (`changes`). Without `sides`, no deletions are weighed.
 */
export async function compareRecords(
  file: FullBackupRecords,
  device: FullBackupRecords,
  pace: Pace,
  sides: MergeSides = NO_SIDES,
): Promise<{ plan: RestorePlan; toMerge: FullBackupRecords; changes: MergeChanges }> {
  const compared = {
    youngPeople: await compareArray(file.youngPeople, device.youngPeople, pace),
    goals: await compareArray(file.goals, device.goals, pace),
    sessions: await compareArray(file.sessions, device.sessions, pace),
    ratings: await compareArray(file.ratings, device.ratings, pace),
    closures: await compareArray(file.closures, device.closures, pace),
    resilienceMaps: await compareArray(file.resilienceMaps, device.resilienceMaps, pace),
  };
  const arrays = byArray((array) => compared[array].counts);
  const candidates: FullBackupRecords = {
    youngPeople: compared.youngPeople.toMerge,
    goals: compared.goals.toMerge,
    sessions: compared.sessions.toMerge,
    ratings: compared.ratings.toMerge,
    closures: compared.closures.toMerge,
    resilienceMaps: compared.resilienceMaps.toMerge,
  };
  const { toMerge, changes, refusals, counts } = await decideMerge(
    file,
    device,
    candidates,
    sides,
    pace,
  );
  for (const array of RECORD_ARRAYS) Object.assign(arrays[array], counts[array]);
  const total = zeroCounts();
  for (const array of RECORD_ARRAYS) addCounts(total, arrays[array]);
  const onDevice = RECORD_ARRAYS.reduce((sum, array) => sum + device[array].length, 0);
  const listed = refusals.slice(0, MAX_REFUSALS_LISTED);
  const erased: ErasedInFile = {
    youngPeople: 0,
    records: 0,
    mergeTotal: total,
    mergeRefusals: listed,
  };
  return {
    plan: {
      arrays,
      total,
      removedByReplace: total.removedByReplace,
      onDevice,
      erased,
      refusals: listed,
    },
    toMerge,
    changes,
  };
}

/** The plan, with what a merge would do without the file's erased young people. */
export async function planWithErased(
  file: FullBackupRecords,
  device: FullBackupRecords,
  erased: ReadonlySet<string>,
  pace: Pace,
  sides: MergeSides = NO_SIDES,
): Promise<RestorePlan> {
  const ids = erasedInFile(file, device, erased);
  // The whole file, as a merge that brings the erased back (or a replace) takes it.
  const { plan } = await compareRecords(file, device, pace, { ...sides, broughtBack: ids });
  if (ids.size === 0) return plan;
  const { kept, removed } = withoutYoungPeople(file, ids);
  const merged = (await compareRecords(kept, device, pace, sides)).plan;
  return {
    ...plan,
    erased: {
      youngPeople: ids.size,
      records: removed,
      mergeTotal: merged.total,
      mergeRefusals: merged.refusals,
    },
  };
}

/** What a restore in this mode does, given how the file compares with the device. */
export function resultCounts(mode: RestoreMode, c: RestoreCounts): RestoreResultCounts {
  if (mode === 'replace') {
    return {
      written: c.inFile,
      added: c.new,
      updated: c.changed,
      unchanged: c.unchanged,
      keptFromDevice: 0,
      removed: c.removedByReplace,
      notBroughtBack: 0,
      refused: 0,
      keptChangedHere: 0,
    };
  }
  const added = c.new - c.deletedHere - c.refusedNew;
  const updated = c.fileNewer - c.refusedNewer;
  return {
    written: added + updated,
    added,
    updated,
    unchanged: c.unchanged,
    keptFromDevice: c.deviceNewer + c.refusedNewer,
    removed: c.deletedByFile,
    notBroughtBack: c.deletedHere,
    refused: c.refusedNew + c.refusedNewer,
    keptChangedHere: c.keptChangedHere,
  };
}
