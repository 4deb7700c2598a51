/**
 * The ids of the young people erased on this device: ids only, never a name or any other
 * detail. A restore uses them to say when a backup file holds someone who was erased here,
 * and a merge leaves those young people out unless the coach chooses to bring them back.
 */
import { readIdList } from '../../lib/objects';
import type { CoachingDatabase } from '../database';
import { ERASED_IDS_KEY } from '../settings-keys';

/** The most ids the list keeps; the oldest erasures are dropped first. */
export const MAX_ERASED_IDS = 10_000;

/** The stored list, oldest erasure first (anything that is not a list of ids counts as none). */
async function readErasedIds(db: CoachingDatabase): Promise<string[]> {
  return readIdList((await db.settings.get(ERASED_IDS_KEY))?.value);
}

/** The erased ids; call inside a transaction over the settings, or on its own. */
export async function getErasedIds(db: CoachingDatabase): Promise<Set<string>> {
  return new Set(await readErasedIds(db));
}

/** Adds an erased young person's id; call inside the erasure's transaction. */
export async function addErasedId(db: CoachingDatabase, id: string): Promise<void> {
  const ids = (await readErasedIds(db)).filter((x) => x !== id);
  ids.push(id);
  await db.settings.put({ key: ERASED_IDS_KEY, value: ids.slice(-MAX_ERASED_IDS) });
}

/**
 * Takes ids off the list: young people a restore has brought back, who are on the device
 * again. Call inside the restore's transaction.
 */
export async function forgetErasedIds(
  db: CoachingDatabase,
  broughtBack: ReadonlySet<string>,
): Promise<void> {
  const ids = await readErasedIds(db);
  const kept = ids.filter((id) => !broughtBack.has(id));
  if (kept.length === ids.length) return;
  if (kept.length === 0) await db.settings.delete(ERASED_IDS_KEY);
  else await db.settings.put({ key: ERASED_IDS_KEY, value: kept });
}
