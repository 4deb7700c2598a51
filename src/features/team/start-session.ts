/**
 * Opening a team connection and starting its sync: this device's identity (with the data
 * key), the lead's membership list (checked against the lead's key), the caseload keys
 * wrapped for this device, then a SyncSession. Loaded only when the device has a connection
 * (./team-sync.ts imports it dynamically), so a coach who works alone never loads PouchDB.
 */
import type { CoachingDatabase } from '../../db/database';
import type { TeamConnection } from '../../db/repositories/team-connection';
import { unwrapCaseloadKey, type CaseloadKey } from '../../team/keys/caseload-key';
import { IdentityError, openDeviceIdentity } from '../../team/keys/identity';
import { isMember, verifyMembership } from '../../team/keys/membership';
import { SyncSession } from '../../team/sync';
import type { SyncSessionLike } from './sync-session-like';

/** A connection that cannot be used as it is stored: the coach connects the device again. */
export class TeamStartError extends Error {
  constructor(message: string) {
    super(`${message} Your records are kept on this device. Disconnect it and connect it again.`);
    this.name = 'TeamStartError';
  }
}

export interface StartSessionOptions {
  db: CoachingDatabase;
  now: () => Date;
  /** The data key, which wraps this device's private keys. */
  dataKey: Uint8Array;
  /** PouchDB's wait before retrying (tests make it short). */
  retryDelay?: (previous: number) => number;
  /** The local PouchDB database's name (default localNameOf: one per caseload). */
  localName?: string;
}

/** The caseload database's address: the server's, made absolute against the app's page. */
export function caseloadAddress(connection: TeamConnection): string {
  const path = `${connection.server}/${connection.caseloadDatabase}`;
  if (/^https?:\/\//.test(path)) return path;
  // PouchDB takes a name without a scheme for a database on the device.
  return new URL(path, globalThis.location.href).href;
}

/** This device's local PouchDB database for the caseload. */
export function localNameOf(connection: TeamConnection): string {
  return `team-${connection.caseloadDatabase}`;
}

async function openKeys(connection: TeamConnection, dataKey: Uint8Array): Promise<CaseloadKey[]> {
  let identity;
  try {
    identity = await openDeviceIdentity(connection.identity, dataKey);
  } catch (error) {
    if (error instanceof IdentityError) {
      throw new TeamStartError("This device's keys for the service could not be opened.");
    }
    throw error;
  }
  const verified = await verifyMembership(connection.membership, {
    lead: connection.lead,
    caseloadId: connection.caseloadDatabase,
  });
  if (!verified.ok) {
    throw new TeamStartError("The list of the caseload's members is not signed by your lead.");
  }
  if (!isMember(verified.membership, identity.fingerprint)) {
    throw new TeamStartError('This device is not on the list of the caseload’s members.');
  }
  const keys: CaseloadKey[] = [];
  for (const wrapped of connection.caseloadKeys) {
    const opened = await unwrapCaseloadKey(wrapped, identity, verified.membership);
    if (!opened.ok) {
      throw new TeamStartError('A key of the caseload could not be opened on this device.');
    }
    keys.push(opened.key);
  }
  return keys.sort((a, b) => b.keyVersion - a.keyVersion);
}

/**
 * Opens the connection's keys and starts syncing the caseload. Throws a TeamStartError
 * when the stored keys do not open or check; a server that cannot be reached is not an
 * error here (the session's status says so, and it keeps trying).
 */
export async function startTeamSession(
  connection: TeamConnection,
  { db, now, dataKey, retryDelay, localName }: StartSessionOptions,
): Promise<SyncSessionLike> {
  const [caseloadKey, ...older] = await openKeys(connection, dataKey);
  if (!caseloadKey) throw new TeamStartError('The caseload has no key on this device.');
  const session = new SyncSession({
    db,
    localName: localName ?? localNameOf(connection),
    now,
    ...(retryDelay ? { retryDelay } : {}),
  });
  await session.start({
    remoteUrl: caseloadAddress(connection),
    credentials: { name: connection.userName, password: connection.password },
    caseloadKey,
    keys: older,
  });
  return session;
}
