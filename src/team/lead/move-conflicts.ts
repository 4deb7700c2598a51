/**
 * A moved case's conflict entries (../sync/payload.ts: a version of a record that lost when
 * two devices changed it apart, kept for the coach to choose): they go with the case, so the
 * new coach can still choose, and the old coach's device stops listing them.
 *
 * Each entry whose record is one of the moved records is sealed into the new caseload under
 * its key (its document id derived from the record's document there and the old entry's id,
 * so moving it twice writes one entry), then removed from the old caseload (a CouchDB
 * deletion, as a coach dismissing an entry does).
 */
import type { Database, PouchDocument } from 'pouchdb-browser';
import { toInstant } from '../../lib/instant';
import type { CaseloadKey } from '../keys/caseload-key';
import { openEnvelope, sealEnvelope } from '../keys/envelope';
import { documentIdsFor } from '../sync/document-ids';
import {
  conflictPayloadSchema,
  type ConflictPayload,
  type SyncedRecord,
  type SyncedTable,
} from '../sync/payload';

interface Side {
  local: Database;
  caseloadId: string;
  keys: readonly CaseloadKey[];
}

/** Moves the entries of these records; returns how many moved. */
export async function moveConflictEntries(
  from: Side,
  to: Side & { key: CaseloadKey },
  records: readonly [SyncedTable, SyncedRecord][],
): Promise<number> {
  const moved = new Set(records.map(([table, r]) => `${table} ${r.id}`));
  const ids = await documentIdsFor(to.key);
  const all = await from.local.allDocs({ include_docs: true });
  const written: PouchDocument[] = [];
  const removed: PouchDocument[] = [];
  for (const row of all.rows) {
    if (!row.doc || row.id.startsWith('_')) continue;
    const opened = await openEnvelope(row.doc, {
      caseloadId: from.caseloadId,
      keys: from.keys,
      schema: conflictPayloadSchema,
    });
    if (!opened.ok) continue;
    const entry = opened.record;
    if (!moved.has(`${entry.table} ${entry.record.id}`)) continue;
    const documentId = await ids.ofRecord(entry.table, entry.record.id);
    const entryId = await ids.ofConflict(documentId, `moved ${row.id}`);
    written.push(await sealEnvelope(to.key, entryId, { ...entry, documentId }));
    removed.push({ _id: row.id, _rev: row.doc._rev, _deleted: true });
  }
  if (written.length === 0) return 0;
  const there = await to.local.allDocs({ keys: written.map((d) => d._id) });
  const known = new Set(there.rows.filter((r) => r.value && !r.value.deleted).map((r) => r.id));
  const fresh = written.filter((d) => !known.has(d._id));
  const results = fresh.length > 0 ? await to.local.bulkDocs(fresh) : [];
  if (results.some((r) => !('ok' in r) || !r.ok)) {
    throw new Error('This device could not write the case’s kept versions.');
  }
  await from.local.bulkDocs(removed);
  return removed.length;
}

/**
 * Forwarding (./move-case.ts): versions from the old caseload that are older than the new
 * coach's own change of the record, kept in the new caseload as conflict entries (named by
 * their content, as a device names a version it never pushed), for the new coach to choose.
 * Returns how many were written.
 */
export async function keepAsConflictEntries(
  to: Side & { key: CaseloadKey },
  records: readonly [SyncedTable, SyncedRecord][],
  now: Date,
): Promise<number> {
  if (records.length === 0) return 0;
  const ids = await documentIdsFor(to.key);
  const entries: PouchDocument[] = [];
  for (const [table, record] of records) {
    const documentId = await ids.ofRecord(table, record.id);
    const entryId = await ids.ofConflict(documentId, `forwarded ${JSON.stringify(record)}`);
    const payload = {
      kind: 'conflict',
      table,
      record,
      documentId,
      keptAt: toInstant(now),
    } as ConflictPayload;
    entries.push(await sealEnvelope(to.key, entryId, payload));
  }
  const there = await to.local.allDocs({ keys: entries.map((d) => d._id) });
  const known = new Set(there.rows.filter((r) => r.value && !r.value.deleted).map((r) => r.id));
  // The same version given twice is one entry.
  const fresh = entries.filter((d) => !known.has(d._id) && (known.add(d._id), true));
  if (fresh.length === 0) return 0;
  const results = await to.local.bulkDocs(fresh);
  if (results.some((r) => !('ok' in r) || !r.ok)) {
    throw new Error('This device could not write the versions kept for the coach.');
  }
  return fresh.length;
}
