/**
 * Reading every record on the device, for a backup and for comparing a file with the
 * device before a restore. Tables are read a page at a time.
 */
import type { EntityTable } from 'dexie';
import type { FullBackupRecords } from '../../../domain/backup-format';
import { getDb, type CoachingDatabase } from '../../database';

/** The tables that hold records: everything a backup carries. */
export function dataTables(db: CoachingDatabase) {
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
export async function readRecordsIn(db: CoachingDatabase): Promise<FullBackupRecords> {
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

/**
 * How many stored records of the data tables were left out of a read because they failed
 * their check (src/db/encryption/record-seal.ts): the stored count (counting opens nothing)
 * less what was read. Call inside the same transaction as the read.
 */
export async function countUnreadIn(
  db: CoachingDatabase,
  read: FullBackupRecords,
): Promise<number> {
  const tables = dataTables(db);
  const counts = await Promise.all(tables.map((table) => table.count()));
  const lengths = [
    read.youngPeople.length,
    read.goals.length,
    read.sessions.length,
    read.ratings.length,
    read.closures.length,
    read.resilienceMaps.length,
  ];
  return counts.reduce((sum, count, i) => sum + Math.max(0, count - (lengths[i] ?? 0)), 0);
}
