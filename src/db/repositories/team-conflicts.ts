/**
 * The coach's choice after a conflict with another device (issue 14): the chosen version of a
 * record is saved again, stamped now, so it is the newest everywhere and wins on every device
 * at their next sync. Checked with the record's own schema before it is written.
 */
import type { z } from 'zod';
import {
  closureSchema,
  goalSchema,
  ratingSchema,
  resilienceMapSchema,
  sessionSchema,
  youngPersonSchema,
} from '../../domain/schemas';
import { ValidationError } from '../../domain/validation';
import { toInstant } from '../../lib/instant';
import { getDb, type CoachingDatabase } from '../database';

/** The tables whose records sync, with the schema each record is checked against. */
const SCHEMAS = {
  youngPeople: youngPersonSchema,
  goals: goalSchema,
  sessions: sessionSchema,
  ratings: ratingSchema,
  closures: closureSchema,
  resilienceMaps: resilienceMapSchema,
} as const satisfies Record<string, z.ZodType>;

export type ConflictTable = keyof typeof SCHEMAS;

/** The record with this id on the device now, or undefined (deleted here, or never here). */
export async function readDeviceVersion(
  table: ConflictTable,
  id: string,
  db: CoachingDatabase = getDb(),
): Promise<Record<string, unknown> | undefined> {
  return (await db.table(table).get(id)) as Record<string, unknown> | undefined;
}

/**
 * Saves `record` (the version the coach chose: this device's, or the other device's) again,
 * with `updatedAt` set to now, so it is the version every device keeps. Throws a
 * ValidationError when it is not a valid record of the table; nothing is written then.
 */
export async function keepVersion(
  table: ConflictTable,
  record: unknown,
  now: Date = new Date(),
  db: CoachingDatabase = getDb(),
): Promise<void> {
  const stamped =
    typeof record === 'object' && record !== null
      ? { ...record, updatedAt: toInstant(now) }
      : record;
  const parsed = SCHEMAS[table].safeParse(stamped);
  if (!parsed.success) {
    throw new ValidationError(
      { record: 'This version is not a record the app can keep.' },
      'This version is not a record the app can keep.',
    );
  }
  await db.transaction('rw', db.table(table), async () => {
    await db.table(table).put(parsed.data);
  });
}
