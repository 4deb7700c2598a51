/**
 * A caseload as the service lead's device reads it (issue 14): the lead holds every caseload's
 * key (wrapped for the lead's device), so it can open what the coaches' devices put on the
 * server, for the team report and for moving a case.
 *
 * The lead's device keeps one local PouchDB database per caseload, a copy of the server's
 * (ciphertext only: the envelopes the coaches' devices sealed), brought up to date by a
 * one-off replication each time the lead asks (never a live one per caseload: a service has
 * dozens of caseloads, and a browser holds few connections to one server). The records are
 * opened in memory when a report or a move needs them and never stored opened.
 *
 * Each document is opened as a coach's device opens it (../sync/pull.ts): every leaf is
 * opened and checked with the app's schemas and its document id, the newest version wins (a
 * deletion newer than a record deletes it), and a document that does not open or sits under
 * another record's id is counted as damaged and left out, never stopping the rest.
 */
import PouchDB, { type Database, type StoredDocument } from 'pouchdb-browser';
import { byArray, type FullBackupRecords } from '../../domain/backup-format';
import type { Deletion } from '../../domain/schemas';
import type { CaseloadKey } from '../keys/caseload-key';
import { openEnvelope } from '../keys/envelope';
// Envelopes sealed and opened with the fast AES-GCM once it is loaded (issue 14).
import '../sync/envelope-cipher';
import { documentIdsFor } from '../sync/document-ids';
import { payloadSchema, type SyncedRecord, type SyncedTable } from '../sync/payload';
import { leavesOf, newest, type Leaf } from '../sync/pull';
import { CachedIds } from '../sync/push';
import { steadyFetch } from '../sync/steady-fetch';

/** Where a caseload's database is, and who the lead signs in as. */
export interface CaseloadServer {
  /** The caseload database's address: `/couchdb/caseload-…` in the app. */
  remoteUrl: string;
  credentials: { name: string; password: string };
}

/** The record (or deletion) a document holds, with the revision and key version it was read at. */
export type CaseloadDocument =
  | {
      documentId: string;
      rev: string;
      keyVersion: number;
      kind: 'record';
      table: SyncedTable;
      record: SyncedRecord;
      /**
       * Other versions of the record in the document, not settled yet (two of the coach's
       * devices changed it before either had the other's change): older, and different.
       */
      losing?: SyncedRecord[];
    }
  | {
      documentId: string;
      rev: string;
      keyVersion: number;
      kind: 'deletion';
      deletion: Deletion;
      /** Records' versions that lost to it, when it is a moved case's deletion. */
      late?: LateLeaf[];
    };

/** A caseload opened: its live records, its deletions, and what could not be opened. */
export interface OpenedCaseload {
  caseloadId: string;
  /** Every live record, by table (a record whose deletion is newer is left out). */
  records: FullBackupRecords;
  /** The deletions its documents hold. */
  deletions: Deletion[];
  /** Each record's or deletion's document, by `${table} ${id}` (the newest, when several). */
  documents: Map<string, CaseloadDocument>;
  /**
   * Other documents of the same record, under older keys (a coach's device seals every record
   * again after the key changed, and retires the old documents once it has): by the same key.
   */
  superseded: Map<string, CaseloadDocument[]>;
  /** Documents that could not be opened, or held another record: left out. */
  damaged: number;
  /**
   * Versions of records that lost to a deletion the lead wrote when it moved their case
   * (a coach's device changed them before it had the move): for the lead to forward.
   */
  lateLeaves: LateLeaf[];
}

/** A record's version left beside a moved case's deletion, in its document. */
export interface LateLeaf {
  documentId: string;
  rev: string;
  table: SyncedTable;
  record: SyncedRecord;
}

/** The key a record's document is found under in `OpenedCaseload.documents`. */
export function documentKey(table: string, id: string): string {
  return `${table} ${id}`;
}

/** The lead's local copy of one caseload database (the name says nothing about its content). */
export function openLocalCopy(caseloadId: string, prefix = 'lead-copy'): Database {
  return new PouchDB(`${prefix}-${caseloadId}`, { auto_compaction: true });
}

/** The caseload's database on the server, signed in as the lead. */
export function openServerCopy(server: CaseloadServer): Database {
  return new PouchDB(server.remoteUrl, {
    skip_setup: true,
    auth: { username: server.credentials.name, password: server.credentials.password },
    fetch: steadyFetch,
  });
}

/**
 * Brings the local copy up to date with the server: a one-off pull, nothing sent back (the
 * team report's refresh: the lead's device writes to a copy only when it moves a case, and
 * those copies go with `replicateOnce`). Throws what PouchDB throws when the server cannot
 * be reached or refuses the lead.
 */
export async function pullOnce(local: Database, remote: Database): Promise<void> {
  await local.replicate.from(remote, { batch_size: 500 });
}

/**
 * Brings the local copy up to date with the server (a one-off pull), then sends the server
 * anything written on the lead's device (a move's documents): a one-off push. Throws what
 * PouchDB throws when the server cannot be reached or refuses the lead.
 */
export async function replicateOnce(local: Database, remote: Database): Promise<void> {
  await local.replicate.from(remote, { batch_size: 500 });
  await local.replicate.to(remote, { batch_size: 500 });
}

/** Document ids per key version, worked out once per read. */
function idsByVersion(keys: readonly CaseloadKey[], caseloadId: string) {
  const known = new Map<number, Promise<CachedIds>>();
  return (keyVersion: number): Promise<CachedIds> | null => {
    const key = keys.find((k) => k.caseloadId === caseloadId && k.keyVersion === keyVersion);
    if (!key) return null;
    let ids = known.get(keyVersion);
    if (!ids) {
      ids = documentIdsFor(key).then((derived) => new CachedIds(derived));
      known.set(keyVersion, ids);
    }
    return ids;
  };
}

/** Documents read from the copy per request. */
const PAGE = 1_000;

/**
 * Every record of the caseload in the local copy, opened and checked. Never throws for a
 * damaged document: it is counted and left out.
 */
export async function readCaseload(
  local: Database,
  caseloadId: string,
  keys: readonly CaseloadKey[],
): Promise<OpenedCaseload> {
  const records = byArray(() => [] as SyncedRecord[]) as unknown as FullBackupRecords;
  const deletions: Deletion[] = [];
  const documents = new Map<string, CaseloadDocument>();
  const superseded = new Map<string, CaseloadDocument[]>();
  const lateLeaves: LateLeaf[] = [];
  const idsOf = idsByVersion(keys, caseloadId);
  let damaged = 0;
  let startkey: string | undefined;
  for (;;) {
    const page = await local.allDocs({
      include_docs: true,
      conflicts: true,
      limit: PAGE + (startkey === undefined ? 0 : 1),
      ...(startkey === undefined ? {} : { startkey }),
    });
    const rows = startkey === undefined ? page.rows : page.rows.slice(1);
    // The page's documents are opened together, then taken in their order: each waits on Web
    // Crypto (a decryption, then an HMAC for its id), which works off the main thread, so
    // opening them one after another left the reading mostly waiting (npm run bench:team:
    // about a third less time to read a caseload of 3,000 documents).
    const openedRows = await Promise.all(
      rows.map((row) =>
        !row.doc || row.id.startsWith('_')
          ? null
          : openDocument(local, row.doc, caseloadId, keys, idsOf),
      ),
    );
    for (const opened of openedRows) {
      if (opened === 'damaged') damaged += 1;
      else if (opened) {
        const key =
          opened.kind === 'record'
            ? documentKey(opened.table, opened.record.id)
            : documentKey(opened.deletion.table, opened.deletion.id);
        if (opened.kind === 'deletion') lateLeaves.push(...(opened.late ?? []));
        const held = documents.get(key);
        const [kept, other] = !held || isNewer(opened, held) ? [opened, held] : [held, opened];
        documents.set(key, kept);
        if (other) superseded.set(key, [...(superseded.get(key) ?? []), other]);
      }
    }
    if (rows.length < PAGE) break;
    startkey = rows[rows.length - 1]?.id;
  }
  for (const document of documents.values()) {
    if (document.kind === 'record') {
      (records[document.table] as SyncedRecord[]).push(document.record);
    } else deletions.push(document.deletion);
  }
  return { caseloadId, records, deletions, documents, superseded, damaged, lateLeaves };
}

const timeOf = (document: CaseloadDocument) =>
  document.kind === 'record' ? document.record.updatedAt : document.deletion.deletedAt;

/**
 * Of two documents of one record (under two key versions): the newer version, then the newer
 * key (the one devices write under now).
 */
function isNewer(a: CaseloadDocument, b: CaseloadDocument): boolean {
  const [at, bt] = [Date.parse(timeOf(a)), Date.parse(timeOf(b))];
  if (at !== bt) return at > bt;
  return a.keyVersion > b.keyVersion;
}

/**
 * One document: its newest valid version, null when it is a conflict entry (a version a coach
 * set aside, not a record of the caseload), or 'damaged'.
 */
async function openDocument(
  local: Database,
  doc: StoredDocument,
  caseloadId: string,
  keys: readonly CaseloadKey[],
  idsOf: (keyVersion: number) => Promise<CachedIds> | null,
): Promise<CaseloadDocument | null | 'damaged'> {
  const leaves: (Leaf & { keyVersion: number })[] = [];
  let broken = false;
  const stored = (doc._conflicts ?? []).length > 0 ? await leavesOf(local, doc) : [doc];
  for (const leaf of stored) {
    const opened = await openEnvelope(leaf, { caseloadId, keys, schema: payloadSchema });
    if (!opened.ok) {
      broken = true;
      continue;
    }
    const payload = opened.record;
    if (payload.kind === 'conflict') return null;
    const table = payload.kind === 'record' ? payload.table : payload.deletion.table;
    const id = payload.kind === 'record' ? payload.record.id : payload.deletion.id;
    const ids = idsOf(opened.keyVersion);
    if (!ids || (await (await ids).ofRecord(table, id)) !== leaf._id) {
      broken = true;
      continue;
    }
    leaves.push({ rev: leaf._rev, payload, keyVersion: opened.keyVersion });
  }
  const chosen = newest(leaves);
  if (!chosen) return broken ? 'damaged' : null;
  const { payload } = chosen;
  if (payload.kind === 'record') {
    const chosenText = JSON.stringify(payload.record);
    const losing = leaves.flatMap((leaf) =>
      leaf !== chosen &&
      leaf.payload.kind === 'record' &&
      JSON.stringify(leaf.payload.record) !== chosenText
        ? [leaf.payload.record]
        : [],
    );
    return {
      documentId: doc._id,
      rev: doc._rev,
      keyVersion: chosen.keyVersion,
      kind: 'record',
      table: payload.table,
      record: payload.record,
      ...(losing.length > 0 ? { losing } : {}),
    };
  }
  if (payload.kind === 'deletion') {
    const late =
      payload.moved === true
        ? leaves.flatMap((leaf): LateLeaf[] =>
            leaf !== chosen && leaf.payload.kind === 'record'
              ? [
                  {
                    documentId: doc._id,
                    rev: leaf.rev,
                    table: leaf.payload.table,
                    record: leaf.payload.record,
                  },
                ]
              : [],
          )
        : [];
    return {
      documentId: doc._id,
      rev: doc._rev,
      keyVersion: chosen.keyVersion,
      kind: 'deletion',
      deletion: payload.deletion,
      ...(late.length > 0 ? { late } : {}),
    };
  }
  return null;
}
