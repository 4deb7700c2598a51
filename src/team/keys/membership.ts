/**
 * Signed membership lists. For each caseload the lead keeps a list of the devices that hold
 * its key (the coach's and the lead's, by fingerprint) and of every key version with a
 * commitment to that key, numbered (version 1, 2, ...) and dated, and signs it with the
 * lead's ECDSA key. A device takes a list only when:
 * - the lead's key (known from the invitation, ./invitation.ts) signed it, and the lead is on
 *   it: the server cannot add a member, or a key of its own;
 * - it is for the caseload asked about: a list cannot be moved onto another caseload;
 * - it is not older than the list the device already holds (rollback), nor a different list
 *   with the same number, and it keeps every key version that list had.
 */
import { fromBase64, toBase64 } from '../../lib/crypto';
import { TEAM_CONTEXT, encodeFields, sameBytes, subtle } from './encoding';
import {
  fingerprintOf,
  importSigningPublicKey,
  type DeviceIdentity,
  type PublicKeys,
} from './identity';
import {
  membershipSchema,
  signedMembershipSchema,
  type KeyCommitment,
  type Member,
  type Membership,
  type SignedMembership,
} from './schemas';

export type { Member, Membership, SignedMembership } from './schemas';

declare const verified: unique symbol;

/** A membership list that verifyMembership has checked (the type says so). */
export type VerifiedMembership = Membership & { readonly [verified]: true };

/** What the lead decides for a new list; signMembership adds the lead's fingerprint. */
export interface MembershipDraft {
  caseloadId: string;
  version: number;
  members: readonly Member[];
  keys: readonly KeyCommitment[];
  issuedAt: string;
}

const ECDSA_SHA256: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

/** The bytes a list's signature covers: every field, in a fixed order. */
function membershipBytes(list: Membership) {
  return encodeFields(
    `${TEAM_CONTEXT}/membership`,
    list.format,
    list.caseloadId,
    String(list.version),
    list.lead,
    list.issuedAt,
    String(list.members.length),
    ...list.members.flatMap((member) => [member.role, member.fingerprint]),
    String(list.keys.length),
    ...list.keys.flatMap((entry) => [String(entry.keyVersion), entry.commitment]),
  );
}

/**
 * The list signed by the lead's device. Throws a TypeError when the draft is not a valid
 * list (a member twice, key versions not 1, 2, 3 ..., the lead not on it).
 */
export async function signMembership(
  lead: DeviceIdentity,
  draft: MembershipDraft,
): Promise<SignedMembership> {
  const parsed = membershipSchema.safeParse({
    format: 'resilience-coaching/caseload-membership',
    caseloadId: draft.caseloadId,
    version: draft.version,
    lead: lead.fingerprint,
    members: draft.members.map(({ fingerprint, role }) => ({ fingerprint, role })),
    keys: draft.keys.map(({ keyVersion, commitment }) => ({ keyVersion, commitment })),
    issuedAt: draft.issuedAt,
  });
  if (!parsed.success) throw new TypeError('This membership list is not valid.');
  const membership = parsed.data;
  if (!leadIsListed(membership)) throw new TypeError('The lead must be on the list.');
  const signature = await subtle().sign(ECDSA_SHA256, lead.signingKey, membershipBytes(membership));
  return { membership, signature: toBase64(new Uint8Array(signature)) };
}

function leadIsListed(list: Membership): boolean {
  return list.members.some((member) => member.fingerprint === list.lead && member.role === 'lead');
}

/**
 * Why a list was refused:
 * - 'malformed': not a signed membership list;
 * - 'other-caseload': for another caseload;
 * - 'not-signed-by-lead': not signed by the lead's key (or changed since it was signed), or
 *   the lead is not on it;
 * - 'rollback': older than the list held, or the same number with different contents;
 * - 'keys-rewritten': newer, but a key version the held list had is missing or different.
 */
export type MembershipFailure =
  'malformed' | 'other-caseload' | 'not-signed-by-lead' | 'rollback' | 'keys-rewritten';

export type MembershipResult =
  { ok: true; membership: VerifiedMembership } | { ok: false; reason: MembershipFailure };

export interface MembershipCheck {
  /** The lead's public keys, as the invitation proved them. */
  lead: PublicKeys;
  caseloadId: string;
  /** The newest list this device has taken for the caseload, if any. */
  current?: VerifiedMembership | null;
}

/**
 * A list received (from the server), checked: signed by the lead, for this caseload, and no
 * older than `current`. Never throws for bad input: says why.
 */
export async function verifyMembership(
  signed: unknown,
  { lead, caseloadId, current = null }: MembershipCheck,
): Promise<MembershipResult> {
  const parsed = signedMembershipSchema.safeParse(signed);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const { membership, signature } = parsed.data;
  if (membership.caseloadId !== caseloadId) return { ok: false, reason: 'other-caseload' };
  let genuine = false;
  try {
    if (membership.lead !== (await fingerprintOf(lead)) || !leadIsListed(membership)) {
      return { ok: false, reason: 'not-signed-by-lead' };
    }
    genuine = await subtle().verify(
      ECDSA_SHA256,
      await importSigningPublicKey(lead),
      fromBase64(signature),
      membershipBytes(membership),
    );
  } catch {
    genuine = false;
  }
  if (!genuine) return { ok: false, reason: 'not-signed-by-lead' };
  if (current) {
    if (membership.version < current.version) return { ok: false, reason: 'rollback' };
    if (membership.version === current.version) {
      if (!sameBytes(membershipBytes(membership), membershipBytes(current))) {
        return { ok: false, reason: 'rollback' };
      }
    }
    const keepsKeys = current.keys.every((entry, index) => {
      const now = membership.keys[index];
      return now?.keyVersion === entry.keyVersion && now.commitment === entry.commitment;
    });
    if (!keepsKeys) return { ok: false, reason: 'keys-rewritten' };
  }
  // The one place a list becomes verified: everything above has been checked.
  return { ok: true, membership: membership as VerifiedMembership };
}

/** True when the device with this fingerprint is on the list. */
export function isMember(membership: Membership, fingerprint: string): boolean {
  return membership.members.some((member) => member.fingerprint === fingerprint);
}
