/**
 * The documents of the team database (`team-<32 hex>`): what the join protocol leaves there,
 * and nothing else. Every one holds only public keys, MACs, wrapped keys, signed lists, the
 * caseload database's name and the coaches' user names (which the server knows anyway: they
 * are the caseload database's members). No young person's name or anything from a record.
 *
 *   offer-<inviteId>                          the lead's public keys, MAC'ed with the code
 *   answer-<inviteId>                         the coach's device's public keys, MAC'ed
 *   membership-<caseload>                     the lead's signed membership list of a caseload
 *   key-<device fingerprint>-<caseload>-<n>   caseload key version n wrapped for one device
 *   device-<device fingerprint>               a member device's public keys (unsigned: taken
 *                                             only when they hash to a fingerprint the lead
 *                                             signed), so the lead can wrap a new key for it
 *
 * A device finds its wrapped keys by its own fingerprint (one range of ids), and a caseload's
 * list by the caseload's database name, which is also its caseloadId in the keys and
 * envelopes: the key a coach receives says where its records go.
 */
import { z } from 'zod';
import { TEAM_CONTEXT, encodeFields } from '../keys/encoding';
import { base64Schema, invitationSchema, publicKeysSchema, SIGNATURE_BYTES } from '../keys/schemas';
import { CASELOAD_DATABASE_PATTERN, USER_NAME_PATTERN } from '../provision';

export const offerId = (inviteId: string) => `offer-${inviteId}`;
export const answerId = (inviteId: string) => `answer-${inviteId}`;
export const membershipId = (caseload: string) => `membership-${caseload}`;
export const keyPrefix = (fingerprint: string) => `key-${fingerprint}-`;
export const keyId = (fingerprint: string, caseload: string, keyVersion: number) =>
  `${keyPrefix(fingerprint)}${caseload}-${keyVersion}`;
export const deviceId = (fingerprint: string) => `device-${fingerprint}`;
export const MEMBERSHIP_PREFIX = 'membership-';

const revision = z.string().min(1).max(200).optional();

/** A document as read back: CouchDB's own fields, and the protocol's content unchecked yet. */
export const offerDocumentSchema = z.object({
  _id: z.string(),
  _rev: revision,
  offer: z.unknown(),
});
export const answerDocumentSchema = z.object({
  _id: z.string(),
  _rev: revision,
  answer: z.unknown(),
});
export const keyDocumentSchema = z.object({
  _id: z.string(),
  _rev: revision,
  wrapped: z.unknown(),
});

export const deviceDocumentSchema = z.object({
  _id: z.string(),
  _rev: revision,
  publicKeys: z.unknown(),
});

export const caseloadDatabaseSchema = z
  .string()
  .regex(CASELOAD_DATABASE_PATTERN, 'Not a caseload database.');
const userNameSchema = z.string().regex(USER_NAME_PATTERN, 'Not a user name.');

/**
 * A caseload's membership document: the list signed by the lead (its signature checked with
 * verifyMembership), the lead's public keys (a coach's device takes them only when their
 * fingerprint is the one the invitation proved), and the user names of the coaches who hold
 * the caseload, signed by the lead too, bound to the caseload and the list's version.
 */
export const membershipDocumentSchema = z.object({
  _id: z.string(),
  _rev: revision,
  lead: publicKeysSchema,
  coaches: z.array(userNameSchema).max(100),
  coachesSignature: base64Schema(SIGNATURE_BYTES),
  signed: z.unknown(),
});
export type MembershipDocument = z.infer<typeof membershipDocumentSchema>;

/** The bytes the lead signs to say who holds a caseload (the coaches' user names). */
export function holdersBytes(caseload: string, listVersion: number, coaches: readonly string[]) {
  return encodeFields(
    `${TEAM_CONTEXT}/directory-holders`,
    caseload,
    String(listVersion),
    String(coaches.length),
    ...coaches,
  );
}

/**
 * An invitation the lead's device keeps until it is answered and accepted, refused, or
 * expired: the invitation (it holds the code, so keep it sealed with the device's data), the
 * coach it was made for and the caseload whose key the coach's device will receive. Plain
 * JSON: store it as it is, and it is checked again when read back.
 */
export const pendingInvitationSchema = z.strictObject({
  format: z.literal('resilience-coaching/pending-team-invitation'),
  invitation: invitationSchema,
  coachName: userNameSchema,
  caseloadDatabase: caseloadDatabaseSchema,
});
export type PendingInvitation = z.infer<typeof pendingInvitationSchema>;
