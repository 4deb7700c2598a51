/**
 * Making a backup: of every record on the device, or of one young person's (their case
 * export), as a file to download; and noting when the last one was made.
 */
import { backupForYoungPerson, buildBackup } from '../../../domain/backup-file';
import type { BackupFile, FullBackupRecords } from '../../../domain/backup-format';
import type { Table } from 'dexie';
import { withoutOrphans } from '../../../domain/without-orphans';
import type { Rating } from '../../../domain/schemas';
import { fileTimestamp, toInstant } from '../../../lib/dates';
import { getDb } from '../../database';
import { readDeletions } from '../deletions';
import { countUnreadIn, dataTables, readRecordsIn } from './read-records';
import { LAST_BACKUP_KEY } from '../../settings-keys';
import { compareInstants } from '../../../lib/instant';

/** "resilience-coaching-backup-2026-11-23-1405.json", in local time. */
export function backupFileName(now: Date, kind = 'backup'): string {
  return `resilience-coaching-${kind}-${fileTimestamp(now)}.json`;
}

/**
 * A backup file (format version 2) of every record on the device and every deletion record,
 * read in one transaction, as JSON text, and its file name. Throws a BackupError if the
 * records would not restore (which the repositories never allow). Call markBackupMade once
 * the file has been offered for download.
 */
export async function makeBackup(
  now: Date = new Date(),
): Promise<{ file: BackupFile; json: string; fileName: string; unread: number }> {
  const db = getDb();
  const { records, deletions, unread } = await db.transaction(
    'r',
    [...dataTables(db), db.deletions],
    async () => {
      const records = await readRecordsIn(db);
      return {
        records,
        deletions: await readDeletions(db),
        unread: await countUnreadIn(db, records),
      };
    },
  );
  // What could not be read is left out, and so is what would not read back without it.
  const { kept, leftOut } = unread > 0 ? withoutOrphans(records) : { kept: records, leftOut: 0 };
  const file = buildBackup(kept, now, deletions);
  return {
    file,
    json: JSON.stringify(file),
    fileName: backupFileName(now),
    unread: unread + leftOut,
  };
}

/** Records that a backup was made now (for the reminder and "Last backup"). */
export async function markBackupMade(now: Date = new Date()): Promise<void> {
  await getDb().settings.put({ key: LAST_BACKUP_KEY, value: toInstant(now) });
}

/**
 * Every record of one young person (their record, goals, sessions, ratings, closures and
 * resilience maps) that reads, read in one transaction, and how many of theirs are stored
 * but failed their check (counting opens nothing); null when they are not on the device.
 */
async function readCaseRecords(id: string) {
  const db = getDb();
  return db.transaction('r', dataTables(db), async () => {
    const youngPerson = await db.youngPeople.get(id);
    if (!youngPerson) return null;
    const ofTheirs = (table: Table) => table.where('youngPersonId').equals(id);
    const [goals, sessions, closures, resilienceMaps, storedGoalIds] = await Promise.all([
      db.goals.where('youngPersonId').equals(id).toArray(),
      db.sessions.where('youngPersonId').equals(id).toArray(),
      db.closures.where('youngPersonId').equals(id).toArray(),
      db.resilienceMaps.where('youngPersonId').equals(id).toArray(),
      db.goals.where('youngPersonId').equals(id).primaryKeys(),
    ]);
    goals.sort((a, b) => compareInstants(a.createdAt, b.createdAt) || a.id.localeCompare(b.id));
    const ratings = await db.ratings.where('goalId').anyOf(storedGoalIds).toArray();
    const stored = await Promise.all([
      ofTheirs(db.sessions).count(),
      ofTheirs(db.closures).count(),
      ofTheirs(db.resilienceMaps).count(),
      db.ratings.where('goalId').anyOf(storedGoalIds).count(),
    ]);
    const read = [sessions.length, closures.length, resilienceMaps.length, ratings.length];
    const unread =
      storedGoalIds.length -
      goals.length +
      stored.reduce((sum, count, i) => sum + Math.max(0, count - (read[i] ?? 0)), 0);
    return {
      youngPerson,
      records: {
        youngPeople: [youngPerson],
        goals,
        sessions,
        ratings,
        closures,
        resilienceMaps,
      } satisfies FullBackupRecords,
      unread,
    };
  });
}

/** One young person's case export, and how many of their records are not in it. */
export interface CaseBackup {
  file: BackupFile;
  /**
   * Records of theirs that failed their check on this device (listed under Settings, Damaged
   * records), and those that would not read back without them (a rating of such a goal, a
   * closure naming it): left out of the file.
   */
  unread: number;
}

/**
 * One young person's case export: a backup file (format version 2, without deletions) of
 * every record of theirs, closures and resilience maps included, so that it restores to all
 * of them. What cannot be read is left out (with what would not read back without it) and
 * counted. Null when they are not on the device.
 */
export async function makeCaseBackup(
  youngPersonId: string,
  now: Date = new Date(),
): Promise<CaseBackup | null> {
  const read = await readCaseRecords(youngPersonId);
  if (!read) return null;
  const { kept, leftOut } =
    read.unread > 0 ? withoutOrphans(read.records) : { kept: read.records, leftOut: 0 };
  const byGoal = new Map<string, Rating[]>(kept.goals.map((g) => [g.id, []]));
  for (const rating of kept.ratings) byGoal.get(rating.goalId)?.push(rating);
  const file = backupForYoungPerson(
    {
      youngPerson: read.youngPerson,
      goals: kept.goals.map((goal) => ({ goal, ratings: byGoal.get(goal.id) ?? [] })),
      sessions: kept.sessions,
      closures: kept.closures,
      resilienceMaps: kept.resilienceMaps,
    },
    now,
  );
  return { file, unread: read.unread + leftOut };
}

/** Thrown by requireCaseBackup when the young person is no longer on this device. */
export class CaseNotOnDeviceError extends Error {
  constructor() {
    super('This young person is no longer on this device.');
    this.name = 'CaseNotOnDeviceError';
  }
}

/**
 * Every record of one young person (closures and resilience maps included) as a backup file,
 * for the case exports. Throws CaseNotOnDeviceError when they are not on the device, and
 * whatever reading the records throws.
 */
export async function requireCaseBackup(
  youngPersonId: string,
  now: Date = new Date(),
): Promise<CaseBackup> {
  const backup = await makeCaseBackup(youngPersonId, now);
  if (!backup) throw new CaseNotOnDeviceError();
  return backup;
}
