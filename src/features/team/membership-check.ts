/**
 * A connected device's check of its caseload on the team database (issue 14): when the lead
 * took a device or a coach off the caseload, the caseload has a new key and a new signed list.
 * This device either is still on the list, and takes the new list and keys (its connection is
 * saved again, and the sync runtime starts again with the new key), or is not, and stops
 * syncing (its records stay on it). Loaded with the sync (./team-sync.ts imports it
 * dynamically): a coach who works alone never loads it.
 */
import type { CoachingDatabase } from '../../db/database';
import { replaceTeamConnection, type TeamConnection } from '../../db/repositories/team-connection';
import { toInstant } from '../../lib/instant';
import { checkCaseload } from '../../team/directory';
import { unwrapCaseloadKey, wrapCaseloadKey, type CaseloadKey } from '../../team/keys/caseload-key';
import { fingerprintOf, openDeviceIdentity } from '../../team/keys/identity';
import { verifyMembership } from '../../team/keys/membership';

export type MembershipOutcome =
  /** The list is the one the device holds (or the connection has no team database to ask). */
  | { state: 'unchanged' }
  /** A newer list and key were taken: the connection was saved again. */
  | { state: 'updated' }
  /** The lead took this device off the caseload: the connection says so, and sync stops. */
  | { state: 'removed' }
  /** Not checked this time (offline, or the server's answer was not taken): why, for the coach. */
  | { state: 'not-checked'; message: string };

export interface MembershipCheckOptions {
  db: CoachingDatabase;
  now: () => Date;
  dataKey: Uint8Array;
}

export type CheckMembership = (
  connection: TeamConnection,
  options: MembershipCheckOptions,
) => Promise<MembershipOutcome>;

/** Checks the connection's caseload on the team database; see MembershipOutcome. */
export const checkTeamMembership: CheckMembership = async (connection, { db, now, dataKey }) => {
  if (!connection.teamDatabase || connection.removedAt) return { state: 'unchanged' };
  const identity = await openDeviceIdentity(connection.identity, dataKey);
  const verified = await verifyMembership(connection.membership, {
    lead: connection.lead,
    caseloadId: connection.caseloadDatabase,
  });
  if (!verified.ok) {
    return { state: 'not-checked', message: "The caseload's list on this device does not check." };
  }
  const checked = await checkCaseload(
    {
      address: connection.server,
      credentials: { name: connection.userName, password: connection.password },
      database: connection.teamDatabase,
    },
    identity,
    await fingerprintOf(connection.lead),
    verified.membership,
  );
  if (!checked.ok) return { state: 'not-checked', message: checked.problem.message };
  const found = checked.value;
  if (found.state === 'unchanged') return found;
  if (found.state === 'removed') {
    const removed = { ...connection, removedAt: toInstant(now()) };
    await replaceTeamConnection(connection, removed, db);
    return { state: 'removed' };
  }
  // Every version the device held stays (older documents open with them), with the new ones.
  const held: CaseloadKey[] = [];
  for (const wrapped of connection.caseloadKeys) {
    const opened = await unwrapCaseloadKey(wrapped, identity, found.membership);
    if (opened.ok) held.push(opened.key);
  }
  const byVersion = new Map<number, CaseloadKey>();
  for (const key of [...held, ...found.keys]) byVersion.set(key.keyVersion, key);
  const keys = [...byVersion.values()].sort((a, b) => a.keyVersion - b.keyVersion);
  const caseloadKeys = await Promise.all(keys.map((k) => wrapCaseloadKey(k, identity.publicKeys)));
  await replaceTeamConnection(
    connection,
    { ...connection, membership: found.signed, caseloadKeys },
    db,
  );
  return { state: 'updated' };
};
