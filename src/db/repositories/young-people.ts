import { toInstant, toIsoDate } from '../../lib/dates';
import { newId } from '../../lib/ids';
import {
  youngPersonInputSchema,
  youngPersonSchema,
  type YoungPerson,
  type YoungPersonInput,
} from '../../domain/schemas';
import { parseOrThrow } from '../../domain/validation';
import { assertUnchanged } from '../conflict';
import { getDb } from '../database';
import { requirePassphraseForRealRecords } from '../encryption/session-key';
import { eraseFromSafetyCopy } from './backup/safety-copy';
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
 * restore of an older backup does not bring them back unseen.
 */
export async function deleteYoungPersonWithRecords(id: string): Promise<void> {
  const db = getDb();
  const tables = [
    db.youngPeople,
    db.goals,
    db.sessions,
    db.ratings,
    db.closures,
    db.resilienceMaps,
    db.drafts,
    db.settings,
  ];
  await db.transaction('rw', tables, async () => {
    const existed = (await db.youngPeople.where('id').equals(id).count()) > 0;
    const goalIds = await db.goals.where('youngPersonId').equals(id).primaryKeys();
    await db.closures.where('youngPersonId').equals(id).delete();
    await db.resilienceMaps.where('youngPersonId').equals(id).delete();
    await db.drafts.where('youngPersonId').equals(id).delete();
    await db.ratings.where('goalId').anyOf(goalIds).delete();
    await db.goals.bulkDelete(goalIds);
    await db.sessions.where('youngPersonId').equals(id).delete();
    await db.youngPeople.delete(id);
    await tidySettings(db, (kept) => kept !== id);
    await eraseFromSafetyCopy(db, id);
    if (existed) await addErasedId(db, id);
  });
}
