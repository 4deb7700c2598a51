/**
 * What a merge does with the file's records that are new or newer than the device's, once
 * deletions (./merge-deletions) and the screens' rules (./merge-rules) are weighed, and what
 * else it changes on the device. ./restore-plan compares the records and calls this. Pure.
 */
import { instantValue } from '../lib/instant';
import { RECORD_ARRAYS, byArray, type FullBackupRecords, type RecordArray } from './backup-format';
import {
  deletedSince,
  deletionKeyOf,
  incomingDeletions,
  indexDeletions,
  latestDeletions,
  type IncomingDeletions,
} from './merge-deletions';
import { applyScreenRules, keepWhole, type MergeRefusal } from './merge-rules';
import type { Deletion } from './schemas';
import type { Pace } from './slices';
import { withoutYoungPeople } from './without-young-people';

/** What a merge weighs besides the records: the deletions on each side. */
export interface MergeSides {
  /** The deletion records on this device. */
  deviceDeletions: readonly Deletion[];
  /** The deletion records in the file (none in a version 1 file). */
  fileDeletions: readonly Deletion[];
  /**
   * Young people erased here whom the coach chose to bring back: their records in the file
   * are taken despite the deletions of them here, and those deletions forgotten.
   */
  broughtBack?: ReadonlySet<string>;
  /**
   * The records come from the same case's own history (the team server's copy of the
   * caseload, not a file): a closed case takes its versions from before it was closed, which
   * arrive after the closing when a device syncs the caseload (see merge-rules.ts).
   */
  historyOfClosedCases?: boolean;
}

/** No deletions on either side. */
export const NO_SIDES: MergeSides = { deviceDeletions: [], fileDeletions: [] };

/** Besides the records a merge writes: what else it changes. */
export interface MergeChanges {
  /** Device records to delete, by array, as the file deleted them (erasures included). */
  remove: IncomingDeletions['remove'];
  /** Young people to erase, as the file erased them (and when). */
  erase: IncomingDeletions['erase'];
  /** Deletion records to store: the file's, and those of what went with them. */
  deletions: Deletion[];
  /** Deletions here to forget: of records the merge brings back. */
  forget: { table: RecordArray; id: string }[];
}

/** A merge's own figures for one array (see RestoreCounts in ./restore-plan). */
export interface MergeCounts {
  deletedHere: number;
  refusedNew: number;
  refusedNewer: number;
  deletedByFile: number;
  keptChangedHere: number;
}

const zero = (): MergeCounts => ({
  deletedHere: 0,
  refusedNew: 0,
  refusedNewer: 0,
  deletedByFile: 0,
  keptChangedHere: 0,
});

/** The keys (table and id) of the records of `file` that belong to these young people. */
function keysOfPeople(file: FullBackupRecords, people: ReadonlySet<string>): Set<string> {
  const keys = new Set<string>();
  if (people.size === 0) return keys;
  const { kept } = withoutYoungPeople(file, people);
  for (const array of RECORD_ARRAYS) {
    const stays = new Set(kept[array].map((r) => r.id));
    for (const record of file[array]) {
      if (!stays.has(record.id)) keys.add(deletionKeyOf(array, record.id));
    }
  }
  return keys;
}

/** `list` less the records deleted since (counted, or refused when the file deleted them). */
function notDeleted<T extends { id: string }>(
  array: RecordArray,
  list: readonly T[],
  onDevice: ReadonlySet<string>,
  deletedHere: ReturnType<typeof indexDeletions>,
  deletedInFile: ReturnType<typeof indexDeletions>,
  out: { counts: MergeCounts; refusals: MergeRefusal[] },
): T[] {
  return list.filter((record) => {
    if (onDevice.has(record.id)) return true;
    if (deletedSince(deletedHere, array, record)) {
      out.counts.deletedHere += 1;
      return false;
    }
    if (deletedSince(deletedInFile, array, record)) {
      out.refusals.push({ array, id: record.id, reason: 'deleted-in-file' });
      return false;
    }
    // Deleted here before this version of it was made: it comes back (see `forget`).
    return true;
  });
}

/**
 * Of the file's records that are new or newer (`candidates`): those a merge writes, what else
 * it changes, the records refused with their reasons, and each array's merge figures.
 */
export async function decideMerge(
  file: FullBackupRecords,
  device: FullBackupRecords,
  candidates: FullBackupRecords,
  sides: MergeSides,
  pace: Pace,
): Promise<{
  toMerge: FullBackupRecords;
  changes: MergeChanges;
  refusals: MergeRefusal[];
  counts: Record<RecordArray, MergeCounts>;
}> {
  const exempt = keysOfPeople(file, sides.broughtBack ?? new Set());
  const here = sides.deviceDeletions.filter((d) => !exempt.has(deletionKeyOf(d.table, d.id)));
  const deletedHere = indexDeletions(here);
  const deletedInFile = indexDeletions(sides.fileDeletions);
  const refusals: MergeRefusal[] = [];
  const counts = byArray(zero);
  const onDevice = byArray((array) => new Set(device[array].map((r: { id: string }) => r.id)));
  const out = (array: RecordArray) => ({ counts: counts[array], refusals });
  const sift = <T extends { id: string }>(array: RecordArray, list: readonly T[]): T[] =>
    notDeleted(array, list, onDevice[array], deletedHere, deletedInFile, out(array));
  // 1. Nothing deleted here (or in the file, after this version of it) comes back.
  const alive: FullBackupRecords = {
    youngPeople: sift('youngPeople', candidates.youngPeople),
    goals: sift('goals', candidates.goals),
    sessions: sift('sessions', candidates.sessions),
    ratings: sift('ratings', candidates.ratings),
    closures: sift('closures', candidates.closures),
    resilienceMaps: sift('resilienceMaps', candidates.resilienceMaps),
  };
  await pace();
  // 2. The screens' rules.
  const screened = applyScreenRules(alive, file, device, {
    historyOfClosedCases: sides.historyOfClosedCases ?? false,
  });
  refusals.push(...screened.refusals);
  // 3. The file's deletions, here.
  const incoming = incomingDeletions(sides.fileDeletions, file, device);
  await pace();
  // 4. Nothing written whose young person, goal or session will not be there.
  const { kept, leftOut } = keepWhole(screened.allowed, device, incoming.remove);
  for (const { array, id } of leftOut) refusals.push({ array, id, reason: 'owner-left-out' });
  for (const { array, id } of refusals) {
    if (onDevice[array].has(id)) counts[array].refusedNewer += 1;
    else counts[array].refusedNew += 1;
  }
  for (const array of RECORD_ARRAYS) {
    counts[array].deletedByFile = incoming.remove[array].size;
    counts[array].keptChangedHere = incoming.keptChangedHere[array];
  }
  // Deletions here of records the merge writes (brought back, or changed after they were
  // deleted here) are forgotten: the records are on the device again.
  const known = indexDeletions(sides.deviceDeletions);
  const forget: MergeChanges['forget'] = RECORD_ARRAYS.flatMap((array) =>
    kept[array]
      .filter((record: { id: string }) => known.has(deletionKeyOf(array, record.id)))
      .map((record: { id: string }) => ({ table: array, id: record.id })),
  );
  // Deletions to store: the file's and their cascades, of records not on the device once the
  // merge is done, where newer than what is known here.
  const written = byArray((array) => new Set(kept[array].map((r: { id: string }) => r.id)));
  const present = (array: RecordArray, id: string) =>
    (onDevice[array].has(id) && !incoming.remove[array].has(id)) || written[array].has(id);
  const deletions = latestDeletions(sides.fileDeletions, incoming.cascaded).filter(
    (d) =>
      !present(d.table, d.id) &&
      (known.get(deletionKeyOf(d.table, d.id)) ?? Number.NEGATIVE_INFINITY) <
        instantValue(d.deletedAt),
  );
  return {
    toMerge: kept,
    changes: { remove: incoming.remove, erase: incoming.erase, deletions, forget },
    refusals,
    counts,
  };
}
