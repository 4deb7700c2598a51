/**
 * Making a backup: of every record on the device, or of one young person's (their case
 * export), as a file to download; and noting when the last one was made.
 */
import { backupForYoungPerson, buildBackup } from '../../../domain/backup-file';
import type { BackupFile } from '../../../domain/backup-format';
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
    goals.sort((a, b) => compareInstants(a.createdAt, b.createdAt) || a.id.localeCompare(b.id));
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
 * One young person's case export: a backup file (format version 2, without deletions) of
 * every record of theirs, closures and resilience maps included, so that it restores to all of them. Null
 * when they are not on the device.
 */
export async function makeCaseBackup(
  youngPersonId: string,
  now: Date = new Date(),
): Promise<BackupFile | null> {
  const records = await readCaseRecords(youngPersonId);
  return records ? backupForYoungPerson(records, now) : null;
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
): Promise<BackupFile> {
  const file = await makeCaseBackup(youngPersonId, now);
  if (!file) throw new CaseNotOnDeviceError();
  return file;
}
