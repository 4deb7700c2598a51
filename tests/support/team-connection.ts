/**
 * A team connection as a device would hold one after joining (issue 14), built in the test:
 * a lead's identity and signed membership list, this device's identity (private keys wrapped
 * by the data key), and the caseload key wrapped for it. No server involved.
 */
import type { TeamConnectionInput } from '../../src/db/repositories/team-connection';
import {
  createCaseloadKey,
  wrapCaseloadKey,
  type CaseloadKey,
} from '../../src/team/keys/caseload-key';
import { generateDeviceIdentity, type DeviceIdentity } from '../../src/team/keys/identity';
import { signMembership } from '../../src/team/keys/membership';

export interface TeamFixture {
  lead: DeviceIdentity;
  caseloadKey: CaseloadKey;
  caseloadDatabase: string;
}

/** A lead and a caseload (its database name, its key). */
export async function teamFixture(
  caseloadDatabase = `caseload-${'0123456789abcdef'.repeat(2)}`,
): Promise<TeamFixture> {
  const { identity: lead } = await generateDeviceIdentity(
    crypto.getRandomValues(new Uint8Array(32)),
  );
  const caseloadKey = await createCaseloadKey(caseloadDatabase);
  return { lead, caseloadKey, caseloadDatabase };
}

/**
 * A connection for a new device of the caseload's coach: its identity wrapped by `dataKey`,
 * the membership list naming it and the lead, the caseload key wrapped for it.
 */
export async function connectionFor(
  team: TeamFixture,
  dataKey: Uint8Array,
  overrides: Partial<TeamConnectionInput> = {},
): Promise<TeamConnectionInput> {
  const { identity, stored } = await generateDeviceIdentity(dataKey);
  const membership = await signMembership(team.lead, {
    caseloadId: team.caseloadDatabase,
    version: 1,
    members: [
      { fingerprint: team.lead.fingerprint, role: 'lead' },
      { fingerprint: identity.fingerprint, role: 'coach' },
    ],
    keys: [{ keyVersion: team.caseloadKey.keyVersion, commitment: team.caseloadKey.commitment }],
    issuedAt: '2026-12-01T09:00:00.000Z',
  });
  return {
    userName: 'coach-amber',
    password: 'correct horse battery',
    caseloadDatabase: team.caseloadDatabase,
    identity: stored,
    lead: team.lead.publicKeys,
    membership,
    caseloadKeys: [await wrapCaseloadKey(team.caseloadKey, identity.publicKeys)],
    ...overrides,
  };
}
