/**
 * The restore plan: how a backup file's records compare with the device's, array by array
 * (new, changed, unchanged; of the changed, which side is newer; what a replace would
 * remove), and what a restore in each mode does with them. Pure: the caller reads the
 * device and passes a `pace`, which the comparison awaits every SLICE records so that the
 * page keeps answering inside the restore's transaction.
 */
import { isObject } from '../lib/objects';
import { RECORD_ARRAYS, type FullBackupRecords, type RecordArray } from './backup-format';
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
}

/** The file's young people who were erased on this device (and are not on it now). */
export interface ErasedInFile {
  /** How many of the file's young people were erased on this device. */
  youngPeople: number;
  /** Their records in the file: the young people and everything of theirs. */
  records: number;
  /** What a merge that leaves them out (the default) would do, in total. */
  mergeTotal: RestoreCounts;
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
}

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
  /** Replace only: records removed because they were not in the file. */
  removed: number;
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

/** The field that says when each kind of record was last changed. */
const STAMP_FIELD: Record<RecordArray, string> = {
  youngPeople: 'updatedAt',
  goals: 'updatedAt',
  sessions: 'updatedAt',
  ratings: 'ratedAt',
  closures: 'updatedAt',
  resilienceMaps: 'savedAt',
};

function stampOf(array: RecordArray, record: object): number {
  const value: unknown = Object.getOwnPropertyDescriptor(record, STAMP_FIELD[array])?.value;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

const zeroCounts = (): RestoreCounts => ({
  inFile: 0,
  new: 0,
  changed: 0,
  unchanged: 0,
  fileNewer: 0,
  deviceNewer: 0,
  removedByReplace: 0,
});

/** Compares one array; `toMerge` holds the file's records a merge writes (new or newer). */
async function compareArray<T extends { id: string }>(
  array: RecordArray,
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
      if (stampOf(array, record) > stampOf(array, existing)) {
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
] as const satisfies readonly (keyof RestoreCounts)[];

function addCounts(total: RestoreCounts, counts: RestoreCounts): void {
  for (const key of COUNT_KEYS) total[key] += counts[key];
}

/** Compares every array of the file with the device: the plan, and what a merge writes. */
export async function compareRecords(
  file: FullBackupRecords,
  device: FullBackupRecords,
  pace: Pace,
): Promise<{ plan: RestorePlan; toMerge: FullBackupRecords }> {
  const youngPeople = await compareArray('youngPeople', file.youngPeople, device.youngPeople, pace);
  const goals = await compareArray('goals', file.goals, device.goals, pace);
  const sessions = await compareArray('sessions', file.sessions, device.sessions, pace);
  const ratings = await compareArray('ratings', file.ratings, device.ratings, pace);
  const closures = await compareArray('closures', file.closures, device.closures, pace);
  const maps = await compareArray(
    'resilienceMaps',
    file.resilienceMaps,
    device.resilienceMaps,
    pace,
  );
  const arrays: Record<RecordArray, RestoreCounts> = {
    youngPeople: youngPeople.counts,
    goals: goals.counts,
    sessions: sessions.counts,
    ratings: ratings.counts,
    closures: closures.counts,
    resilienceMaps: maps.counts,
  };
  const total = zeroCounts();
  for (const array of RECORD_ARRAYS) addCounts(total, arrays[array]);
  const onDevice = RECORD_ARRAYS.reduce((sum, array) => sum + device[array].length, 0);
  const erased: ErasedInFile = { youngPeople: 0, records: 0, mergeTotal: total };
  return {
    plan: { arrays, total, removedByReplace: total.removedByReplace, onDevice, erased },
    toMerge: {
      youngPeople: youngPeople.toMerge,
      goals: goals.toMerge,
      sessions: sessions.toMerge,
      ratings: ratings.toMerge,
      closures: closures.toMerge,
      resilienceMaps: maps.toMerge,
    },
  };
}

/** The plan, with what a merge would do without the file's erased young people. */
export async function planWithErased(
  file: FullBackupRecords,
  device: FullBackupRecords,
  erased: ReadonlySet<string>,
  pace: Pace,
): Promise<RestorePlan> {
  const { plan } = await compareRecords(file, device, pace);
  const ids = erasedInFile(file, device, erased);
  if (ids.size === 0) return plan;
  const { kept, removed } = withoutYoungPeople(file, ids);
  const mergeTotal = (await compareRecords(kept, device, pace)).plan.total;
  return { ...plan, erased: { youngPeople: ids.size, records: removed, mergeTotal } };
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
    };
  }
  return {
    written: c.new + c.fileNewer,
    added: c.new,
    updated: c.fileNewer,
    unchanged: c.unchanged,
    keptFromDevice: c.deviceNewer,
    removed: 0,
  };
}
