/**
 * What the team screens use of a SyncSession (../../team/sync): a real session, or a test's
 * fake of the same shape. Type-only, so importing it loads no PouchDB.
 */
import type { SyncSession } from '../../team/sync';

export type SyncSessionLike = Pick<
  SyncSession,
  | 'status'
  | 'subscribe'
  | 'syncNow'
  | 'conflicts'
  | 'damaged'
  | 'refused'
  | 'dismissConflict'
  | 'stop'
> & { reconnect?: SyncSession['reconnect'] };

export type { ConflictEntry, DamagedDocument, RefusedVersion, SyncStatus } from '../../team/sync';
