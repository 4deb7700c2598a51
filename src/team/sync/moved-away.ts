/**
 * A case the lead moved to another coach's caseload (../lead/move-case.ts), as a coach's
 * device takes it: the lead wrote a deletion, marked `moved`, into each of the case's
 * documents. On this device the young person goes, whole (an erasure, as for a young person
 * deleted on another device), even when this device changed something of theirs since the
 * move (the backup merge's rule would keep a case changed after its deletion; a moved case
 * must stop showing here).
 *
 * Nothing done here is lost: what this device changed and had not sealed yet is sealed into
 * the local database first (so it goes to the server), and the deletions the erasure records
 * here are not pushed (they are marked as pushed). The documents of work the lead did not
 * know of, done here offline, so keep this device's version on the server, where the lead's
 * device finds it (`forwardMovedCases`), copies it to the new coach and deletes it itself.
 */
import { deletionKey } from '../../db/repositories/deletions';
import { restoreTables } from '../../db/repositories/backup/restore';
import { eraseYoungPersonIn } from '../../db/repositories/young-people';
import type { Deletion } from '../../domain/schemas';
import { parseInstant } from '../../lib/dates';
import { instantValue } from '../../lib/instant';
import { SYNCED_TABLES, type SyncedRecord, type SyncedTable } from './payload';
import { pushLocalChanges, versionOfDeletion, versionOfRecord, type SyncContext } from './push';

/** The young people on this device whose records the moved deletions name, with when. */
async function movedPeople(
  context: SyncContext,
  moved: readonly Deletion[],
): Promise<Map<string, string>> {
  const { db } = context;
  const people = new Map<string, string>();
  const note = (id: string | undefined, deletedAt: string) => {
    if (id === undefined) return;
    const known = people.get(id);
    if (!known || instantValue(deletedAt) > instantValue(known)) people.set(id, deletedAt);
  };
  await db.transaction(
    'r',
    SYNCED_TABLES.map((table) => db[table]),
    async () => {
      for (const { table, id, deletedAt } of moved) {
        if (table === 'youngPeople') {
          if (await db.youngPeople.get(id)) note(id, deletedAt);
        } else if (table === 'ratings') {
          const rating = await db.ratings.get(id);
          if (!rating) continue;
          const goal = await db.goals.get(rating.goalId);
          const session = rating.sessionId ? await db.sessions.get(rating.sessionId) : undefined;
          note(goal?.youngPersonId ?? session?.youngPersonId, deletedAt);
        } else {
          note((await db[table].get(id))?.youngPersonId, deletedAt);
        }
      }
    },
  );
  return people;
}

/** Whether a record is one of a case moved away (the merge leaves it out). */
export type MovedAway = (table: SyncedTable, record: SyncedRecord) => boolean;

const NONE: MovedAway = () => false;

/**
 * Removes from this device the young people the batch's moved deletions name, with every
 * record of theirs; their deletions are recorded here but not pushed. Call before the
 * batch's merge; it returns which of the batch's records belong to those cases (left out of
 * the merge: the lead forwards them). Does nothing when there are none.
 */
export async function removeMovedCases(
  context: SyncContext,
  moved: readonly Deletion[],
): Promise<MovedAway> {
  if (moved.length === 0) return NONE;
  const people = await movedPeople(context, moved);
  if (people.size === 0) return NONE;
  // Sealed before it goes: this device's unsent work reaches the server.
  await pushLocalChanges(context);
  const { db } = context;
  const erased = await db.transaction('rw', restoreTables(db), async () => {
    const gone: [SyncedTable, string][] = [];
    for (const id of people.keys()) {
      const goals = await db.goals.where('youngPersonId').equals(id).primaryKeys();
      const sessions = await db.sessions.where('youngPersonId').equals(id).primaryKeys();
      gone.push(['youngPeople', id]);
      for (const g of goals) gone.push(['goals', g]);
      for (const s of sessions) gone.push(['sessions', s]);
      for (const c of await db.closures.where('youngPersonId').equals(id).primaryKeys()) {
        gone.push(['closures', c]);
      }
      for (const m of await db.resilienceMaps.where('youngPersonId').equals(id).primaryKeys()) {
        gone.push(['resilienceMaps', m]);
      }
      const ratings = new Set([
        ...(await db.ratings.where('goalId').anyOf(goals).primaryKeys()),
        ...(await db.ratings.where('sessionId').anyOf(sessions).primaryKeys()),
      ]);
      for (const r of ratings) gone.push(['ratings', r]);
    }
    // This device's own versions, as they are before they go: one of them coming back in a
    // later batch (a document whose losing leaf was removed here, say) is left out too.
    const versions: (string | undefined)[] = [];
    for (const [table, id] of gone) {
      const row = (await db[table].get(id)) as SyncedRecord | undefined;
      versions.push(row?.updatedAt);
    }
    for (const [id, deletedAt] of people) {
      await eraseYoungPersonIn(db, id, parseInstant(deletedAt));
    }
    const deletions = await db.deletions.bulkGet(gone.map(([table, id]) => deletionKey(table, id)));
    return gone.map(([table, id], index) => ({
      table,
      id,
      deletion: deletions[index],
      version: versions[index],
    }));
  });
  for (const { table, id, deletion, version } of erased) {
    const documentId = await context.ids.ofRecord(table, id);
    if (version !== undefined) {
      context.loaded.state.movedAway[documentId] = versionOfRecord(version);
    }
    if (!deletion) continue;
    context.loaded.state.pushed[documentId] = versionOfDeletion(deletion.deletedAt);
  }
  const gone = new Set(erased.map(({ table, id }) => `${table} ${id}`));
  return (table, record) => {
    if (gone.has(`${table} ${record.id}`)) return true;
    if (table === 'youngPeople') return people.has(record.id);
    if ('youngPersonId' in record) return people.has(record.youngPersonId);
    if ('goalId' in record) {
      return (
        gone.has(`goals ${record.goalId}`) ||
        (record.sessionId !== null && gone.has(`sessions ${record.sessionId}`))
      );
    }
    return false;
  };
}

/**
 * The batch without the versions of moved cases' records: those this batch's moved deletions
 * name (`movedAway`), and those left before (`left`, the state's, updated here: a deletion
 * arriving for a document ends its entry). Such a version is this device's own work (or
 * another device's) that the lead forwards; applied here it would bring the case back.
 */
export function withoutMovedAway<
  T extends
    | { kind: 'record'; documentId: string; table: SyncedTable; record: SyncedRecord }
    | { kind: 'deletion'; documentId: string },
>(batch: readonly T[], movedAway: MovedAway, left: Record<string, string>): T[] {
  return batch.filter((item) => {
    if (item.kind === 'deletion') {
      delete left[item.documentId];
      return true;
    }
    const version = versionOfRecord(item.record.updatedAt);
    if (movedAway(item.table, item.record)) left[item.documentId] = version;
    return left[item.documentId] !== version;
  });
}
