/**
 * Push, first half: the device's changed records and deletions, sealed into the local PouchDB
 * database (PouchDB's replication then takes them to the server, ./session.ts).
 *
 * What changed is found without opening a record: each synced table indexes `updatedAt`
 * (plain, as every index is), so reading the index's keys and the primary keys gives each
 * record's version, which is compared with the version pushed last (./state.ts). Only the
 * records that differ are read, opened and sealed. Deletion records (ids and times) are
 * pushed into the same document as the record they delete.
 */
import type { Database, PouchDocument } from 'pouchdb-browser';
import type { CoachingDatabase } from '../../db/database';
import type { Deletion } from '../../domain/schemas';
import type { CaseloadKey } from '../keys/caseload-key';
import { sealEnvelope } from '../keys/envelope';
// Envelopes sealed and opened with the fast AES-GCM once it is loaded (issue 14).
import './envelope-cipher';
import type { DocumentIds } from './document-ids';
import {
  SYNCED_TABLES,
  deletionPayload,
  recordPayload,
  type SyncedRecord,
  type SyncedTable,
} from './payload';
import type { LoadedState } from './state';

/** What the push and the pull share. */
export interface SyncContext {
  db: CoachingDatabase;
  replica: Database;
  /** The key records are sealed with (the newest version). */
  key: CaseloadKey;
  /** Every version of the caseload's key this device holds, to open documents. */
  keys: readonly CaseloadKey[];
  /** The document ids of the newest key, which this device writes under. */
  ids: CachedIds;
  /** The document ids of a key version (older documents sit under their own key's ids). */
  idsOf(keyVersion: number): Promise<CachedIds | null>;
  loaded: LoadedState;
  now: () => Date;
}

/** A record's version as the push compares it: its updatedAt, or its deletion's time. */
export function versionOfRecord(updatedAt: string): string {
  return `record ${updatedAt}`;
}
export function versionOfDeletion(deletedAt: string): string {
  return `deleted ${deletedAt}`;
}

/** Document ids, each worked out once per session. */
export class CachedIds {
  readonly #ids: DocumentIds;
  readonly #known = new Map<string, string>();
  constructor(ids: DocumentIds) {
    this.#ids = ids;
  }
  async ofRecord(table: string, id: string): Promise<string> {
    const key = `${table}\u0000${id}`;
    const known = this.#known.get(key);
    if (known) return known;
    const documentId = await this.#ids.ofRecord(table, id);
    this.#known.set(key, documentId);
    return documentId;
  }
  ofConflict(documentId: string, losingRevision: string): Promise<string> {
    return this.#ids.ofConflict(documentId, losingRevision);
  }
}

/** A local change not yet in the local PouchDB database. */
export interface LocalChange {
  documentId: string;
  table: SyncedTable;
  id: string;
  version: string;
  deletion: Deletion | null;
}

/** Each record's id and updatedAt, from the index (nothing opened). */
async function versionsOf(db: CoachingDatabase, table: SyncedTable) {
  const collection = db[table].orderBy('updatedAt');
  const [stamps, ids] = await Promise.all([
    collection.keys(),
    db[table].orderBy('updatedAt').primaryKeys(),
  ]);
  return ids.map((id, index) => ({ id: String(id), updatedAt: String(stamps[index]) }));
}

/** The device's records and deletions whose version is not the one pushed last. */
export async function findLocalChanges(context: SyncContext): Promise<LocalChange[]> {
  const { db, ids, loaded } = context;
  const { present, deletions } = await db.transaction(
    'r',
    [...SYNCED_TABLES.map((table) => db[table]), db.deletions],
    async () => {
      const present = new Map<SyncedTable, { id: string; updatedAt: string }[]>();
      for (const table of SYNCED_TABLES) present.set(table, await versionsOf(db, table));
      return { present, deletions: await db.deletions.toArray() };
    },
  );
  const changes: LocalChange[] = [];
  const here = new Set<string>();
  for (const table of SYNCED_TABLES) {
    for (const { id, updatedAt } of present.get(table) ?? []) {
      const documentId = await ids.ofRecord(table, id);
      here.add(documentId);
      const version = versionOfRecord(updatedAt);
      if (loaded.state.pushed[documentId] !== version) {
        changes.push({ documentId, table, id, version, deletion: null });
      }
    }
  }
  for (const deletion of deletions) {
    const documentId = await ids.ofRecord(deletion.table, deletion.id);
    // A record that is here again (brought back by a restore) is pushed, not its deletion.
    if (here.has(documentId)) continue;
    const version = versionOfDeletion(deletion.deletedAt);
    if (loaded.state.pushed[documentId] !== version) {
      changes.push({ documentId, table: deletion.table, id: deletion.id, version, deletion });
    }
  }
  return changes;
}

/** Documents written in one bulk request. */
const PUSH_BATCH = 200;

/**
 * Seals the device's changes into the local PouchDB database. Returns how many documents
 * were written. The state (./state.ts) is updated in memory; the caller saves it.
 */
export async function pushLocalChanges(context: SyncContext): Promise<number> {
  const { db, replica, key, loaded } = context;
  const changes = await findLocalChanges(context);
  let written = 0;
  for (let start = 0; start < changes.length; start += PUSH_BATCH) {
    const batch = changes.slice(start, start + PUSH_BATCH);
    const records = await db.transaction(
      'r',
      SYNCED_TABLES.map((table) => db[table]),
      async () => {
        const byDocument = new Map<string, SyncedRecord>();
        for (const table of SYNCED_TABLES) {
          const wanted = batch.filter((c) => c.table === table && c.deletion === null);
          if (wanted.length === 0) continue;
          const rows = (await db[table].bulkGet(wanted.map((c) => c.id))) as (
            SyncedRecord | undefined
          )[];
          rows.forEach((row, index) => {
            const change = wanted[index];
            if (row && change) byDocument.set(change.documentId, row);
          });
        }
        return byDocument;
      },
    );
    const existing = await replica.allDocs({ keys: batch.map((c) => c.documentId) });
    const revisionOf = new Map(
      existing.rows.filter((row) => row.value?.rev).map((row) => [row.id, row.value.rev]),
    );
    const documents: PouchDocument[] = [];
    const versions: string[] = [];
    for (const change of batch) {
      let payload;
      let version = change.version;
      if (change.deletion) {
        payload = deletionPayload(change.deletion);
      } else {
        const record = records.get(change.documentId);
        // Changed or gone since it was found (or failed its check here): the next push.
        if (!record) continue;
        payload = recordPayload(change.table, record);
        version = versionOfRecord(record.updatedAt);
      }
      const envelope = await sealEnvelope(key, change.documentId, payload);
      const rev = revisionOf.get(change.documentId);
      documents.push(rev === undefined ? envelope : { ...envelope, _rev: rev });
      versions.push(version);
    }
    if (documents.length === 0) continue;
    const results = await replica.bulkDocs(documents);
    // No await from here to the assignment: the push replication's events take documents off
    // `pending` meanwhile (./session.ts), and must not be undone.
    const pending = new Set(loaded.state.pending);
    results.forEach((result, index) => {
      const document = documents[index];
      const version = versions[index];
      if (!document || version === undefined || !('rev' in result) || !result.ok) return;
      loaded.state.pushed[document._id] = version;
      loaded.state.revisions[document._id] = result.rev;
      pending.add(document._id);
      written += 1;
    });
    loaded.state.pending = [...pending];
  }
  return written;
}

/** How many of the device's changes are not yet in the local PouchDB database. */
export async function countLocalChanges(context: SyncContext): Promise<number> {
  return (await findLocalChanges(context)).length;
}

/**
 * After the caseload's key changed (the lead removed a device, ../directory/remove.ts), this
 * device seals every record again under the new key, whose document ids differ (a removed
 * device cannot follow them). Once the new documents hold every record's version here, the
 * documents the same records had under older keys are deleted (CouchDB's `_deleted`, which no
 * device takes as a record's deletion), so the caseload holds each record once. Deletion
 * records and versions this device never took (set aside, refused) stay where they are.
 * Returns how many documents were retired; runs once per new key (state.retiredBelow).
 */
export async function retireOlderDocuments(context: SyncContext): Promise<number> {
  const { db, key, keys, loaded, replica } = context;
  if (loaded.state.retiredBelow >= key.keyVersion) return 0;
  const older = keys.filter((k) => k.keyVersion < key.keyVersion);
  const present = await db.transaction(
    'r',
    SYNCED_TABLES.map((table) => db[table]),
    async () => {
      const all: { table: SyncedTable; id: string; updatedAt: string }[] = [];
      for (const table of SYNCED_TABLES) {
        for (const row of await versionsOf(db, table)) all.push({ table, ...row });
      }
      return all;
    },
  );
  let complete = true;
  const retiring = new Set<string>();
  for (const { table, id, updatedAt } of present) {
    const documentId = await context.ids.ofRecord(table, id);
    if (loaded.state.pushed[documentId] !== versionOfRecord(updatedAt)) {
      complete = false;
      continue;
    }
    for (const old of older) {
      const oldIds = await context.idsOf(old.keyVersion);
      if (oldIds) retiring.add(await oldIds.ofRecord(table, id));
    }
  }
  let retired = 0;
  const wanted = [...retiring];
  for (let start = 0; start < wanted.length; start += PUSH_BATCH) {
    const found = await replica.allDocs({ keys: wanted.slice(start, start + PUSH_BATCH) });
    const deletions = found.rows.flatMap((row) =>
      row.value?.rev && !row.value.deleted
        ? [{ _id: row.id, _rev: row.value.rev, _deleted: true as const }]
        : [],
    );
    if (deletions.length === 0) continue;
    const results = await replica.bulkDocs(deletions);
    results.forEach((result, index) => {
      const deleted = deletions[index];
      if (!deleted || !('rev' in result) || !result.ok) {
        complete = false;
        return;
      }
      loaded.state.revisions[deleted._id] = result.rev;
      retired += 1;
    });
  }
  if (complete) loaded.state.retiredBelow = key.keyVersion;
  return retired;
}
