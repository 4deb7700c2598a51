/**
 * Every schema version of the database, oldest first. Append a new version; never edit
 * an old one. Index only ids, dates and status: free text is never indexed, so that it
 * can be encrypted at rest without breaking any query.
 *
 * Changelog
 * - v1 (2026-11-23): young people, goals, sessions, ratings (backup format v1) and settings.
 * - v2 (2026-11-23): closures (case closure details and reopenings); the upgrade makes a
 *   closure for every case already closed, from its closedOn and closureReason.
 * - v3 (2026-11-24): resilienceMaps (dated snapshots of a young person's resilience map);
 *   a new empty table, so the upgrade has nothing to transform.
 * - v4 (2026-11-23): drafts (forms saved as they are typed: a session being logged, a goal
 *   being written); a new empty table, so the upgrade has nothing to transform.
 * - v5 (2026-11-25): every record says when it last changed (`updatedAt`, indexed so it stays
 *   plain): ratings and resilience maps gain it, the upgrade copying it from `ratedAt` and
 *   `savedAt` (plain fields, so no encrypted value is read or written); closures index theirs.
 *   deletions (table, id, deletedAt: what was deleted here and when, so a merge of an older
 *   backup does not bring it back).
 */
export const DATABASE_NAME = 'resilience-coaching';

export const SCHEMA_V1 = {
  youngPeople: 'id, status, referralDate, closedOn, updatedAt',
  goals: 'id, youngPersonId, status, updatedAt',
  sessions: 'id, youngPersonId, date, [youngPersonId+date], updatedAt',
  ratings: 'id, goalId, sessionId, ratedAt',
  settings: 'key',
} as const;

export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  closures: 'id, youngPersonId, closedOn',
} as const;

export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  resilienceMaps: 'id, youngPersonId, savedAt, [youngPersonId+savedAt]',
} as const;

export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  drafts: 'id, youngPersonId, updatedAt',
} as const;

export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  ratings: 'id, goalId, sessionId, ratedAt, updatedAt',
  closures: 'id, youngPersonId, closedOn, updatedAt',
  resilienceMaps: 'id, youngPersonId, savedAt, [youngPersonId+savedAt], updatedAt',
  // One row per deleted record, keyed by its table and id; ids and times only.
  deletions: '[table+id], table, deletedAt',
} as const;

export const CURRENT_VERSION = 5;
