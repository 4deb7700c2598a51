import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../database';
import { findDamagedRecords } from '../encryption/damaged-records';
import { SEALED_TABLES } from '../encryption/encrypted-fields';

/**
 * The damaged records on the device (see ../encryption/damaged-records.ts), or only those
 * claiming to belong to `youngPersonId`: undefined while loading. Read again whenever a
 * record is written or deleted (the counts below are what the live query watches: the
 * listing itself reads IndexedDB below Dexie).
 */
export function useDamagedRecords(youngPersonId?: string) {
  return useLiveQuery(async () => {
    const db = getDb();
    await Promise.all(
      db.tables
        .filter((t) => SEALED_TABLES.has(t.name) || t.name === 'settings')
        .map((t) => t.count()),
    );
    return findDamagedRecords(youngPersonId);
  }, [youngPersonId]);
}
