/**
 * Whether the coach should be reminded to back up. Used by the caseload (the first screen),
 * so this file loads no validation code: nothing here imports zod.
 */
import { readIdList } from '../lib/objects';
import { getDb } from './database';
import { DEMO_IDS_KEY, LAST_BACKUP_KEY } from './settings-keys';

/** Remind when nothing has been backed up for this many days (and records have changed). */
export const BACKUP_REMINDER_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface BackupReminderState {
  /** When the last backup was made, or null when none has been made on this device. */
  lastBackupAt: string | null;
  /** Some record (other than demo data) was created or changed since the last backup. */
  changedSince: boolean;
  /** Remind now: no backup for 7 days or never, and records have changed since. */
  due: boolean;
}

function readInstant(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

/** True when any record that is not demo data was created or changed after `since`. */
async function changedAfter(since: string, demo: ReadonlySet<string>): Promise<boolean> {
  const db = getDb();
  const after = (instant: string) => Date.parse(instant) > Date.parse(since);
  const real = (youngPersonId: string) => !demo.has(youngPersonId);
  const found = await Promise.all([
    db.youngPeople
      .where('updatedAt')
      .above(since)
      .filter((yp) => real(yp.id))
      .first(),
    db.goals
      .where('updatedAt')
      .above(since)
      .filter((g) => real(g.youngPersonId))
      .first(),
    db.sessions
      .where('updatedAt')
      .above(since)
      .filter((s) => real(s.youngPersonId))
      .first(),
    db.resilienceMaps
      .where('savedAt')
      .above(since)
      .filter((m) => real(m.youngPersonId))
      .first(),
  ]);
  if (found.some((record) => record !== undefined)) return true;
  if (await ratingChangedAfter(since, demo)) return true;
  // Closures have no updatedAt index: every one is read, so only when nothing else changed.
  return (
    (await db.closures.filter((c) => after(c.updatedAt) && real(c.youngPersonId)).first()) !==
    undefined
  );
}

/** True when a rating of a goal that is not demo data was made after `since`. */
async function ratingChangedAfter(since: string, demo: ReadonlySet<string>): Promise<boolean> {
  const db = getDb();
  if (demo.size === 0)
    return (await db.ratings.where('ratedAt').above(since).first()) !== undefined;
  const ratings = await db.ratings.where('ratedAt').above(since).toArray();
  if (ratings.length === 0) return false;
  const goals = await db.goals.bulkGet([...new Set(ratings.map((r) => r.goalId))]);
  return goals.some((goal) => goal !== undefined && !demo.has(goal.youngPersonId));
}

/**
 * Whether to remind the coach to back up: due when no backup has been made for 7 days (or
 * ever) and records have been created or changed since (any record at all when there has
 * never been a backup). Demo young people and their records do not count.
 */
export async function backupReminder(now: Date = new Date()): Promise<BackupReminderState> {
  const db = getDb();
  const tables = [
    db.settings,
    db.youngPeople,
    db.goals,
    db.sessions,
    db.ratings,
    db.closures,
    db.resilienceMaps,
  ];
  return db.transaction('r', tables, async () => {
    const lastBackupAt = readInstant((await db.settings.get(LAST_BACKUP_KEY))?.value);
    const demo = new Set(readIdList((await db.settings.get(DEMO_IDS_KEY))?.value));
    // Every record belongs to a young person, so with no backup yet any real one counts.
    const changedSince =
      lastBackupAt === null
        ? (await db.youngPeople.filter((yp) => !demo.has(yp.id)).first()) !== undefined
        : await changedAfter(lastBackupAt, demo);
    const overdue =
      lastBackupAt === null ||
      now.getTime() - Date.parse(lastBackupAt) >= BACKUP_REMINDER_DAYS * DAY_MS;
    return { lastBackupAt, changedSince, due: overdue && changedSince };
  });
}
