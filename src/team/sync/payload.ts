/**
 * What is inside a sealed document (../keys/envelope.ts): one of
 *
 * - a record: `{ kind: 'record', table, record }`, the record as the app's schema has it;
 * - a deletion: `{ kind: 'deletion', deletion }` (table, id, deletedAt), in the same document
 *   as the record it deletes, so the record's versions and its deletion meet in one place
 *   (`moved: true` when the lead moved the young person to another caseload);
 * - a conflict entry: `{ kind: 'conflict', table, record, documentId, keptAt }`, a version of
 *   a record that lost to a newer one when two devices changed it apart, kept so the coach
 *   can choose (its own document: every device of the caseload lists it).
 *
 * Each is checked with the app's own zod schemas after it is opened.
 */
import { z } from 'zod';
import type { RecordArray } from '../../domain/backup-format';
import {
  closureSchema,
  deletionSchema,
  goalSchema,
  instantSchema,
  ratingSchema,
  resilienceMapSchema,
  sessionSchema,
  youngPersonSchema,
  type Closure,
  type Deletion,
  type Goal,
  type Rating,
  type ResilienceMap,
  type Session,
  type YoungPerson,
} from '../../domain/schemas';

/** The tables that sync: every record a backup carries. */
export const SYNCED_TABLES = [
  'youngPeople',
  'goals',
  'sessions',
  'ratings',
  'closures',
  'resilienceMaps',
] as const satisfies readonly RecordArray[];
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** A record of one of the synced tables. */
export type SyncedRecord = YoungPerson | Goal | Session | Rating | Closure | ResilienceMap;

const recordOf = <T extends SyncedTable, S extends z.ZodType>(table: T, schema: S) =>
  z.strictObject({ kind: z.literal('record'), table: z.literal(table), record: schema });

export const recordPayloadSchema = z.discriminatedUnion('table', [
  recordOf('youngPeople', youngPersonSchema),
  recordOf('goals', goalSchema),
  recordOf('sessions', sessionSchema),
  recordOf('ratings', ratingSchema),
  recordOf('closures', closureSchema),
  recordOf('resilienceMaps', resilienceMapSchema),
]);
export type RecordPayload = z.infer<typeof recordPayloadSchema>;

export const deletionPayloadSchema = z.strictObject({
  kind: z.literal('deletion'),
  deletion: deletionSchema,
  /**
   * Written by the lead's device when it moved the record's young person to another
   * caseload (../lead/move-case.ts), not erased: a coach's device then does not push
   * deletions of its own for what it held of theirs that the lead did not know of (work done
   * offline), so the lead can forward it to the new coach.
   */
  moved: z.literal(true).optional(),
});
export type DeletionPayload = z.infer<typeof deletionPayloadSchema>;

const conflictOf = <T extends SyncedTable, S extends z.ZodType>(table: T, schema: S) =>
  z.strictObject({
    kind: z.literal('conflict'),
    table: z.literal(table),
    record: schema,
    /** The document of the record it is a version of. */
    documentId: z.string().regex(/^[0-9a-f]{32}$/),
    /** When the losing version was set aside. */
    keptAt: instantSchema,
  });

export const conflictPayloadSchema = z.discriminatedUnion('table', [
  conflictOf('youngPeople', youngPersonSchema),
  conflictOf('goals', goalSchema),
  conflictOf('sessions', sessionSchema),
  conflictOf('ratings', ratingSchema),
  conflictOf('closures', closureSchema),
  conflictOf('resilienceMaps', resilienceMapSchema),
]);
export type ConflictPayload = z.infer<typeof conflictPayloadSchema>;

export const payloadSchema = z.union([
  recordPayloadSchema,
  deletionPayloadSchema,
  conflictPayloadSchema,
]);
export type Payload = z.infer<typeof payloadSchema>;

/** A record payload, typed loosely for the code that builds one from a table and a row. */
export function recordPayload(table: SyncedTable, record: SyncedRecord): Payload {
  return { kind: 'record', table, record } as RecordPayload;
}

export function deletionPayload(deletion: Deletion, options: { moved?: boolean } = {}): Payload {
  return options.moved
    ? { kind: 'deletion', deletion, moved: true }
    : { kind: 'deletion', deletion };
}
