/**
 * Backing up every record to one file, and restoring from one: by replacing everything on
 * the device (after keeping a safety copy of it) or by merging (the newer version of each
 * record wins). Each restore is one transaction: all of it is written or none of it.
 */
import Dexie, { type EntityTable } from 'dexie';
import { format } from 'date-fns';
import { backupForYoungPerson, buildBackup } from '../../domain/backup-file';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  RECORD_ARRAYS,
  withEveryArray,
  type BackupFile,
  type FullBackupRecords,
  type RecordArray,
} from '../../domain/backup-format';
import type { Rating } from '../../domain/schemas';
import { toInstant } from '../../lib/dates';
import { isObject, own, readIdList } from '../../lib/objects';
import { LAST_BACKUP_KEY } from '../backup-reminder';
import { getDb, type CoachingDatabase } from '../database';
import { requirePassphraseForRealRecords } from '../encryption/session-key';
import { DEMO_IDS_KEY } from './demo-ids';
import { forgetErasedIds, getErasedIds } from './erased-ids';
import { HANDOVER_KEY, readHandover } from './handover-state';

/** Settings key of the copy kept from before the last "replace everything". */
export const SAFETY_COPY_KEY = 'restoreSafetyCopy';

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

/** How to restore, besides the mode. */
export interface RestoreOptions {
  /**
   * Merge only: also restore the young people in the file who were erased on this device,
   * with their records. Left out by default. (Replace always restores the whole file.)
   */
  bringBackErased?: boolean;
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

export interface SafetyCopyFile {
  fileName: string;
  /** A backup file (format version 1) of everything on the device before the restore. */
  json: string;
}

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

/** The safety copy as stored in the settings table. */
export interface StoredSafetyCopy {
  savedAt: string;
  json: string;
}

function dataTables(db: CoachingDatabase) {
  return [db.youngPeople, db.goals, db.sessions, db.ratings, db.closures, db.resilienceMaps];
}

/** Records read in one request: a table of 100,000 read at once would hold the page. */
const READ_PAGE = 5_000;

/** Every record of a table in id order, a page at a time (each page its own task). */
async function readInPages<T extends { id: string }>(table: EntityTable<T, 'id'>): Promise<T[]> {
  const all: T[] = [];
  let page = await table.orderBy(':id').limit(READ_PAGE).toArray();
  while (page.length > 0) {
    for (const record of page) all.push(record);
    if (page.length < READ_PAGE) break;
    const last = page[page.length - 1]!.id;
    page = await table.where(':id').above(last).limit(READ_PAGE).toArray();
  }
  return all;
}

/** Reads every record; call inside a transaction over the data tables. */
async function readRecordsIn(db: CoachingDatabase): Promise<FullBackupRecords> {
  const youngPeople = await readInPages(db.youngPeople);
  const goals = await readInPages(db.goals);
  const sessions = await readInPages(db.sessions);
  const ratings = await readInPages(db.ratings);
  const closures = await readInPages(db.closures);
  const resilienceMaps = await readInPages(db.resilienceMaps);
  return { youngPeople, goals, sessions, ratings, closures, resilienceMaps };
}

/** Every record on the device, read in one transaction (each array in id order). */
export async function readAllRecords(): Promise<FullBackupRecords> {
  const db = getDb();
  return db.transaction('r', dataTables(db), () => readRecordsIn(db));
}

/** "resilience-coaching-backup-2026-11-23-1405.json", in local time. */
export function backupFileName(now: Date, kind = 'backup'): string {
  return `resilience-coaching-${kind}-${format(now, 'yyyy-MM-dd-HHmm')}.json`;
}

/**
 * A backup file of every record on the device, as JSON text, and its file name. Throws a
 * BackupError if the records would not restore (which the repositories never allow).
 * Call markBackupMade once the file has been offered for download.
 */
export async function makeBackup(
  now: Date = new Date(),
): Promise<{ file: BackupFile; json: string; fileName: string }> {
  const file = buildBackup(await readAllRecords(), now);
  return { file, json: JSON.stringify(file), fileName: backupFileName(now) };
}

/** Records that a backup was made now (for the reminder and "Last backup"). */
export async function markBackupMade(now: Date = new Date()): Promise<void> {
  await getDb().settings.put({ key: LAST_BACKUP_KEY, value: toInstant(now) });
}

/**
 * Every record of one young person (their record, goals, sessions, ratings, closures and
 * resilience maps), read in one transaction, or null when they are not on the device.
 */
async function readCaseRecords(id: string) {
  const db = getDb();
  return db.transaction('r', dataTables(db), async () => {
    const youngPerson = await db.youngPeople.get(id);
    if (!youngPerson) return null;
    const [goals, sessions, closures, resilienceMaps] = await Promise.all([
      db.goals.where('youngPersonId').equals(id).toArray(),
      db.sessions.where('youngPersonId').equals(id).toArray(),
      db.closures.where('youngPersonId').equals(id).toArray(),
      db.resilienceMaps.where('youngPersonId').equals(id).toArray(),
    ]);
    goals.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const ratings = await db.ratings
      .where('goalId')
      .anyOf(goals.map((g) => g.id))
      .toArray();
    const byGoal = new Map<string, Rating[]>(goals.map((g) => [g.id, []]));
    for (const rating of ratings) byGoal.get(rating.goalId)?.push(rating);
    return {
      youngPerson,
      goals: goals.map((goal) => ({ goal, ratings: byGoal.get(goal.id) ?? [] })),
      sessions,
      closures,
      resilienceMaps,
    };
  });
}

/**
 * One young person's case export: a backup file (format version 1) of every record of
 * theirs, closures and resilience maps included, so that it restores to all of them. Null
 * when they are not on the device.
 */
export async function makeCaseBackup(
  youngPersonId: string,
  now: Date = new Date(),
): Promise<BackupFile | null> {
  const records = await readCaseRecords(youngPersonId);
  return records ? backupForYoungPerson(records, now) : null;
}

// ---------------------------------------------------------------------------
// Comparing a file with the device

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

/** Gives the page a turn during long work inside a transaction; see pacer(). */
type Pace = () => PromiseLike<void>;

/** Records compared, turned into JSON or written between two turns of the page. */
const SLICE = 500;

/** A settings key never stored: reading it is the smallest request there is. */
const PACE_KEY = 'restorePace';

/**
 * Restoring 100,000 records must not freeze the page, yet runs in one transaction, which
 * commits as soon as the code waits for anything but IndexedDB. So long work inside it
 * (comparing, writing the safety copy, encrypting on the way in) is cut into slices, and
 * between slices, once 30 ms have passed, a small read of the settings table ends the
 * current task: the browser draws and answers taps while it waits, and the transaction stays
 * open. The transaction must include the settings table.
 */
function pacer(db: CoachingDatabase, everyMs = 30): Pace {
  let since = performance.now();
  // Dexie's own promises either way: awaiting many plain resolved promises inside a
  // transaction loses it (Dexie then commits it early).
  return () => {
    if (performance.now() - since < everyMs) return Dexie.Promise.resolve();
    return db.settings.get(PACE_KEY).then(() => {
      since = performance.now();
    });
  };
}

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

/** One value for each record array. */
function byArray<T>(make: (array: RecordArray) => T): Record<RecordArray, T> {
  return {
    youngPeople: make('youngPeople'),
    goals: make('goals'),
    sessions: make('sessions'),
    ratings: make('ratings'),
    closures: make('closures'),
    resilienceMaps: make('resilienceMaps'),
  };
}

async function compareRecords(
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

/** A field of a record that may be anything (a safety copy's record is not checked). */
function fieldOf(record: unknown, name: string): unknown {
  return isObject(record) ? own(record, name) : undefined;
}

type LooseRecords = { [A in RecordArray]: readonly unknown[] };
type Kept<T extends LooseRecords> = { [A in RecordArray]: T[A][number][] };

/**
 * The records left once these young people and everything of theirs are taken out: their
 * own records, goals, sessions, closures and maps, and the ratings of those goals or
 * sessions. `removed` counts what was taken out.
 */
function withoutYoungPeople<T extends LooseRecords>(
  records: T,
  ids: ReadonlySet<string>,
): { kept: Kept<T>; removed: number } {
  const owned = (record: unknown) => {
    const owner = fieldOf(record, 'youngPersonId');
    return typeof owner === 'string' && ids.has(owner);
  };
  const idsOf = (list: readonly unknown[]) =>
    new Set(
      list
        .filter(owned)
        .map((record) => fieldOf(record, 'id'))
        .filter((id): id is string => typeof id === 'string'),
    );
  const goalIds = idsOf(records.goals);
  const sessionIds = idsOf(records.sessions);
  const theirs: { [A in RecordArray]: (record: unknown) => boolean } = {
    youngPeople: (record) => {
      const id = fieldOf(record, 'id');
      return typeof id === 'string' && ids.has(id);
    },
    goals: owned,
    sessions: owned,
    ratings: (record) => {
      const goalId = fieldOf(record, 'goalId');
      const sessionId = fieldOf(record, 'sessionId');
      return (
        (typeof goalId === 'string' && goalIds.has(goalId)) ||
        (typeof sessionId === 'string' && sessionIds.has(sessionId))
      );
    },
    closures: owned,
    resilienceMaps: owned,
  };
  let removed = 0;
  const keep = <A extends RecordArray>(array: A): T[A][number][] => {
    const list: T[A][number][] = [];
    for (const record of records[array]) {
      if (theirs[array](record)) removed += 1;
      else list.push(record);
    }
    return list;
  };
  const kept = byArray(keep) as Kept<T>;
  return { kept, removed };
}

/** The ids of the file's young people who were erased on this device and are not on it now. */
function erasedInFile(
  file: FullBackupRecords,
  device: FullBackupRecords,
  erased: ReadonlySet<string>,
): Set<string> {
  if (erased.size === 0) return new Set();
  const here = new Set(device.youngPeople.map((yp) => yp.id));
  return new Set(
    file.youngPeople.map((yp) => yp.id).filter((id) => erased.has(id) && !here.has(id)),
  );
}

/** The plan, with what a merge would do without the file's erased young people. */
async function planWithErased(
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

// ---------------------------------------------------------------------------
// Restoring

function resultCounts(mode: RestoreMode, c: RestoreCounts): RestoreResultCounts {
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
 * The backup file's text of everything on the device, unchecked (nothing is left out), as
 * JSON.stringify would write it, a slice of records at a time (turning a record into JSON
 * decrypts it).
 */
async function safetyCopyJson(device: FullBackupRecords, now: Date, pace: Pace): Promise<string> {
  const head = JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: toInstant(now),
  });
  const parts = [head.slice(1, -1)];
  for (const array of RECORD_ARRAYS) {
    const records: string[] = [];
    for (let start = 0; start < device[array].length; start += SLICE) {
      await pace();
      for (const record of device[array].slice(start, start + SLICE)) {
        records.push(JSON.stringify(record));
      }
    }
    parts.push(`${JSON.stringify(array)}:[${records.join(',')}]`);
  }
  return `{${parts.join(',')}}`;
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
 * Once young people have gone (a replace, an erasure): the settings that name young people
 * keep only those `kept` says are still here. The demo list is written only when it changes,
 * and a handover to someone gone ends. Call inside the transaction, which must include the
 * settings.
 */
export async function tidySettings(
  db: CoachingDatabase,
  kept: (youngPersonId: string) => boolean,
): Promise<void> {
  const demo: unknown = (await db.settings.get(DEMO_IDS_KEY))?.value;
  if (Array.isArray(demo)) {
    const still = readIdList(demo).filter(kept);
    if (still.length !== demo.length) await db.settings.put({ key: DEMO_IDS_KEY, value: still });
  }
  const handover = readHandover((await db.settings.get(HANDOVER_KEY))?.value);
  if (handover && !kept(handover.youngPersonId)) await db.settings.delete(HANDOVER_KEY);
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
    if (plan.onDevice > 0) {
      const json = await safetyCopyJson(device, now, pace);
      const copy: StoredSafetyCopy = { savedAt: toInstant(now), json };
      await writeSafetyCopy(db, copy);
      safetyCopy = { fileName: backupFileName(now, 'safety-copy'), json: copy.json };
    }
    await Promise.all([...dataTables(db), db.drafts].map((table) => table.clear()));
    await writeAll(db, file, 'bulkAdd');
    const restored = new Set(file.youngPeople.map((yp) => yp.id));
    await tidySettings(db, (id) => restored.has(id));
    return resultOf(mode, plan, safetyCopy, erased);
  });
}

/**
 * The safety copy is kept in parts of this many characters, each encrypted on its own
 * (`restoreSafetyCopy` holds the first with savedAt and how many more there are, then
 * `restoreSafetyCopy:1`, `:2`, …): encrypting a 20 MB copy as one value would hold the page
 * for over a second. A copy stored before parts (no `parts`) is one value, read as it is.
 */
const SAFETY_COPY_PART_CHARS = 256 * 1024;
const partKey = (n: number) => `${SAFETY_COPY_KEY}:${n}`;

/** Every row of the safety copy, its parts included (for erasing a damaged one). */
function safetyCopyRows(db: CoachingDatabase) {
  return db.settings.where('key').startsWith(SAFETY_COPY_KEY);
}

async function deleteSafetyCopyIn(db: CoachingDatabase): Promise<void> {
  await db.settings.bulkDelete(await safetyCopyRows(db).primaryKeys());
}

/** Stores the copy in parts, in place of any copy there was. Inside a transaction. */
async function writeSafetyCopy(db: CoachingDatabase, copy: StoredSafetyCopy): Promise<void> {
  await deleteSafetyCopyIn(db);
  const pieces: string[] = [];
  for (let start = 0; start < copy.json.length; start += SAFETY_COPY_PART_CHARS) {
    pieces.push(copy.json.slice(start, start + SAFETY_COPY_PART_CHARS));
  }
  const [first = '', ...rest] = pieces;
  const head = { savedAt: copy.savedAt, json: first, parts: rest.length };
  await db.settings.put({ key: SAFETY_COPY_KEY, value: head });
  // One part a write: each is encrypted on its way in, with the page's turn between.
  for (const [index, json] of rest.entries()) {
    await db.settings.put({ key: partKey(index + 1), value: { json } });
  }
}

/** The copy, its parts joined; null when there is none, or a part is missing or damaged. */
async function readSafetyCopyIn(db: CoachingDatabase): Promise<StoredSafetyCopy | null> {
  const head: unknown = (await db.settings.get(SAFETY_COPY_KEY))?.value;
  if (!isObject(head)) return null;
  const { savedAt, json, parts = 0 } = head;
  if (typeof savedAt !== 'string' || typeof json !== 'string') return null;
  if (typeof parts !== 'number' || !Number.isSafeInteger(parts) || parts < 0) return null;
  const pieces = [json];
  for (let n = 1; n <= parts; n += 1) {
    const part: unknown = (await db.settings.get(partKey(n)))?.value;
    const piece = isObject(part) ? part.json : undefined;
    if (typeof piece !== 'string') return null;
    pieces.push(piece);
  }
  return { savedAt, json: pieces.join('') };
}

/** The copy kept from before the last "replace everything", or null. */
export async function getRestoreSafetyCopy(): Promise<StoredSafetyCopy | null> {
  const db = getDb();
  return db.transaction('r', db.settings, () => readSafetyCopyIn(db));
}

/**
 * Takes an erased young person out of the safety copy: their own record, goals, sessions,
 * the ratings of those goals and sessions, closures and resilience maps. The copy is stored
 * again without them, or deleted when nothing is left in it (or when it cannot be read and
 * names them). Call inside the erasure's transaction, which must include the settings.
 */
export async function eraseFromSafetyCopy(
  db: CoachingDatabase,
  youngPersonId: string,
): Promise<void> {
  if ((await safetyCopyRows(db).count()) === 0) return;
  const copy = await readSafetyCopyIn(db);
  // Each of their records names them, or a goal or session of theirs that does: a copy
  // without their id holds nothing of theirs, and is left as it is.
  if (copy && !copy.json.includes(youngPersonId)) return;
  let parsed: unknown = null;
  try {
    parsed = copy ? JSON.parse(copy.json) : null;
  } catch {
    parsed = null;
  }
  if (!copy || !isObject(parsed)) {
    // A copy that cannot be read cannot be restored either; if it names them, it goes.
    const rows = await safetyCopyRows(db).toArray();
    if (rows.some((row) => JSON.stringify(row.value).includes(youngPersonId))) {
      await deleteSafetyCopyIn(db);
    }
    return;
  }
  const arrays = byArray((array) => {
    const list = fieldOf(parsed, array);
    return Array.isArray(list) ? (list as unknown[]) : [];
  });
  const { kept, removed } = withoutYoungPeople(arrays, new Set([youngPersonId]));
  if (removed === 0) return;
  if (RECORD_ARRAYS.every((array) => kept[array].length === 0)) {
    await deleteSafetyCopyIn(db);
    return;
  }
  const rest: Record<string, unknown> = { ...parsed };
  for (const array of RECORD_ARRAYS) {
    if (Array.isArray(fieldOf(parsed, array))) rest[array] = kept[array];
  }
  await writeSafetyCopy(db, { savedAt: copy.savedAt, json: JSON.stringify(rest) });
}

/** Deletes the safety copy (once the coach has downloaded it or no longer needs it). */
export async function deleteRestoreSafetyCopy(): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.settings, () => deleteSafetyCopyIn(db));
}
