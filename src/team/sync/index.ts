/** The sync module (issue 14): sealed records between Dexie and the team server. */
export {
  SyncSession,
  type ConflictEntry,
  type SyncCredentials,
  type SyncSessionOptions,
  type SyncStartOptions,
  type SyncStateName,
  type SyncStatus,
} from './session';
export type { DamagedDocument, RefusedVersion } from './state';
export { documentIdsFor, type DocumentIds } from './document-ids';
