/**
 * Hearing that some tables of a database changed: Dexie's storage mutations (after each
 * write in this tab, and those other tabs tell this one about). No record is read.
 */
import Dexie from 'dexie';
import type { CoachingDatabase } from './database';

/**
 * Calls `listener` after each committed write to one of `tables` of `db`. Returns the way
 * to stop listening.
 */
export function subscribeToTableChanges(
  db: CoachingDatabase,
  tables: readonly string[],
  listener: () => void,
): () => void {
  const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
  const heard = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) {
      listener();
    }
  };
  Dexie.on.storagemutated.subscribe(heard);
  return () => Dexie.on.storagemutated.unsubscribe(heard);
}
