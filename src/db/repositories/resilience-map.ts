import Dexie from 'dexie';
import { sortMoveIds } from '../../domain/framework';
import {
  resilienceMapInputSchema,
  resilienceMapSchema,
  type ResilienceMap,
  type ResilienceMapInput,
} from '../../domain/schemas';
import { parseOrThrow } from '../../domain/validation';
import { toInstant } from '../../lib/dates';
import { newId } from '../../lib/ids';
import { getDb } from '../database';
import { assertCaseOpen } from './closure';

/** Rebuilds a record keyed by move id in framework order, so stored maps read the same way. */
function inFrameworkOrder<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const id of sortMoveIds(Object.keys(record))) {
    const value = record[id];
    if (value !== undefined) out[id] = value;
  }
  return out;
}

/**
 * Saves the young person's resilience map as a new dated snapshot; earlier snapshots are
 * kept, so the map's growth can be shown. Validates first (known moves, states, examples of
 * 1 to 200 characters; blank examples are dropped) and is refused on a closed case.
 * Throws a ValidationError keyed like "tiles.<moveId>" or "examples.<moveId>".
 */
export async function saveResilienceMap(
  youngPersonId: string,
  input: ResilienceMapInput,
  now: Date = new Date(),
): Promise<ResilienceMap> {
  const fields = parseOrThrow(resilienceMapInputSchema, input);
  const stamp = toInstant(now);
  const record = parseOrThrow(resilienceMapSchema, {
    id: newId(),
    youngPersonId,
    savedAt: stamp,
    updatedAt: stamp,
    savedBy: fields.savedBy,
    tiles: inFrameworkOrder(fields.tiles),
    examples: inFrameworkOrder(fields.examples),
  });
  const db = getDb();
  await db.transaction('rw', [db.youngPeople, db.resilienceMaps], async () => {
    await assertCaseOpen(youngPersonId);
    await db.resilienceMaps.add(record);
  });
  return record;
}

/** Every saved snapshot of a young person's map, oldest first ([] when there are none). */
export async function getMapSnapshots(youngPersonId: string): Promise<ResilienceMap[]> {
  return getDb()
    .resilienceMaps.where('[youngPersonId+savedAt]')
    .between([youngPersonId, Dexie.minKey], [youngPersonId, Dexie.maxKey])
    .toArray();
}

/** The most recent snapshot of a young person's map, or null before the first save. */
export async function getLatestMap(youngPersonId: string): Promise<ResilienceMap | null> {
  const latest = await getDb()
    .resilienceMaps.where('[youngPersonId+savedAt]')
    .between([youngPersonId, Dexie.minKey], [youngPersonId, Dexie.maxKey])
    .last();
  return latest ?? null;
}
