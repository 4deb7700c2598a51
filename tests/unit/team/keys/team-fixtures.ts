import { randomBytes } from '../../../../src/lib/crypto';
import { createCaseloadKey, type CaseloadKey } from '../../../../src/team/keys/caseload-key';
import { generateDeviceIdentity, type DeviceIdentity } from '../../../../src/team/keys/identity';
import {
  signMembership,
  verifyMembership,
  type VerifiedMembership,
} from '../../../../src/team/keys/membership';
import type { SignedMembership } from '../../../../src/team/keys/schemas';

/** A device's identity, made with a throwaway data key. */
export async function newDevice(): Promise<DeviceIdentity> {
  return (await generateDeviceIdentity(randomBytes(32))).identity;
}

export const ISSUED_AT = '2026-12-07T10:00:00.000Z';

/** A list signed by `lead` naming `coaches`, with a commitment for each key. */
export function membershipFor(
  lead: DeviceIdentity,
  coaches: readonly DeviceIdentity[],
  keys: readonly CaseloadKey[],
  version = 1,
): Promise<SignedMembership> {
  const first = keys[0];
  if (!first) throw new Error('at least one key');
  return signMembership(lead, {
    caseloadId: first.caseloadId,
    version,
    members: [
      { fingerprint: lead.fingerprint, role: 'lead' },
      ...coaches.map((coach) => ({ fingerprint: coach.fingerprint, role: 'coach' as const })),
    ],
    keys,
    issuedAt: ISSUED_AT,
  });
}

/** The signed list, verified as a coach's device would (it must pass). */
export async function verified(
  lead: DeviceIdentity,
  signed: SignedMembership,
): Promise<VerifiedMembership> {
  const result = await verifyMembership(signed, {
    lead: lead.publicKeys,
    caseloadId: signed.membership.caseloadId,
  });
  if (!result.ok) throw new Error(`membership refused: ${result.reason}`);
  return result.membership;
}

/** A caseload with a lead, a coach, key version 1 and its verified list. */
export async function caseload(caseloadId = 'caseload-a') {
  const lead = await newDevice();
  const coach = await newDevice();
  const key = await createCaseloadKey(caseloadId);
  const signed = await membershipFor(lead, [coach], [key]);
  return { lead, coach, key, signed, membership: await verified(lead, signed) };
}
