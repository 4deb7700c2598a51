/**
 * The sync module's own bookkeeping, kept in the device's local PouchDB database as a
 * `_local` document (which PouchDB never replicates), so the Dexie schema needs no new table:
 *
 * - `pushed`: for each document, the version of its record (its updatedAt, or its deletion's
 *   time) that is in the local PouchDB database already; a record whose version differs has
 *   changed on this device since, and is sealed and pushed again;
 * - `revisions`: the revision this device last wrote or applied of each document, so the pull
 *   skips its own writes;
 * - `pending`: documents written here that the server has not confirmed yet;
 * - `appliedSeq`: how far along the local database's changes the pull has applied to Dexie;
 * - `damaged`: documents that could not be opened (ids and reasons only);
 * - `deferred`: documents whose young person, goal or session has not arrived yet;
 * - `refused`: versions from the server the merge's rules did not take (ids and reasons);
 * - `movedAway`: versions of records of a case the lead moved to another caseload, left in
 *   their documents for the lead to forward and not applied here (./moved-away.ts);
 * - `retiredBelow`: after the caseload's key changed (a device removed), the documents of this
 *   device's records under keys older than this version are retired (./push.ts).
 *
 * Ids, times and revisions only: nothing about a young person is in it. It is checked with
 * zod when read; a damaged state is started afresh (every record is then compared again,
 * which costs time but loses nothing).
 */
import { z } from 'zod';
import type { Database } from 'pouchdb-browser';

export const STATE_DOCUMENT_ID = '_local/resilience-sync-state';

const damagedSchema = z.object({
  documentId: z.string(),
  revision: z.string(),
  reason: z.string(),
});
export type DamagedDocument = z.infer<typeof damagedSchema>;

const refusedSchema = z.object({
  documentId: z.string(),
  table: z.string(),
  id: z.string(),
  reason: z.string(),
});
/** A version from the server the merge's rules did not take (a closed case, a goal's words). */
export type RefusedVersion = z.infer<typeof refusedSchema>;

const stateSchema = z.object({
  pushed: z.record(z.string(), z.string()),
  revisions: z.record(z.string(), z.string()),
  pending: z.array(z.string()),
  appliedSeq: z.union([z.number(), z.string()]),
  damaged: z.array(damagedSchema),
  deferred: z.array(z.string()),
  refused: z.array(refusedSchema),
  /** Document id to the record version left for the lead (a state saved before: none). */
  movedAway: z.record(z.string(), z.string()).default({}),
  /** Key versions below this one hold none of this device's records any more (saved before: 1). */
  retiredBelow: z.number().int().min(1).default(1),
});
export type SyncState = z.infer<typeof stateSchema>;

export function emptyState(): SyncState {
  return {
    pushed: {},
    revisions: {},
    pending: [],
    appliedSeq: 0,
    damaged: [],
    deferred: [],
    refused: [],
    movedAway: {},
    retiredBelow: 1,
  };
}

/** The state and the `_local` document's revision (to write it back). */
export interface LoadedState {
  state: SyncState;
  rev: string | undefined;
}

export async function loadState(replica: Database): Promise<LoadedState> {
  try {
    const stored = await replica.get(STATE_DOCUMENT_ID);
    const parsed = stateSchema.safeParse(stored);
    return { state: parsed.success ? parsed.data : emptyState(), rev: stored._rev };
  } catch {
    return { state: emptyState(), rev: undefined };
  }
}

export async function saveState(replica: Database, loaded: LoadedState): Promise<void> {
  const { state } = loaded;
  const written = await replica.put({
    _id: STATE_DOCUMENT_ID,
    ...(loaded.rev === undefined ? {} : { _rev: loaded.rev }),
    pushed: state.pushed,
    revisions: state.revisions,
    pending: state.pending,
    appliedSeq: state.appliedSeq,
    damaged: state.damaged,
    deferred: state.deferred,
    refused: state.refused,
    movedAway: state.movedAway,
    retiredBelow: state.retiredBelow,
  });
  loaded.rev = written.rev;
}
