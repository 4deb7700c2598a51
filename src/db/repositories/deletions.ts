/**
 * Deletion records (schema v5): deleting a session, a rating or a young person's records
 * leaves one row per deleted record (its table, its id and when), written in the same
 * transaction as the deletion, so that a merge of an older backup does not bring the record
 * back, and a backup (format version 2) carries the deletion to other devices. Ids and times
 * only: nothing else about the record is kept.
 */
import { deletionSchema, type DeletableTable, type Deletion } from '../../domain/schemas';
import { parseOrThrow } from '../../domain/validation';
import { toInstant } from '../../lib/dates';
import type { CoachingDatabase } from '../database';

/** A deletion's primary key in the deletions table. */
export function deletionKey(table: string, id: string): [string, string] {
  return [table, id];
}

/**
 * Notes that these records of `table` were deleted at `now`. Call inside the deletion's
 * transaction, which must include the deletions table. A record deleted again (after a
 * restore brought it back) keeps only its latest deletion.
 */
export function recordDeletions(
  db: CoachingDatabase,
  table: DeletableTable,
  ids: readonly string[],
  now: Date,
): Promise<unknown> {
  return recordDeletionsOf(db, [[table, ids]], now);
}

/** recordDeletions for the records of several tables, in one write. */
export function recordDeletionsOf(
  db: CoachingDatabase,
  deleted: readonly (readonly [DeletableTable, readonly string[]])[],
  now: Date,
): Promise<unknown> {
  const deletedAt = toInstant(now);
  const rows = deleted.flatMap(([table, ids]) =>
    ids.map((id) => parseOrThrow(deletionSchema, { table, id, deletedAt })),
  );
  // Always a Dexie request, empty or not: a plain promise awaited inside a transaction can
  // let it commit early.
  return db.deletions.bulkPut(rows);
}

/** Writes deletion records as they are (a restore's, from a backup file); each is checked. */
export async function putDeletions(
  db: CoachingDatabase,
  deletions: readonly Deletion[],
): Promise<unknown> {
  return db.deletions.bulkPut(deletions.map((d) => parseOrThrow(deletionSchema, d)));
}

/** Every deletion record on this device, oldest first. */
export async function readDeletions(db: CoachingDatabase): Promise<Deletion[]> {
  return db.deletions.orderBy('deletedAt').toArray();
}

/**
 * Forgets the deletion of records that are back on this device (a restore brought them
 * back). Call inside the restore's transaction.
 */
export async function forgetDeletions(
  db: CoachingDatabase,
  records: readonly { table: string; id: string }[],
): Promise<unknown> {
  return db.deletions.bulkDelete(records.map((r) => deletionKey(r.table, r.id)));
}
