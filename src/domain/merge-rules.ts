/**
 * A merge obeys the rules the screens do: what no screen can change, no backup file changes
 * either. Of the file's records that are new or newer than the device's:
 *
 * - a goal's words stay as they are: the screens never change them, since every goal is rated
 *   (its baseline) when it is set, and a changed goal is a new goal. So a newer version of a
 *   goal on this device with other words is refused (the device's is kept). Whether the goal
 *   still has ratings does not matter: a merge that deletes them would otherwise let the
 *   same file change the words the second time it is merged;
 * - no record moves to another young person (or a rating to another goal or session);
 * - a case closed on this device stays read-only: the file's new or newer goals, sessions,
 *   ratings, closures and maps of that young person are refused, unless the file reopens the
 *   case (its version of the young person is newer, and open, or holds a reopening this
 *   device has not seen). Their own details can change, as on the edit page. Syncing with
 *   the team server (`historyOfClosedCases`), only the versions changed after the case was
 *   closed (later than its young person here, or than the newer version the merge takes) are
 *   refused: a device that syncs a caseload gets a closed case's young person before the
 *   rest of its history, which is taken.
 *
 * And a merge never leaves a record whose young person, goal or session is not there: a
 * record whose owner was left out (deleted, refused) is left out too.
 *
 * Pure: see src/domain/restore-plan.ts, which calls these.
 */
import { byArray, type FullBackupRecords, type RecordArray } from './backup-format';
import { stampOf } from './merge-deletions';
import type { Closure, Goal, Rating, Session, YoungPerson } from './schemas';

/** Why a record of the file is not taken. */
export type MergeRefusalReason =
  /** A goal's words would change (every goal is rated when it is set). */
  | 'goal-words'
  /** The record would move to another young person, goal or session. */
  | 'moved'
  /** The case is closed on this device and the file does not reopen it. */
  | 'case-closed'
  /** Its young person, goal or session is not taken (or not on the device). */
  | 'owner-left-out'
  /** The file itself says the record was deleted after this version of it. */
  | 'deleted-in-file';

/** A record of the file that a merge does not take, and why. */
export interface MergeRefusal {
  array: RecordArray;
  id: string;
  reason: MergeRefusalReason;
}

const byId = <T extends { id: string }>(list: readonly T[]) =>
  new Map(list.map((record) => [record.id, record]));

/** The young people whose case the file reopens (see the module's rules). */
function reopenedByFile(file: FullBackupRecords, device: FullBackupRecords): Set<string> {
  const hereClosures = byId(device.closures);
  const filePeople = byId(file.youngPeople);
  const reopened = new Set<string>();
  for (const here of device.youngPeople) {
    if (here.status !== 'closed') continue;
    const there = filePeople.get(here.id);
    if (!there || stampOf(there) <= stampOf(here)) continue;
    const reopening = (c: Closure) =>
      c.youngPersonId === here.id &&
      c.reopenedOn !== null &&
      (hereClosures.get(c.id)?.reopenedOn ?? null) === null;
    if (there.status === 'open' || file.closures.some(reopening)) reopened.add(here.id);
  }
  return reopened;
}

/** Splits a list by a test that may give a reason to refuse. */
function sift<T extends { id: string }>(
  array: RecordArray,
  list: readonly T[],
  refuse: (record: T) => MergeRefusalReason | null,
  refusals: MergeRefusal[],
): T[] {
  const kept: T[] = [];
  for (const record of list) {
    const reason = refuse(record);
    if (reason === null) kept.push(record);
    else refusals.push({ array, id: record.id, reason });
  }
  return kept;
}

/**
 * The file's candidates (new or newer than the device's) that the screens' rules allow, and
 * the rest, refused with a reason. `file` is every record of the file (for the reopenings
 * it holds).
 */
export function applyScreenRules(
  candidates: FullBackupRecords,
  file: FullBackupRecords,
  device: FullBackupRecords,
  { historyOfClosedCases = false }: { historyOfClosedCases?: boolean } = {},
): { allowed: FullBackupRecords; refusals: MergeRefusal[] } {
  const refusals: MergeRefusal[] = [];
  const here = {
    goals: byId(device.goals),
    sessions: byId(device.sessions),
    ratings: byId(device.ratings),
    closures: byId(device.closures),
    resilienceMaps: byId(device.resilienceMaps),
  };
  const reopened = reopenedByFile(file, device);
  /**
   * Each case closed here (and not reopened by the file), with when its young person was last
   * changed: here, or in the file's newer version, which the merge takes (so a second merge of
   * the same file decides as the first).
   */
  const inFile = new Map(candidates.youngPeople.map((yp) => [yp.id, stampOf(yp)] as const));
  const closedHere = new Map(
    device.youngPeople
      .filter((yp) => yp.status === 'closed' && !reopened.has(yp.id))
      .map((yp) => [yp.id, Math.max(stampOf(yp), inFile.get(yp.id) ?? -Infinity)] as const),
  );
  /** The record was changed after its young person's case was closed here. */
  const afterClosing = (youngPersonId: string | undefined, record: object) => {
    if (youngPersonId === undefined) return false;
    const closedAt = closedHere.get(youngPersonId);
    return closedAt !== undefined && (!historyOfClosedCases || stampOf(record) > closedAt);
  };
  const fileGoals = byId(file.goals);
  const fileSessions = byId(file.sessions);
  const ownerOfGoal = (id: string) => (here.goals.get(id) ?? fileGoals.get(id))?.youngPersonId;
  const ownerOfSession = (id: string) =>
    (here.sessions.get(id) ?? fileSessions.get(id))?.youngPersonId;

  const owned =
    <T extends { id: string; youngPersonId: string }>(table: Map<string, T>) =>
    (record: T): MergeRefusalReason | null => {
      const before = table.get(record.id);
      if (before && before.youngPersonId !== record.youngPersonId) return 'moved';
      return afterClosing(record.youngPersonId, record) ? 'case-closed' : null;
    };

  const goals = sift<Goal>(
    'goals',
    candidates.goals,
    (goal) => {
      const before = here.goals.get(goal.id);
      if (before && before.text !== goal.text) return 'goal-words';
      return owned(here.goals)(goal);
    },
    refusals,
  );
  const sessions = sift<Session>('sessions', candidates.sessions, owned(here.sessions), refusals);
  const closures = sift<Closure>('closures', candidates.closures, owned(here.closures), refusals);
  const maps = sift(
    'resilienceMaps',
    candidates.resilienceMaps,
    owned(here.resilienceMaps),
    refusals,
  );
  const ratings = sift<Rating>(
    'ratings',
    candidates.ratings,
    (rating) => {
      const before = here.ratings.get(rating.id);
      if (before && (before.goalId !== rating.goalId || before.sessionId !== rating.sessionId)) {
        return 'moved';
      }
      const owners = [
        ownerOfGoal(rating.goalId),
        rating.sessionId === null ? undefined : ownerOfSession(rating.sessionId),
      ];
      return owners.some((o) => afterClosing(o, rating)) ? 'case-closed' : null;
    },
    refusals,
  );
  return {
    allowed: {
      youngPeople: [...candidates.youngPeople],
      goals,
      sessions,
      ratings,
      closures,
      resilienceMaps: maps,
    },
    refusals,
  };
}

/**
 * The records to write, less any whose young person, goal or session will not be on the
 * device once the merge is done (the device's records, less `removed`, and those written).
 * Returns what is kept and what is left out, by array.
 */
export function keepWhole(
  toWrite: FullBackupRecords,
  device: FullBackupRecords,
  removed: Record<RecordArray, ReadonlySet<string>>,
): { kept: FullBackupRecords; leftOut: { array: RecordArray; id: string }[] } {
  const ids = byArray((array) => {
    const set = new Set<string>();
    for (const record of device[array]) if (!removed[array].has(record.id)) set.add(record.id);
    for (const record of toWrite[array]) set.add(record.id);
    return set;
  });
  const leftOut: { array: RecordArray; id: string }[] = [];
  const keep = <T extends { id: string }>(
    array: RecordArray,
    list: readonly T[],
    whole: (record: T) => boolean,
  ): T[] =>
    list.filter((record) => {
      if (whole(record)) return true;
      leftOut.push({ array, id: record.id });
      ids[array].delete(record.id);
      return false;
    });
  const person = (r: { youngPersonId: string }) => ids.youngPeople.has(r.youngPersonId);
  const youngPeople: YoungPerson[] = [...toWrite.youngPeople];
  const goals = keep('goals', toWrite.goals, person);
  const sessions = keep('sessions', toWrite.sessions, person);
  const maps = keep('resilienceMaps', toWrite.resilienceMaps, person);
  const closures = keep(
    'closures',
    toWrite.closures,
    (c) => person(c) && Object.keys(c.goalOutcomes).every((g) => ids.goals.has(g)),
  );
  const ratings = keep(
    'ratings',
    toWrite.ratings,
    (r) => ids.goals.has(r.goalId) && (r.sessionId === null || ids.sessions.has(r.sessionId)),
  );
  return {
    kept: { youngPeople, goals, sessions, ratings, closures, resilienceMaps: maps },
    leftOut,
  };
}
