/**
 * Taking young people out of a backup's records, with everything of theirs: for a merge
 * that leaves out those erased on this device, and for erasing someone from the safety
 * copy (whose records are not checked, so each may be anything).
 */
import { fieldOf } from '../lib/objects';
import { byArray, type FullBackupRecords, type RecordArray } from './backup-format';

/** Records of every array, each of which may be anything (a safety copy's are not checked). */
export type LooseRecords = { [A in RecordArray]: readonly unknown[] };
/** The records kept of each array, of the same kind as those given. */
export type Kept<T extends LooseRecords> = { [A in RecordArray]: T[A][number][] };

/**
 * The records left once these young people and everything of theirs are taken out: their
 * own records, goals, sessions, closures and maps, and the ratings of those goals or
 * sessions. `removed` counts what was taken out.
 */
export function withoutYoungPeople<T extends LooseRecords>(
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
export function erasedInFile(
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
