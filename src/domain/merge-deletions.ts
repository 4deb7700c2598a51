/**
 * Deletions in a merge (backup format version 2; schema v5). Two rules, one each way:
 *
 * - A record deleted on this device is not brought back by an older file: a file's record
 *   that is not on the device is left out when its deletion (here, or in the file itself) is
 *   newer than the file's version of it (its updatedAt).
 * - A deletion the file carries deletes the device's record when it is newer than the
 *   device's version, and newer than everything that would go with it (a session's
 *   ratings; a goal's ratings; a young person's every record, which is an erasure). Work
 *   done here after the deletion is never undone: such a record is kept, and counted.
 *
 * Pure: the caller reads the device and writes what is decided (src/db/repositories/backup).
 */
import { instantValue } from '../lib/instant';
import type { FullBackupRecords, RecordArray } from './backup-format';
import type { Deletion } from './schemas';

/** A deletion's key: table and id. */
export function deletionKeyOf(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

/** The time a record last changed: its updatedAt (ratedAt, savedAt for records without one). */
export function stampOf(record: object): number {
  const read = (field: string): unknown => Object.getOwnPropertyDescriptor(record, field)?.value;
  const value = read('updatedAt') ?? read('ratedAt') ?? read('savedAt');
  return typeof value === 'string' ? instantValue(value) : Number.NEGATIVE_INFINITY;
}

/** Each record's latest deletion, by key (table and id), as a time. */
export type DeletionIndex = ReadonlyMap<string, number>;

/** The latest deletion of each record in these lists, as deletion records (by key order). */
export function latestDeletions(...lists: readonly (readonly Deletion[])[]): Deletion[] {
  const latest = new Map<string, Deletion>();
  for (const list of lists) {
    for (const deletion of list) {
      const key = deletionKeyOf(deletion.table, deletion.id);
      const known = latest.get(key);
      if (!known || instantValue(deletion.deletedAt) > instantValue(known.deletedAt)) {
        latest.set(key, deletion);
      }
    }
  }
  return [...latest.values()];
}

/** The index of these deletions' times (the latest of each record). */
export function indexDeletions(...lists: readonly (readonly Deletion[])[]): DeletionIndex {
  const index = new Map<string, number>();
  for (const deletion of latestDeletions(...lists)) {
    index.set(deletionKeyOf(deletion.table, deletion.id), instantValue(deletion.deletedAt));
  }
  return index;
}

/** True when `record` of `table` was deleted after its last change (per `deletions`). */
export function deletedSince(
  deletions: DeletionIndex,
  table: RecordArray,
  record: { id: string },
): boolean {
  const deletedAt = deletions.get(deletionKeyOf(table, record.id));
  return deletedAt !== undefined && deletedAt > stampOf(record);
}

/** What the file's deletions do on the device. */
export interface IncomingDeletions {
  /** Device records to delete, by array (those of erased young people included). */
  remove: Record<RecordArray, Set<string>>;
  /** Young people to erase (with everything of theirs), and when they were erased. */
  erase: { youngPersonId: string; deletedAt: string }[];
  /** Deletion records for what goes with a deleted record (a session's ratings, …). */
  cascaded: Deletion[];
  /** Device records the file deletes that were changed here since: kept, by array. */
  keptChangedHere: Record<RecordArray, number>;
}

const emptySets = (): Record<RecordArray, Set<string>> => ({
  youngPeople: new Set(),
  goals: new Set(),
  sessions: new Set(),
  ratings: new Set(),
  closures: new Set(),
  resilienceMaps: new Set(),
});

const zeroes = (): Record<RecordArray, number> => ({
  youngPeople: 0,
  goals: 0,
  sessions: 0,
  ratings: 0,
  closures: 0,
  resilienceMaps: 0,
});

/** Records grouped by the value of one of their fields. */
function groupBy<T>(records: readonly T[], key: (record: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const k = key(record);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(record);
    else groups.set(k, [record]);
  }
  return groups;
}

/**
 * The order deletions are weighed in: what goes with others first (ratings; closures, which
 * name goals), then what they go with, so that whether a record is kept never depends on a
 * record this same merge deletes afterwards (merging the file again then changes nothing).
 */
const DELETION_ORDER: readonly RecordArray[] = [
  'ratings',
  'closures',
  'resilienceMaps',
  'sessions',
  'goals',
  'youngPeople',
];

/**
 * What the file's deletions delete on the device (see the module's rules). A deletion does
 * nothing when the file itself holds a version of the record as new as the deletion (it was
 * brought back there), or when the record is not on the device.
 */
export function incomingDeletions(
  fileDeletions: readonly Deletion[],
  file: FullBackupRecords,
  device: FullBackupRecords,
): IncomingDeletions {
  const remove = emptySets();
  const keptChangedHere = zeroes();
  const erase: IncomingDeletions['erase'] = [];
  const cascaded: Deletion[] = [];
  if (fileDeletions.length === 0) return { remove, erase, cascaded, keptChangedHere };

  const byId = <T extends { id: string }>(list: readonly T[]) =>
    new Map(list.map((record) => [record.id, record]));
  const here = {
    youngPeople: byId(device.youngPeople),
    goals: byId(device.goals),
    sessions: byId(device.sessions),
    ratings: byId(device.ratings),
    closures: byId(device.closures),
    resilienceMaps: byId(device.resilienceMaps),
  } satisfies Record<RecordArray, Map<string, object>>;
  const inFile = indexStamps(file);
  const ratingsOfGoal = groupBy(device.ratings, (r) => r.goalId);
  const ratingsOfSession = groupBy(device.ratings, (r) => r.sessionId);
  const owned = {
    goals: groupBy(device.goals, (g) => g.youngPersonId),
    sessions: groupBy(device.sessions, (s) => s.youngPersonId),
    closures: groupBy(device.closures, (c) => c.youngPersonId),
    resilienceMaps: groupBy(device.resilienceMaps, (m) => m.youngPersonId),
  };
  const closuresNaming = new Map<string, string[]>();
  for (const c of device.closures) {
    for (const goalId of Object.keys(c.goalOutcomes)) {
      closuresNaming.set(goalId, [...(closuresNaming.get(goalId) ?? []), c.id]);
    }
  }
  /** True when a closure that stays names this goal among its outcomes. */
  const namedByClosure = (goalId: string) =>
    (closuresNaming.get(goalId) ?? []).some((closureId) => !remove.closures.has(closureId));

  /** Everything that goes with deleting this record, itself included, as [array, record]. */
  function withDependents(table: RecordArray, id: string): [RecordArray, { id: string }][] {
    const own = here[table].get(id);
    if (!own) return [];
    const all: [RecordArray, { id: string }][] = [[table, own]];
    const ratingsOf = (goalIds: readonly string[], sessionIds: readonly string[]) => {
      const ratings = new Map<string, { id: string }>();
      for (const g of goalIds) for (const r of ratingsOfGoal.get(g) ?? []) ratings.set(r.id, r);
      for (const s of sessionIds)
        for (const r of ratingsOfSession.get(s) ?? []) ratings.set(r.id, r);
      for (const r of ratings.values()) all.push(['ratings', r]);
    };
    if (table === 'youngPeople') {
      const goals = owned.goals.get(id) ?? [];
      const sessions = owned.sessions.get(id) ?? [];
      for (const g of goals) all.push(['goals', g]);
      for (const s of sessions) all.push(['sessions', s]);
      for (const c of owned.closures.get(id) ?? []) all.push(['closures', c]);
      for (const m of owned.resilienceMaps.get(id) ?? []) all.push(['resilienceMaps', m]);
      ratingsOf(
        goals.map((g) => g.id),
        sessions.map((s) => s.id),
      );
    } else if (table === 'goals') {
      ratingsOf([id], []);
    } else if (table === 'sessions') {
      ratingsOf([], [id]);
    }
    return all;
  }

  const ordered = [...latestDeletions(fileDeletions)].sort(
    (a, b) => DELETION_ORDER.indexOf(a.table) - DELETION_ORDER.indexOf(b.table),
  );
  /** Applies the deletion if nothing that would go with it changed since; true if it did. */
  function apply(deletion: Deletion): boolean {
    const { table, id } = deletion;
    const at = instantValue(deletion.deletedAt);
    const going = withDependents(table, id).filter(([array, r]) => !remove[array].has(r.id));
    const changedSince = going.some(([, record]) => stampOf(record) >= at);
    // A goal a closure's outcomes name stays: the closure would name a goal that is gone.
    if (changedSince || (table === 'goals' && namedByClosure(id))) return false;
    for (const [array, record] of going) {
      remove[array].add(record.id);
      if (array !== table || record.id !== id) {
        cascaded.push({ table: array, id: record.id, deletedAt: deletion.deletedAt });
      }
    }
    if (table === 'youngPeople') erase.push({ youngPersonId: id, deletedAt: deletion.deletedAt });
    return true;
  }

  // Brought back in the file after it was deleted there, the file's version counts; a record
  // not on the device has nothing to delete.
  let waiting = ordered.filter(
    ({ table, id, deletedAt }) =>
      here[table].has(id) &&
      (inFile.get(deletionKeyOf(table, id)) ?? Number.NEGATIVE_INFINITY) < instantValue(deletedAt),
  );
  // Until nothing more goes: a record kept for something that goes with it which another
  // deletion then takes (a rating of an erased young person's session) is weighed again, so
  // that merging the file a second time deletes nothing more.
  for (;;) {
    const before = waiting.length;
    waiting = waiting.filter((d) => !remove[d.table].has(d.id) && !apply(d));
    if (waiting.length === before) break;
  }
  for (const { table } of waiting) keptChangedHere[table] += 1;
  return { remove, erase, cascaded, keptChangedHere };
}

/** Each file record's last change, by deletion key. */
function indexStamps(records: FullBackupRecords): Map<string, number> {
  const stamps = new Map<string, number>();
  for (const array of DELETION_ORDER) {
    for (const record of records[array]) {
      stamps.set(deletionKeyOf(array, record.id), stampOf(record));
    }
  }
  return stamps;
}
