/**
 * Moving a case from one coach's caseload to another's (issue 14), on the lead's device, which
 * holds both caseloads' keys (a coach's device never gets another caseload, not even as
 * ciphertext, so only the lead can do this).
 *
 * `moveCase` reads the from-caseload's local copy (./caseload-records.ts), takes the young
 * person and every record of theirs (goals, sessions, the ratings of those goals and sessions,
 * closures, resilience maps), seals each into the to-caseload under the to-caseload's newest
 * key and its document ids, and only then writes a deletion (marked `moved`) into each of
 * their documents in the from-caseload: the new coach's copies first, so there is never a
 * moment when neither caseload has the case. Both are written to the lead's local copies; the
 * caller replicates them (`replicateOnce`, the to-caseload first). The case's conflict entries
 * (versions kept for the coach to choose) go with it (./move-conflicts.ts).
 *
 * The old coach's device deletes the case at its next sync. Work it did offline meanwhile is
 * not pushed over (../sync/pull.ts leaves the documents of a moved case's records as they
 * are), so `forwardMovedCases`, run at each refresh of the team, finds any record of a moved
 * young person still live in the old caseload, copies it to the new one when it is newer, and
 * deletes it again in the old one.
 */
import type { Database, PouchDocument } from 'pouchdb-browser';
import { byArray, type FullBackupRecords } from '../../domain/backup-format';
import { instantValue, toInstant } from '../../lib/instant';
import type { CaseloadKey } from '../keys/caseload-key';
import { sealEnvelope } from '../keys/envelope';
import { documentIdsFor } from '../sync/document-ids';
import {
  SYNCED_TABLES,
  deletionPayload,
  recordPayload,
  type SyncedRecord,
  type SyncedTable,
} from '../sync/payload';
import { documentKey, readCaseload, type LateLeaf, type OpenedCaseload } from './caseload-records';
import { keepAsConflictEntries, moveConflictEntries } from './move-conflicts';

/** One caseload as the lead's device holds it: its local copy and its keys. */
export interface CaseloadSide {
  local: Database;
  caseloadId: string;
  keys: readonly CaseloadKey[];
}

export type TableCounts = Record<SyncedTable, number>;

export type MoveResult =
  | {
      ok: true;
      moved: TableCounts;
      /** Versions kept after conflicts (for the coach to choose) that went with the case. */
      conflictEntries: number;
      movedAt: string;
    }
  | { ok: false; message: string };

/** A move the lead's device keeps (in its sealed state) so late edits can follow the case. */
export interface RecordedMove {
  youngPersonId: string;
  fromCaseload: string;
  toCaseload: string;
  movedAt: string;
}

const noCounts = (): TableCounts => byArray(() => 0) as TableCounts;

/** A young person's records in an opened caseload (ratings through their goals and sessions). */
export function recordsOfYoungPerson(
  opened: OpenedCaseload,
  youngPersonId: string,
  owners: { goals: Map<string, string>; sessions: Map<string, string> } = ownersOf([opened]),
): FullBackupRecords {
  const { records } = opened;
  const mine = <T extends { youngPersonId: string }>(rows: readonly T[]) =>
    rows.filter((r) => r.youngPersonId === youngPersonId);
  return {
    youngPeople: records.youngPeople.filter((p) => p.id === youngPersonId),
    goals: mine(records.goals),
    sessions: mine(records.sessions),
    ratings: records.ratings.filter(
      (r) =>
        owners.goals.get(r.goalId) === youngPersonId ||
        (r.sessionId !== null && owners.sessions.get(r.sessionId) === youngPersonId),
    ),
    closures: mine(records.closures),
    resilienceMaps: mine(records.resilienceMaps),
  };
}

/** Whose record it is (a rating's young person through its goal or session). */
function ownerOf(
  table: SyncedTable,
  record: SyncedRecord,
  owners: { goals: Map<string, string>; sessions: Map<string, string> },
): string | undefined {
  if (table === 'youngPeople') return record.id;
  if ('youngPersonId' in record) return record.youngPersonId;
  if ('goalId' in record) {
    return (
      owners.goals.get(record.goalId) ??
      (record.sessionId === null ? undefined : owners.sessions.get(record.sessionId))
    );
  }
  return undefined;
}

/** Whose each goal and session is, across caseloads (a rating names only its goal and session). */
function ownersOf(caseloads: readonly OpenedCaseload[]) {
  const goals = new Map<string, string>();
  const sessions = new Map<string, string>();
  for (const c of caseloads) {
    for (const g of c.records.goals) goals.set(g.id, g.youngPersonId);
    for (const s of c.records.sessions) sessions.set(s.id, s.youngPersonId);
  }
  return { goals, sessions };
}

function newestKey(side: CaseloadSide): CaseloadKey | undefined {
  return side.keys
    .filter((k) => k.caseloadId === side.caseloadId)
    .reduce<CaseloadKey | undefined>(
      (best, k) => (!best || k.keyVersion > best.keyVersion ? k : best),
      undefined,
    );
}

function eachRecord(records: FullBackupRecords): [SyncedTable, SyncedRecord][] {
  return SYNCED_TABLES.flatMap((table) =>
    (records[table] as SyncedRecord[]).map((r) => [table, r] as [SyncedTable, SyncedRecord]),
  );
}

/** The current revision of each document in a local copy (a deleted one has none to build on). */
async function revisionsOf(local: Database, documentIds: string[]): Promise<Map<string, string>> {
  if (documentIds.length === 0) return new Map();
  const found = await local.allDocs({ keys: documentIds });
  return new Map(
    found.rows.filter((r) => r.value?.rev && !r.value.deleted).map((r) => [r.id, r.value.rev]),
  );
}

async function writeAll(local: Database, documents: PouchDocument[]): Promise<void> {
  if (documents.length === 0) return;
  const results = await local.bulkDocs(documents);
  const failed = results.filter((r) => !('ok' in r) || !r.ok);
  if (failed.length > 0) {
    throw new Error(`This device could not write ${failed.length} of the case's records.`);
  }
}

/**
 * Seals records into a caseload's local copy under its newest key, each on top of its
 * document's current revision. `bump`: a record the caseload holds a deletion of (a case
 * moved back) is given a newer `updatedAt` than that deletion, or every device of the
 * caseload would take the deletion as the newer version and drop it.
 */
async function sealInto(
  side: CaseloadSide,
  opened: OpenedCaseload,
  records: [SyncedTable, SyncedRecord][],
  now: Date,
  bump: boolean,
): Promise<void> {
  const key = newestKey(side);
  if (!key) throw new Error('This device holds no key for that caseload.');
  const ids = await documentIdsFor(key);
  const documentIds = await Promise.all(records.map(([table, r]) => ids.ofRecord(table, r.id)));
  const revisions = await revisionsOf(side.local, documentIds);
  const documents: PouchDocument[] = [];
  for (const [index, [table, original]] of records.entries()) {
    const documentId = documentIds[index] ?? '';
    let record = original;
    const there = opened.documents.get(documentKey(table, record.id));
    if (bump && there?.kind === 'deletion') {
      const deletedAt = instantValue(there.deletion.deletedAt);
      if (deletedAt >= instantValue(record.updatedAt)) {
        const later = Math.max(now.getTime(), deletedAt + 1);
        record = { ...record, updatedAt: toInstant(new Date(later)) };
      }
    }
    const envelope = await sealEnvelope(key, documentId, recordPayload(table, record));
    const rev = revisions.get(documentId);
    documents.push(rev === undefined ? envelope : { ...envelope, _rev: rev });
  }
  await writeAll(side.local, documents);
}

/** Writes a `moved` deletion into each record's document of the from-caseload. */
async function deleteFrom(
  side: CaseloadSide,
  opened: OpenedCaseload,
  records: [SyncedTable, SyncedRecord][],
  now: Date,
): Promise<void> {
  const deletedAt = toInstant(now);
  // Each document is sealed with the key whose ids it sits under (devices check that).
  const keys = await Promise.all(
    side.keys
      .filter((k) => k.caseloadId === side.caseloadId)
      .map(async (key) => ({ key, ids: await documentIdsFor(key) })),
  );
  const documents: PouchDocument[] = [];
  for (const [table, record] of records) {
    const found = documentKey(table, record.id);
    const newestThere = opened.documents.get(found);
    if (!newestThere) continue;
    // Every document of the record: under the newest key, and any left under older ones.
    for (const there of [newestThere, ...(opened.superseded.get(found) ?? [])]) {
      let key: CaseloadKey | undefined;
      for (const candidate of keys) {
        if ((await candidate.ids.ofRecord(table, record.id)) === there.documentId) {
          key = candidate.key;
          break;
        }
      }
      if (!key) continue;
      const envelope = await sealEnvelope(
        key,
        there.documentId,
        deletionPayload({ table, id: record.id, deletedAt }, { moved: true }),
      );
      documents.push({ ...envelope, _rev: there.rev });
    }
  }
  await writeAll(side.local, documents);
}

function countOf(records: [SyncedTable, SyncedRecord][]): TableCounts {
  const counts = noCounts();
  for (const [table] of records) counts[table] += 1;
  return counts;
}

/**
 * A case moved back into a caseload that still holds work of its own on it (the old coach's
 * device changed a record after the first move, or before it had the move's deletion, and no
 * refresh has forwarded it yet): for each record, the newest of the moved version, the live
 * one there and the versions left beside the move's deletion (late leaves) is what the
 * caseload holds after the move; each other version that differs is kept there as a conflict
 * entry, for the coach to choose (never dropped unseen). `write`: what to seal (nothing for a
 * record whose live version there is the newest); `leaves`: the late leaves to remove.
 */
function settleWithThere(
  records: readonly [SyncedTable, SyncedRecord][],
  there: OpenedCaseload,
): {
  write: [SyncedTable, SyncedRecord][];
  keep: [SyncedTable, SyncedRecord][];
  leaves: LateLeaf[];
} {
  const leavesOf = new Map<string, LateLeaf[]>();
  for (const leaf of there.lateLeaves) {
    const key = documentKey(leaf.table, leaf.record.id);
    leavesOf.set(key, [...(leavesOf.get(key) ?? []), leaf]);
  }
  const write: [SyncedTable, SyncedRecord][] = [];
  const keep: [SyncedTable, SyncedRecord][] = [];
  const leaves: LateLeaf[] = [];
  for (const [table, moved] of records) {
    const key = documentKey(table, moved.id);
    const document = there.documents.get(key);
    const mine = leavesOf.get(key) ?? [];
    leaves.push(...mine);
    // Newest first; at one instant the version already there, then the moved one.
    const versions = [
      ...(document?.kind === 'record' ? [{ record: document.record, there: true }] : []),
      { record: moved, there: false },
      ...mine.map((leaf) => ({ record: leaf.record, there: false })),
    ].sort((a, b) => instantValue(b.record.updatedAt) - instantValue(a.record.updatedAt));
    const [newest, ...others] = versions;
    if (!newest) continue;
    if (!newest.there) write.push([table, newest.record]);
    const seen = new Set([JSON.stringify(newest.record)]);
    for (const other of others) {
      const text = JSON.stringify(other.record);
      if (seen.has(text)) continue;
      seen.add(text);
      keep.push([table, other.record]);
    }
  }
  return { write, keep, leaves };
}

/**
 * Moves a young person and every record of theirs from one caseload to another, in the
 * lead's local copies (the caller replicates: `to` first, then `from`). Refuses, with a
 * message, a young person who is not in the from-caseload, a move to the same caseload, and a
 * caseload whose key this device does not hold. Throws when this device cannot write its own
 * local copies (nothing is deleted in the from-caseload then, unless the copies were written).
 */
export async function moveCase(options: {
  from: CaseloadSide;
  to: CaseloadSide;
  youngPersonId: string;
  now: Date;
}): Promise<MoveResult> {
  const { from, to, youngPersonId, now } = options;
  if (from.caseloadId === to.caseloadId) {
    return { ok: false, message: 'The case is already in that caseload. Choose another coach.' };
  }
  if (!newestKey(from) || !newestKey(to)) {
    return {
      ok: false,
      message: 'This device holds no key for one of the two caseloads, so it cannot move the case.',
    };
  }
  const fromOpened = await readCaseload(from.local, from.caseloadId, from.keys);
  const records = eachRecord(recordsOfYoungPerson(fromOpened, youngPersonId));
  if (!records.some(([table]) => table === 'youngPeople')) {
    return {
      ok: false,
      message:
        'This young person is not in that coach’s caseload on this device. Refresh the team and try again.',
    };
  }
  const toOpened = await readCaseload(to.local, to.caseloadId, to.keys);
  const settled = settleWithThere(records, toOpened);
  await sealInto(to, toOpened, settled.write, now, true);
  const toKey = newestKey(to);
  const conflictEntries = toKey
    ? await moveConflictEntries(from, { ...to, key: toKey }, records)
    : 0;
  // Versions the old coach's devices had not settled yet (a conflict in the old caseload's
  // document): kept for the new coach to choose, as the old coach's devices would have.
  const unsettled = records.flatMap(([table, record]): [SyncedTable, SyncedRecord][] => {
    const there = fromOpened.documents.get(documentKey(table, record.id));
    return there?.kind === 'record'
      ? (there.losing ?? []).map((losing): [SyncedTable, SyncedRecord] => [table, losing])
      : [];
  });
  if (toKey) {
    await keepAsConflictEntries({ ...to, key: toKey }, [...settled.keep, ...unsettled], now);
  }
  // The old coach's versions that lost to the first move's deletion are kept above (or
  // written as the newest): their leaves go. One that is the document's revision was just
  // written on top of.
  const leaves = settled.leaves.filter(
    (leaf) => toOpened.documents.get(documentKey(leaf.table, leaf.record.id))?.rev !== leaf.rev,
  );
  await writeAll(
    to.local,
    leaves.map((leaf) => ({ _id: leaf.documentId, _rev: leaf.rev, _deleted: true })),
  );
  await deleteFrom(from, fromOpened, records, now);
  return { ok: true, moved: countOf(records), conflictEntries, movedAt: toInstant(now) };
}

/**
 * Where late work of a moved young person is looked for, and where it goes: every caseload a
 * recorded move of theirs names, other than the one their newest move took the case to (the
 * caseload that holds it now), each sent to that one. A case moved A to B, then B to C: work
 * sent late to A and to B both go to C. A case moved back (A to B, then B to A): work sent late
 * to B goes to A.
 */
export interface ForwardPath {
  youngPersonId: string;
  fromCaseload: string;
  /** The caseload that holds the case now (the newest move's). */
  toCaseload: string;
  /** The newest recorded move that took the case out of `fromCaseload`. */
  move: RecordedMove;
}

/** Every path late work of a moved young person can take (see `ForwardPath`). */
export function forwardPaths(moves: readonly RecordedMove[]): ForwardPath[] {
  const byPerson = new Map<string, RecordedMove[]>();
  for (const move of moves) {
    const known = byPerson.get(move.youngPersonId);
    if (known) known.push(move);
    else byPerson.set(move.youngPersonId, [move]);
  }
  const paths: ForwardPath[] = [];
  for (const [youngPersonId, theirs] of byPerson) {
    // Oldest first; two moves at one instant in the order they were recorded.
    const inOrder = theirs
      .map((move, index) => ({ move, index }))
      .sort(
        (a, b) => instantValue(a.move.movedAt) - instantValue(b.move.movedAt) || a.index - b.index,
      )
      .map((m) => m.move);
    const newest = inOrder[inOrder.length - 1];
    if (!newest) continue;
    const holder = newest.toCaseload;
    const outOf = new Map<string, RecordedMove>();
    for (const move of inOrder) {
      for (const caseloadId of [move.fromCaseload, move.toCaseload]) {
        if (caseloadId === holder) continue;
        // The newest move out of the caseload (a caseload named only as an earlier move's
        // destination is left by that move's successor, or by the newest move).
        const out = inOrder.filter((m) => m.fromCaseload === caseloadId).pop() ?? newest;
        outOf.set(caseloadId, out);
      }
    }
    for (const [fromCaseload, move] of outOf) {
      paths.push({ youngPersonId, fromCaseload, toCaseload: holder, move });
    }
  }
  return paths;
}

/** What forwarding did for one young person's late work in one old caseload. */
export interface ForwardOutcome {
  /** The newest recorded move that took the case out of the old caseload. */
  move: RecordedMove;
  /** Where the work went: the caseload that holds the case now (the newest move's). */
  sentTo: string;
  /** Records copied to the new caseload (newer there than its version). */
  forwarded: TableCounts;
  /** Records older than the new coach's own change, kept there as conflict entries. */
  keptAsConflicts: number;
  /** Records deleted again in the old caseload (forwarded or not). */
  deleted: number;
}

/** A path whose caseloads were given but whose forwarding failed on this device. */
export interface ForwardFailure {
  path: ForwardPath;
  message: string;
}

/**
 * For each young person's recorded moves (every caseload that held the case, see
 * `forwardPaths`), any live record of theirs in an old caseload (a coach's device edited or
 * added it offline before it had the deletions) is copied to the caseload that holds the case
 * now when it is newer than that caseload's version (a record or a deletion there), and
 * deleted again in the old caseload. Writes to the local copies only: the caller replicates
 * every caseload it returns as changed (new caseloads first). A path whose caseloads are not
 * given is skipped (the caller says why); one that fails is reported in `failed`, and the
 * others go on.
 */
export async function forwardMovedCases(
  moves: readonly RecordedMove[],
  caseloads: readonly CaseloadSide[],
  now: Date,
): Promise<{ outcomes: ForwardOutcome[]; changed: string[]; failed: ForwardFailure[] }> {
  const sides = new Map(caseloads.map((c) => [c.caseloadId, c]));
  const opened = new Map<string, OpenedCaseload>();
  const open = async (side: CaseloadSide) => {
    let found = opened.get(side.caseloadId);
    if (!found) {
      found = await readCaseload(side.local, side.caseloadId, side.keys);
      opened.set(side.caseloadId, found);
    }
    return found;
  };
  const outcomes: ForwardOutcome[] = [];
  const failed: ForwardFailure[] = [];
  const changed = new Set<string>();
  for (const path of forwardPaths(moves)) {
    const from = sides.get(path.fromCaseload);
    const to = sides.get(path.toCaseload);
    if (!from || !to || from === to) continue;
    try {
      const outcome = await forwardOne(path, from, to, await open(from), await open(to), now);
      if (!outcome) continue;
      if (outcome.forwarded || outcome.kept > 0) changed.add(to.caseloadId);
      changed.add(from.caseloadId);
      outcomes.push({
        move: path.move,
        sentTo: to.caseloadId,
        forwarded: outcome.counts,
        keptAsConflicts: outcome.kept,
        deleted: outcome.deleted,
      });
    } catch (error) {
      failed.push({
        path,
        message: error instanceof Error ? error.message : 'This device could not forward the work.',
      });
      // What was written before the failure goes all the same (it is in the copies).
      changed.add(to.caseloadId);
      changed.add(from.caseloadId);
    }
    // Read again when another path needs them.
    opened.delete(from.caseloadId);
    opened.delete(to.caseloadId);
  }
  const isTo = (id: string) => outcomes.some((o) => o.sentTo === id);
  const order = [...changed].sort((a, b) => Number(isTo(b)) - Number(isTo(a)));
  return { outcomes, changed: order, failed };
}

/** Forwards one young person's late work from one old caseload; null when there is none. */
async function forwardOne(
  path: ForwardPath,
  from: CaseloadSide,
  to: CaseloadSide,
  fromOpened: OpenedCaseload,
  toOpened: OpenedCaseload,
  now: Date,
): Promise<{ counts: TableCounts; forwarded: boolean; kept: number; deleted: number } | null> {
  const owners = ownersOf([fromOpened, toOpened]);
  const live = eachRecord(recordsOfYoungPerson(fromOpened, path.youngPersonId, owners));
  // Versions a coach's device made before it had the move, left beside the deletion.
  const leaves = fromOpened.lateLeaves.filter(
    (leaf) => ownerOf(leaf.table, leaf.record, owners) === path.youngPersonId,
  );
  const late: [SyncedTable, SyncedRecord][] = [
    ...live,
    ...leaves.map((leaf): [SyncedTable, SyncedRecord] => [leaf.table, leaf.record]),
  ];
  if (late.length === 0) return null;
  const newer = late.filter(([table, record]) => {
    const there = toOpened.documents.get(documentKey(table, record.id));
    if (!there) return true;
    const version = there.kind === 'record' ? there.record.updatedAt : there.deletion.deletedAt;
    return instantValue(record.updatedAt) > instantValue(version);
  });
  // Older than the new coach's own change of the record: kept there as a conflict entry,
  // as two devices' changes are, for the new coach to choose (never dropped unseen).
  const older = late.filter(([table, record]) => {
    const there = toOpened.documents.get(documentKey(table, record.id));
    return (
      there?.kind === 'record' &&
      !newer.some(([, r]) => r === record) &&
      JSON.stringify(there.record) !== JSON.stringify(record)
    );
  });
  await sealInto(to, toOpened, newer, now, false);
  const toKey = newestKey(to);
  const kept = toKey ? await keepAsConflictEntries({ ...to, key: toKey }, older, now) : 0;
  await deleteFrom(from, fromOpened, live, now);
  if (leaves.length > 0) {
    await writeAll(
      from.local,
      leaves.map((leaf) => ({ _id: leaf.documentId, _rev: leaf.rev, _deleted: true })),
    );
  }
  return { counts: countOf(newer), forwarded: newer.length > 0, kept, deleted: late.length };
}
