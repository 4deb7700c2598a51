/**
 * A caseload's membership document read from the team database and checked, for the lead's
 * device and a coach's alike: the lead's public keys in it must be those of the fingerprint
 * the device trusts (its own, for the lead; the one the invitation proved, for a coach); the
 * list must carry the lead's signature and be for this caseload (and no older than a list the
 * device already holds); the coaches' user names must carry the lead's signature, bound to the
 * caseload and the list's version. Anything else is refused as `not-trusted`: the server, or
 * whoever runs it, cannot add a member, a key or a holder.
 */
import { fromBase64 } from '../../lib/crypto';
import { problem, type TeamResult } from '../couch-http';
import { subtle } from '../keys/encoding';
import { fingerprintOf, importSigningPublicKey, type PublicKeys } from '../keys/identity';
import {
  verifyMembership,
  type MembershipFailure,
  type SignedMembership,
  type VerifiedMembership,
} from '../keys/membership';
import { signedMembershipSchema } from '../keys/schemas';
import {
  caseloadDatabaseSchema,
  holdersBytes,
  membershipDocumentSchema,
  membershipId,
} from './documents';
import { readDocument, type TeamDirectory } from './store';

/** A caseload's list as the device took it. */
export interface CaseloadMembership {
  membership: VerifiedMembership;
  /** The list as the lead signed it (what a device keeps, to check again later). */
  signed: SignedMembership;
  /** The user names of the coaches who hold the caseload, as the lead signed them. */
  coaches: string[];
  /** The lead's public keys (their fingerprint checked). */
  lead: PublicKeys;
  /** The document's revision on the server, to replace it. */
  rev: string | undefined;
}

const WHY: Record<MembershipFailure | 'other-lead' | 'holders', string> = {
  malformed: 'is not readable',
  'other-caseload': 'is for another caseload',
  'not-signed-by-lead': 'is not signed by your service lead',
  rollback: 'is older than the one this device holds',
  'keys-rewritten': "rewrites the caseload's earlier keys",
  'other-lead': 'names another lead than the one your invitation came from',
  holders: 'names coaches your service lead did not sign',
};

function untrusted(why: keyof typeof WHY) {
  return problem(
    'not-trusted',
    `The caseload's membership list on the team server ${WHY[why]}, so it was not taken. Tell your service lead: someone may have changed it on the server.`,
  );
}

export async function readMembership(
  team: TeamDirectory,
  leadFingerprint: string,
  caseload: string,
  options: { document?: unknown; current?: VerifiedMembership | null } = {},
): Promise<TeamResult<CaseloadMembership>> {
  if (!caseloadDatabaseSchema.safeParse(caseload).success) return untrusted('malformed');
  let stored = options.document;
  if (stored === undefined) {
    const read = await readDocument(team, membershipId(caseload));
    if (!read.ok) return read;
    stored = read.value;
  }
  if (stored === null) {
    return problem('not-found', 'This caseload is not set up for team working yet.');
  }
  const document = membershipDocumentSchema.safeParse(stored);
  if (!document.success || document.data._id !== membershipId(caseload)) {
    return untrusted('malformed');
  }
  const { lead, coaches, coachesSignature, signed, _rev } = document.data;
  if ((await fingerprintOf(lead)) !== leadFingerprint) return untrusted('other-lead');
  const verified = await verifyMembership(signed, {
    lead,
    caseloadId: caseload,
    current: options.current ?? null,
  });
  if (!verified.ok) return untrusted(verified.reason);
  let genuine = false;
  try {
    genuine = await subtle().verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      await importSigningPublicKey(lead),
      fromBase64(coachesSignature),
      holdersBytes(caseload, verified.membership.version, coaches),
    );
  } catch {
    genuine = false;
  }
  if (!genuine) return untrusted('holders');
  const signedList = signedMembershipSchema.safeParse(signed);
  if (!signedList.success) return untrusted('malformed');
  return {
    ok: true,
    value: { membership: verified.membership, signed: signedList.data, coaches, lead, rev: _rev },
  };
}
