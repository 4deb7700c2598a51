import { toInstant, toIsoDate } from '../../lib/dates';
import { newId } from '../../lib/ids';
import {
  youngPersonInputSchema,
  youngPersonSchema,
  type DeletableTable,
  type YoungPerson,
  type YoungPersonInput,
} from '../../domain/schemas';
import { parseOrThrow } from '../../domain/validation';
import { assertUnchanged } from '../conflict';
import { getDb, type CoachingDatabase } from '../database';
import { requirePassphraseForRealRecords } from '../encryption/session-key';
import { eraseFromSafetyCopy } from './backup/safety-copy';
import { recordDeletionsOf } from './deletions';
import { addErasedId } from './erased-ids';
import { tidySettings } from './tidy-settings';

/**
 * Adds a young person to the caseload as an open case. Validates first; writes nothing on
 * error. Refused with a PassphraseNeededError until a passphrase is chosen, so a real young
 * person is never stored unencrypted.
 */
export async function createYoungPerson(
  input: YoungPersonInput,
  now: Date = new Date(),
): Promise<YoungPerson> {
  requirePassphraseForRealRecords();
  const fields = parseOrThrow(youngPersonInputSchema(toIsoDate(now)), input);
  const stamp = toInstant(now);
  const record = parseOrThrow(youngPersonSchema, {
    id: newId(),
    ...fields,
    status: 'open',
    closedOn: null,
    closureReason: null,
    createdAt: stamp,
    updatedAt: stamp,
  });
  await getDb().youngPeople.add(record);
  return record;
}

/**
 * Updates the details a coach can edit (not status or closure). With `expectedUpdatedAt`
 * (the record's updatedAt when the form opened), refuses with a ConflictError if another
 * tab changed the details since.
 */
export async function updateYoungPerson(
  id: string,
  input: YoungPersonInput,
  now: Date = new Date(),
  expectedUpdatedAt?: string,
): Promise<YoungPerson> {
  const fields = parseOrThrow(youngPersonInputSchema(toIsoDate(now)), input);
  const db = getDb();
  return db.transaction('rw', db.youngPeople, async () => {
    const existing = await db.youngPeople.get(id);
    if (!existing) throw new Error('This young person is no longer in the caseload.');
    assertUnchanged(existing, expectedUpdatedAt, `${existing.name}'s details were`);
    const record = parseOrThrow(youngPersonSchema, {
      ...existing,
      ...fields,
      updatedAt: toInstant(now),
    });
    await db.youngPeople.put(record);
    return record;
  });
}

const normaliseName = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

/**
 * Young people already in the caseload with the same name (ignoring case and spacing) and
 * the same date of birth (both empty counts as the same). A duplicate is a warning, not an
 * error: two young people can share initials.
 */
export async function findPossibleDuplicates(
  name: string,
  dateOfBirth: string | null,
  exceptId?: string,
): Promise<YoungPerson[]> {
  const wanted = normaliseName(name);
  if (!wanted) return [];
  const dob = dateOfBirth || null;
  const all = await getDb().youngPeople.toArray();
  return all.filter(
    (yp) =>
      yp.id !== exceptId && normaliseName(yp.name) === wanted && (yp.dateOfBirth ?? null) === dob,
  );
}

/**
 * Erases a young person and everything that belongs to them (goals, sessions, ratings,
 * closures, resilience maps, drafts), their id from the settings that name them, and all of
 * them from the safety copy kept before a restore, in one transaction: all of it goes or
 * none of it does. Their id (only the id) goes on the list of erased young people, so a
 * restore of an older backup does not bring them back unseen, and each erased record leaves
 * a deletion record (its table and id, and when), which a backup carries to other devices.
 */
export async function deleteYoungPersonWithRecords(
  id: string,
  now: Date = new Date(),
): Promise<void> {
  const db = getDb();
  // An async scope: Dexie loses track of a plain function's returned promise (it would
  // commit before the erasure ends).
  await db.transaction('rw', erasureTables(db), async () => {
    await eraseYoungPersonIn(db, id, now);
  });
}

/** The tables an erasure changes. */
export function erasureTables(db: CoachingDatabase) {
  return [
    db.youngPeople,
    db.goals,
    db.sessions,
    db.ratings,
    db.closures,
    db.resilienceMaps,
    db.drafts,
    db.settings,
    db.deletions,
  ];
}

/**
 * The erasure itself (see deleteYoungPersonWithRecords), inside a transaction over
 * erasureTables: also what a restore runs when a backup carries an erasure made on another
 * device. Returns how many records went.
 */
export async function eraseYoungPersonIn(
  db: CoachingDatabase,
  id: string,
  now: Date,
): Promise<number> {
  const existed = (await db.youngPeople.where('id').equals(id).count()) > 0;
  const goalIds = await db.goals.where('youngPersonId').equals(id).primaryKeys();
  const sessionIds = await db.sessions.where('youngPersonId').equals(id).primaryKeys();
  const closureIds = await db.closures.where('youngPersonId').equals(id).primaryKeys();
  const mapIds = await db.resilienceMaps.where('youngPersonId').equals(id).primaryKeys();
  const ratingIds = [
    ...new Set([
      ...(await db.ratings.where('goalId').anyOf(goalIds).primaryKeys()),
      ...(await db.ratings.where('sessionId').anyOf(sessionIds).primaryKeys()),
    ]),
  ];
  await db.closures.bulkDelete(closureIds);
  await db.resilienceMaps.bulkDelete(mapIds);
  await db.drafts.where('youngPersonId').equals(id).delete();
  await db.ratings.bulkDelete(ratingIds);
  await db.goals.bulkDelete(goalIds);
  await db.sessions.bulkDelete(sessionIds);
  await db.youngPeople.delete(id);
  const gone: [DeletableTable, string[]][] = [
    ['youngPeople', existed ? [id] : []],
    ['goals', goalIds],
    ['sessions', sessionIds],
    ['ratings', ratingIds],
    ['closures', closureIds],
    ['resilienceMaps', mapIds],
  ];
  await recordDeletionsOf(db, gone, now);
  await tidySettings(db, (kept) => kept !== id);
  await eraseFromSafetyCopy(db, id);
  if (existed) await addErasedId(db, id);
  return gone.reduce((sum, [, ids]) => sum + ids.length, 0);
}
