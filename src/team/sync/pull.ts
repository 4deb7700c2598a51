/**
 * Pull: what replication brought into the local PouchDB database, opened, checked and applied
 * to Dexie by the backup merge's own rules (src/domain/merge-plan.ts: the newer version
 * wins, a deletion newer than a record deletes it and an older one never brings it back, a
 * goal's words stay, a closed case stays read-only unless reopened, nothing is written whose
 * young person, goal or session is missing), one Dexie transaction per batch of changes.
 *
 * - A document that does not open, or whose content is not a record of the app's schemas,
 *   or that sits under another record's id, is counted and listed as damaged (./state.ts),
 *   never applied, and never stops the rest.
 * - When two devices changed a record apart, both versions are kept: the document has two
 *   leaf revisions (a CouchDB conflict) or the device holds a change it has not pushed yet.
 *   The newer version is applied; the other is sealed into a conflict entry of its own
 *   (./payload.ts), which replicates to every device of the caseload, and the losing leaf
 *   is removed from the document so the conflict is not decided again.
 * - A record whose young person, goal or session has not arrived yet (replication does not
 *   keep the order records were made in) is deferred, and tried again with each batch.
 */
import type { Database, StoredDocument } from 'pouchdb-browser';
import { readDeletions } from '../../db/repositories/deletions';
import { pacer } from '../../db/repositories/backup/pacing';
import { applyMergeChanges, restoreTables, writeAll } from '../../db/repositories/backup/restore';
import { byArray, type FullBackupRecords } from '../../domain/backup-format';
import { deletionKeyOf } from '../../domain/merge-deletions';
import type { Deletion } from '../../domain/schemas';
import type { CoachingDatabase } from '../../db/database';
import { compareRecords } from '../../domain/restore-plan';
import { instantValue } from '../../lib/instant';
import { toInstant } from '../../lib/dates';
import { openEnvelope, sealEnvelope } from '../keys/envelope';
// Envelopes sealed and opened with the fast AES-GCM once it is loaded (issue 14).
import './envelope-cipher';
import {
  SYNCED_TABLES,
  payloadSchema,
  type ConflictPayload,
  type Payload,
  type SyncedRecord,
  type SyncedTable,
} from './payload';
import { removeMovedCases, withoutMovedAway } from './moved-away';
import { versionOfDeletion, versionOfRecord, type SyncContext } from './push';
import type { DamagedDocument } from './state';

/** Changes applied in one Dexie transaction. */
export const PULL_BATCH = 250;

/** Damaged documents listed at most (the count goes on). */
const MAX_DAMAGED_LISTED = 500;

/** One version of a record or its deletion, as read from a document's leaf. */
export interface Leaf {
  rev: string;
  payload: Payload;
}

/** The version of a document the pull applies. */
type Incoming =
  | { documentId: string; rev: string; kind: 'record'; table: SyncedTable; record: SyncedRecord }
  | { documentId: string; rev: string; kind: 'deletion'; deletion: Deletion; moved: boolean };

/** What a pull did. */
export interface PullOutcome {
  /** Documents read from the changes feed. */
  read: number;
  /** Records written and deleted on the device. */
  applied: number;
  /** Conflict entries made (both versions kept). */
  conflicts: number;
  /** Documents that could not be opened, this pull. */
  damaged: number;
  /** Records the merge's rules did not take (a closed case, a rated goal's words). */
  refused: number;
}

function timeOf(payload: Payload): number {
  if (payload.kind === 'deletion') return instantValue(payload.deletion.deletedAt);
  return instantValue(payload.record.updatedAt);
}

/** The leaf that wins: the newer; a record over a deletion at the same time; then by rev. */
export function newest<L extends Leaf>(leaves: readonly L[]): L | undefined {
  return [...leaves].sort((a, b) => {
    const byTime = timeOf(b.payload) - timeOf(a.payload);
    if (byTime !== 0) return byTime;
    const rank = (leaf: L) => (leaf.payload.kind === 'record' ? 0 : 1);
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    return a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0;
  })[0];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every leaf revision of a document (the winner first), as stored. */
export async function leavesOf(replica: Database, doc: StoredDocument): Promise<StoredDocument[]> {
  const others = await Promise.all(
    (doc._conflicts ?? []).map((rev) => replica.get(doc._id, { rev }).catch(() => null)),
  );
  const winner: StoredDocument = { ...doc };
  delete winner._conflicts;
  return [winner, ...others.filter((d): d is StoredDocument => d !== null)];
}

/** A conflict entry's document: the losing version, sealed. */
async function conflictDocument(
  context: SyncContext,
  documentId: string,
  losingTag: string,
  table: SyncedTable,
  record: SyncedRecord,
) {
  const id = await context.ids.ofConflict(documentId, losingTag);
  const payload = {
    kind: 'conflict',
    table,
    record,
    documentId,
    keptAt: toInstant(context.now()),
  } as ConflictPayload;
  return sealEnvelope(context.key, id, payload);
}

/**
 * Applies the local database's changes since the last pull to Dexie, a batch at a time.
 * Updates the state in memory (./state.ts); the caller saves it (done after every batch here
 * too, so a pull cut short resumes where it stopped).
 */
export async function pullRemoteChanges(
  context: SyncContext,
  save: () => Promise<void>,
  batchSize = PULL_BATCH,
): Promise<PullOutcome> {
  const outcome: PullOutcome = { read: 0, applied: 0, conflicts: 0, damaged: 0, refused: 0 };
  for (;;) {
    const { state } = context.loaded;
    const feed = await context.replica.changes({
      since: state.appliedSeq,
      limit: batchSize,
      include_docs: true,
      conflicts: true,
    });
    const docs = feed.results
      .filter((change) => !change.id.startsWith('_') && !change.deleted && change.doc)
      .map((change) => change.doc as StoredDocument);
    const deferred = await Promise.all(
      state.deferred.map((id) => context.replica.get(id, { conflicts: true }).catch(() => null)),
    );
    const fresh = docs.filter(
      (doc) => (doc._conflicts ?? []).length > 0 || state.revisions[doc._id] !== doc._rev,
    );
    const seen = new Set(fresh.map((doc) => doc._id));
    const batch = [
      ...fresh,
      ...deferred.filter((d): d is StoredDocument => d !== null && !seen.has(d._id)),
    ];
    outcome.read += feed.results.length;
    await applyBatch(context, batch, outcome);
    state.appliedSeq = feed.last_seq;
    await save();
    if (feed.results.length < batchSize) return outcome;
  }
}

async function applyBatch(
  context: SyncContext,
  docs: readonly StoredDocument[],
  outcome: PullOutcome,
): Promise<void> {
  const { replica, loaded } = context;
  const { state } = loaded;
  const incoming: Incoming[] = [];
  const conflictDocs: Awaited<ReturnType<typeof conflictDocument>>[] = [];
  const removeLeaves: { _id: string; _rev: string; _deleted: true }[] = [];
  const damaged: DamagedDocument[] = [];

  for (const doc of docs) {
    const leaves: Leaf[] = [];
    for (const leaf of await leavesOf(replica, doc)) {
      const opened = await openEnvelope(leaf, {
        caseloadId: context.key.caseloadId,
        keys: context.keys,
        schema: payloadSchema,
      });
      if (!opened.ok) {
        damaged.push({ documentId: leaf._id, revision: leaf._rev, reason: opened.reason });
        continue;
      }
      const payload = opened.record;
      if (payload.kind !== 'conflict') {
        const table = payload.kind === 'record' ? payload.table : payload.deletion.table;
        const id = payload.kind === 'record' ? payload.record.id : payload.deletion.id;
        // Sealed under the right id, but holding another record: moved by someone with the key.
        const ids = await context.idsOf(opened.keyVersion);
        if (!ids || (await ids.ofRecord(table, id)) !== leaf._id) {
          damaged.push({ documentId: leaf._id, revision: leaf._rev, reason: 'wrong-document' });
          continue;
        }
      }
      leaves.push({ rev: leaf._rev, payload });
    }
    state.revisions[doc._id] = doc._rev;
    if (leaves.length === 0) continue;
    const chosen = leaves.some((l) => l.payload.kind === 'conflict')
      ? leaves.find((l) => l.rev === doc._rev)
      : newest(leaves);
    if (!chosen) continue;
    const movedAway = chosen.payload.kind === 'deletion' && chosen.payload.moved === true;
    for (const leaf of leaves) {
      if (leaf === chosen) continue;
      // A version of a moved case's record that lost to the lead's deletion (this device, or
      // another of the caseload's, changed it before it had the move): left in the document
      // for the lead's device, which forwards it to the new coach (../lead/move-case.ts).
      if (movedAway && leaf.payload.kind === 'record') continue;
      removeLeaves.push({ _id: doc._id, _rev: leaf.rev, _deleted: true });
      // The losing version of a record changed on two devices: kept, unless identical.
      if (
        leaf.payload.kind === 'record' &&
        chosen.payload.kind === 'record' &&
        !same(leaf.payload.record, chosen.payload.record)
      ) {
        conflictDocs.push(
          await conflictDocument(
            context,
            doc._id,
            leaf.rev,
            leaf.payload.table,
            leaf.payload.record,
          ),
        );
      }
    }
    const payload = chosen.payload;
    if (payload.kind === 'record') {
      incoming.push({
        documentId: doc._id,
        rev: chosen.rev,
        kind: 'record',
        table: payload.table,
        record: payload.record,
      });
    } else if (payload.kind === 'deletion') {
      incoming.push({
        documentId: doc._id,
        rev: chosen.rev,
        kind: 'deletion',
        deletion: payload.deletion,
        moved: payload.moved === true,
      });
    }
  }
  outcome.damaged += damaged.length;
  noteDamaged(state.damaged, damaged, docs);

  // A record changed here and not pushed yet that the incoming version would replace or
  // lose to: both kept (the device's change is pushed with the next push if it wins).
  const { db } = context;
  const here = await db.transaction(
    'r',
    SYNCED_TABLES.map((table) => db[table]),
    async () => {
      const found = new Map<string, SyncedRecord>();
      for (const table of SYNCED_TABLES) {
        const wanted = incoming.filter(
          (i): i is Extract<Incoming, { kind: 'record' }> =>
            i.kind === 'record' && i.table === table,
        );
        if (wanted.length === 0) continue;
        const rows = (await db[table].bulkGet(wanted.map((i) => i.record.id))) as (
          SyncedRecord | undefined
        )[];
        rows.forEach((row, index) => {
          const item = wanted[index];
          if (row && item) found.set(item.documentId, row);
        });
      }
      return found;
    },
  );
  for (const item of incoming) {
    if (item.kind !== 'record') continue;
    const local = here.get(item.documentId);
    if (!local || same(local, item.record)) continue;
    const unpushed = state.pushed[item.documentId] !== versionOfRecord(local.updatedAt);
    if (!unpushed) continue;
    const localWins = instantValue(local.updatedAt) >= instantValue(item.record.updatedAt);
    conflictDocs.push(
      localWins
        ? await conflictDocument(context, item.documentId, item.rev, item.table, item.record)
        : await conflictDocument(
            context,
            item.documentId,
            // Not yet a revision: named by its content, so two versions never share an entry.
            `device ${JSON.stringify(local)}`,
            item.table,
            local,
          ),
    );
  }
  // Conflict entries first: once the merge below has replaced a version, it is kept.
  if (conflictDocs.length > 0) {
    const existing = await replica.allDocs({ keys: conflictDocs.map((d) => d._id) });
    const known = new Set(
      existing.rows.filter((r) => r.value && !r.value.deleted).map((r) => r.id),
    );
    const toWrite = conflictDocs.filter((d) => !known.has(d._id));
    if (toWrite.length > 0) {
      const results = await replica.bulkDocs(toWrite);
      for (const result of results) {
        if (!('rev' in result) || !result.ok) continue;
        outcome.conflicts += 1;
        // On this device only until the server confirms it.
        state.revisions[result.id] = result.rev;
        if (!state.pending.includes(result.id)) state.pending.push(result.id);
      }
    }
  }

  if (incoming.length > 0) await merge(context, incoming, outcome);
  if (removeLeaves.length > 0) await replica.bulkDocs(removeLeaves);
}

/** Notes damaged documents (replacing older notes of the same documents). */
function noteDamaged(
  list: DamagedDocument[],
  damaged: readonly DamagedDocument[],
  read: readonly StoredDocument[],
) {
  const readIds = new Set(read.map((d) => d._id));
  const kept = list.filter((d) => !readIds.has(d.documentId));
  kept.push(...damaged);
  list.splice(0, list.length, ...kept.slice(-MAX_DAMAGED_LISTED));
}

/**
 * The device's records the merge of this batch can touch or needs to weigh: every record of
 * each young person the batch names (directly, or through a goal or session). The merge's
 * rules are all within one young person's records (their case closed or reopened, a goal's
 * words, a rating's goal and session, what goes with a deletion), so a batch of one rating
 * opens one young person's records, not the whole caseload. Call inside the transaction.
 */
async function readRelatedRecords(
  db: CoachingDatabase,
  file: FullBackupRecords,
  fileDeletions: readonly Deletion[],
): Promise<FullBackupRecords> {
  const people = new Set<string>();
  for (const array of ['goals', 'sessions', 'closures', 'resilienceMaps'] as const) {
    for (const record of file[array]) people.add(record.youngPersonId);
  }
  for (const person of file.youngPeople) people.add(person.id);
  const goalIds = new Set(file.ratings.map((r) => r.goalId));
  const sessionIds = new Set(
    file.ratings.flatMap((r) => (r.sessionId === null ? [] : [r.sessionId])),
  );
  const deleted = (table: Deletion['table']) =>
    fileDeletions.filter((d) => d.table === table).map((d) => d.id);
  for (const id of deleted('youngPeople')) people.add(id);
  for (const id of deleted('goals')) goalIds.add(id);
  for (const id of deleted('sessions')) sessionIds.add(id);
  const owners = async <T extends { youngPersonId: string }>(rows: Promise<(T | undefined)[]>) => {
    for (const row of await rows) if (row) people.add(row.youngPersonId);
  };
  // The device's own versions of the incoming records: one that would move to another young
  // person (refused) is weighed with its young person here.
  await owners(db.goals.bulkGet(file.goals.map((g) => g.id)));
  await owners(db.sessions.bulkGet(file.sessions.map((x) => x.id)));
  await owners(db.closures.bulkGet(file.closures.map((c) => c.id)));
  await owners(db.resilienceMaps.bulkGet(file.resilienceMaps.map((m) => m.id)));
  for (const rating of await db.ratings.bulkGet(file.ratings.map((r) => r.id))) {
    if (!rating) continue;
    goalIds.add(rating.goalId);
    if (rating.sessionId !== null) sessionIds.add(rating.sessionId);
  }
  await owners(db.goals.bulkGet([...goalIds]));
  await owners(db.sessions.bulkGet([...sessionIds]));
  await owners(db.closures.bulkGet(deleted('closures')));
  await owners(db.resilienceMaps.bulkGet(deleted('resilienceMaps')));
  const ratingsDeleted = (await db.ratings.bulkGet(deleted('ratings'))).filter(
    (r) => r !== undefined,
  );
  await owners(db.goals.bulkGet(ratingsDeleted.map((r) => r.goalId)));

  const ids = [...people];
  const youngPeople = (await db.youngPeople.bulkGet(ids)).filter((p) => p !== undefined);
  const goals = await db.goals.where('youngPersonId').anyOf(ids).toArray();
  const sessions = await db.sessions.where('youngPersonId').anyOf(ids).toArray();
  const closures = await db.closures.where('youngPersonId').anyOf(ids).toArray();
  const resilienceMaps = await db.resilienceMaps.where('youngPersonId').anyOf(ids).toArray();
  const ratingIds = new Set([
    ...(await db.ratings
      .where('goalId')
      .anyOf(goals.map((g) => g.id))
      .primaryKeys()),
    ...(await db.ratings
      .where('sessionId')
      .anyOf(sessions.map((x) => x.id))
      .primaryKeys()),
  ]);
  const ratings = (await db.ratings.bulkGet([...ratingIds])).filter((r) => r !== undefined);
  return { youngPeople, goals, sessions, ratings, closures, resilienceMaps };
}

/** The batch through the backup merge, in one Dexie transaction. */
async function merge(
  context: SyncContext,
  batch: readonly Incoming[],
  outcome: PullOutcome,
): Promise<void> {
  const { db, loaded } = context;
  // A case the lead moved to another caseload goes from this device first, whole, its work
  // done offline kept in the documents for the lead to forward (./moved-away.ts); versions
  // of its records in this batch (this device's own, winning over the lead's deletion) are
  // left for the lead too, not brought back here.
  const movedAway = await removeMovedCases(
    context,
    batch.flatMap((item) => (item.kind === 'deletion' && item.moved ? [item.deletion] : [])),
  );
  const incoming = withoutMovedAway(batch, movedAway, loaded.state.movedAway);
  if (incoming.length === 0) {
    loaded.state.deferred = [];
    return;
  }
  const file: FullBackupRecords = byArray(() => []);
  const fileDeletions: Deletion[] = [];
  for (const item of incoming) {
    if (item.kind === 'record') (file[item.table] as SyncedRecord[]).push(item.record);
    else fileDeletions.push(item.deletion);
  }
  const result = await db.transaction('rw', restoreTables(db), async () => {
    const device = await readRelatedRecords(db, file, fileDeletions);
    const deviceDeletions = await readDeletions(db);
    const { plan, toMerge, changes } = await compareRecords(file, device, pacer(db), {
      deviceDeletions,
      fileDeletions,
      historyOfClosedCases: true,
    });
    await applyMergeChanges(db, changes);
    await writeAll(db, toMerge, 'bulkPut');
    const onDevice = byArray(
      (array) => new Map(device[array].map((r: SyncedRecord) => [r.id, r] as const)),
    );
    return { plan, toMerge, changes, onDevice };
  });
  const { toMerge, changes, onDevice, plan } = result;
  const written = byArray((array) => new Set(toMerge[array].map((r: { id: string }) => r.id)));
  const deferred: string[] = [];
  const leftOut = new Set(
    plan.refusals
      .filter((r) => r.reason === 'owner-left-out')
      .map((r) => deletionKeyOf(r.array, r.id)),
  );
  for (const item of incoming) {
    if (item.kind === 'record') {
      const { table, record } = item;
      const before = onDevice[table].get(record.id);
      if (written[table].has(record.id)) {
        outcome.applied += 1;
        loaded.state.pushed[item.documentId] = versionOfRecord(record.updatedAt);
      } else if (before && same(before, record)) {
        loaded.state.pushed[item.documentId] = versionOfRecord(record.updatedAt);
      } else if (leftOut.has(deletionKeyOf(table, record.id))) {
        deferred.push(item.documentId);
      }
    } else {
      const { table, id, deletedAt } = item.deletion;
      const removed =
        changes.remove[table].has(id) ||
        (table === 'youngPeople' && changes.erase.some((e) => e.youngPersonId === id));
      if (removed) outcome.applied += 1;
      if (removed || !onDevice[table].has(id)) {
        loaded.state.pushed[item.documentId] = versionOfDeletion(deletedAt);
      }
    }
  }
  const documentOf = new Map(
    incoming.map((item) => [
      item.kind === 'record'
        ? deletionKeyOf(item.table, item.record.id)
        : deletionKeyOf(item.deletion.table, item.deletion.id),
      item.documentId,
    ]),
  );
  const refused = plan.refusals.filter((r) => r.reason !== 'owner-left-out');
  outcome.refused += refused.length;
  const noted = new Set(incoming.map((item) => item.documentId));
  loaded.state.refused = [
    ...loaded.state.refused.filter((r) => !noted.has(r.documentId)),
    ...refused.map((r) => ({
      documentId: documentOf.get(deletionKeyOf(r.array, r.id)) ?? '',
      table: r.array,
      id: r.id,
      reason: r.reason,
    })),
  ].slice(-MAX_DAMAGED_LISTED);
  loaded.state.deferred = deferred;
}
