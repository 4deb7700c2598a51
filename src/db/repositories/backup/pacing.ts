/**
 * Pacing a long restore: giving the page a turn between slices of work (see
 * src/domain/slices.ts) without letting the restore's one transaction commit early.
 */
import Dexie from 'dexie';
import type { Pace } from '../../../domain/slices';
import type { CoachingDatabase } from '../../database';
import { RESTORE_PACE_KEY } from '../../settings-keys';

/**
 * Restoring 100,000 records must not freeze the page, yet runs in one transaction, which
 * commits as soon as the code waits for anything but IndexedDB. So long work inside it
 * (comparing, writing the safety copy, encrypting on the way in) is cut into slices, and
 * between slices, once 30 ms have passed, a small read of the settings table ends the
 * current task: the browser draws and answers taps while it waits, and the transaction stays
 * open. The transaction must include the settings table.
 */
export function pacer(db: CoachingDatabase, everyMs = 30): Pace {
  let since = performance.now();
  // Dexie's own promises either way: awaiting many plain resolved promises inside a
  // transaction loses it (Dexie then commits it early).
  return () => {
    if (performance.now() - since < everyMs) return Dexie.Promise.resolve();
    return db.settings.get(RESTORE_PACE_KEY).then(() => {
      since = performance.now();
    });
  };
}
