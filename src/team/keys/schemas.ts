/**
 * The zod schemas of every shape the team keys write out (to the server, to a file, or to the
 * device's database): a device's sealed identity, a caseload key wrapped for one device, an
 * invitation (the lead's copy, the offer the server carries, the coach's answer), a signed
 * membership list and a record's envelope. Everything read back is parsed with these before
 * any of it is used: the server, and whoever runs it, is not trusted to send well-formed data.
 */
import { z } from 'zod';
// Also sets zod's jitless mode (the CSP allows no eval), before any schema here is built.
import { instantSchema } from '../../domain/schemas';
import { fromBase64 } from '../../lib/crypto';

/** Bytes of a P-256 public key in its raw (uncompressed point) form. */
export const PUBLIC_KEY_BYTES = 65;
/** Bytes of a caseload key wrapped with AES-KW (32 + 8). */
export const WRAPPED_KEY_BYTES = 40;
/** Bytes of an HMAC-SHA-256. */
export const MAC_BYTES = 32;
/** Bytes of an ECDSA P-256 signature as Web Crypto makes it (r and s, 32 bytes each). */
export const SIGNATURE_BYTES = 64;
/** Key versions and membership versions run from 1 to this. */
export const MAX_VERSION = 2 ** 31 - 1;

function bytesOf(text: string): Uint8Array | null {
  try {
    return fromBase64(text);
  } catch {
    return null;
  }
}

/** Base64 text (non-empty), of exactly `length` bytes when given. */
export function base64Schema(length?: number) {
  return z.string().refine(
    (text) => {
      const bytes = bytesOf(text);
      return (
        bytes !== null && bytes.length > 0 && (length === undefined || bytes.length === length)
      );
    },
    { message: length === undefined ? 'Not base64.' : `Not base64 of ${length} bytes.` },
  );
}

/** A P-256 public key, raw, in base64 (an uncompressed point: 0x04 then x and y). */
const publicKeySchema = base64Schema(PUBLIC_KEY_BYTES).refine(
  (text) => bytesOf(text)?.[0] === 0x04,
  { message: 'Not an uncompressed P-256 point.' },
);

/** A device's fingerprint: the SHA-256 of its public keys, in hex (see ./identity.ts). */
export const fingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Not a fingerprint.');

/** Ids chosen by the app (caseloads, documents, invitations): plain, short, not `_`-led. */
export const teamIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'Not an id.');

const versionSchema = z.number().int().min(1).max(MAX_VERSION);

export const publicKeysSchema = z.strictObject({
  /** ECDH P-256: caseload keys are wrapped for it. */
  agreement: publicKeySchema,
  /** ECDSA P-256: the lead signs membership lists with it. */
  signing: publicKeySchema,
});
export type PublicKeys = z.infer<typeof publicKeysSchema>;

export const storedIdentitySchema = z.strictObject({
  format: z.literal('resilience-coaching/device-identity'),
  version: z.literal(1),
  publicKeys: publicKeysSchema,
  fingerprint: fingerprintSchema,
  /** The two private keys (PKCS #8), sealed with AES-GCM under the device's data key. */
  iv: base64Schema(12),
  sealed: base64Schema(),
});
export type StoredIdentity = z.infer<typeof storedIdentitySchema>;

export const wrappedCaseloadKeySchema = z.strictObject({
  format: z.literal('resilience-coaching/caseload-key'),
  caseloadId: teamIdSchema,
  keyVersion: versionSchema,
  /** The fingerprint of the device it is wrapped for. */
  recipient: fingerprintSchema,
  /** The one-time ECDH public key the wrapping key was agreed with. */
  ephemeral: publicKeySchema,
  wrapped: base64Schema(WRAPPED_KEY_BYTES),
});
export type WrappedCaseloadKey = z.infer<typeof wrappedCaseloadKeySchema>;

const expiresAt = instantSchema;

/** An invitation code: 7 groups of 4 (see ./invitation.ts), as typed or as stored. */
export const invitationCodeSchema = z.string().min(1).max(100);

/** The lead's own copy of an invitation, kept on the lead's device (it holds the code). */
export const invitationSchema = z.strictObject({
  format: z.literal('resilience-coaching/team-invitation'),
  inviteId: teamIdSchema,
  code: invitationCodeSchema,
  lead: publicKeysSchema,
  expiresAt,
});
export type Invitation = z.infer<typeof invitationSchema>;

/** What the lead leaves for the coach on the server (or in a file): no code. */
export const invitationOfferSchema = z.strictObject({
  format: z.literal('resilience-coaching/team-invitation-offer'),
  inviteId: teamIdSchema,
  lead: publicKeysSchema,
  expiresAt,
  /** HMAC-SHA-256 under a key only the code gives (see ./invitation.ts). */
  mac: base64Schema(MAC_BYTES),
});
export type InvitationOffer = z.infer<typeof invitationOfferSchema>;

/** The coach's device's answer, sent back to the lead through the server. */
export const invitationAnswerSchema = z.strictObject({
  format: z.literal('resilience-coaching/team-invitation-answer'),
  inviteId: teamIdSchema,
  coach: publicKeysSchema,
  mac: base64Schema(MAC_BYTES),
});
export type InvitationAnswer = z.infer<typeof invitationAnswerSchema>;

export const memberSchema = z.strictObject({
  fingerprint: fingerprintSchema,
  role: z.enum(['coach', 'lead']),
});
export type Member = z.infer<typeof memberSchema>;

export const keyCommitmentSchema = z.strictObject({
  keyVersion: versionSchema,
  /** SHA-256 of the caseload key of this version, bound to its caseload and version. */
  commitment: base64Schema(32),
});
export type KeyCommitment = z.infer<typeof keyCommitmentSchema>;

export const membershipSchema = z
  .strictObject({
    format: z.literal('resilience-coaching/caseload-membership'),
    caseloadId: teamIdSchema,
    /** Goes up by one at every change: an older list never replaces a newer one. */
    version: versionSchema,
    /** The fingerprint of the lead who signs the list. */
    lead: fingerprintSchema,
    members: z.array(memberSchema).min(1).max(1000),
    /** Every key version of the caseload so far, the newest last. */
    keys: z.array(keyCommitmentSchema).min(1).max(10_000),
    issuedAt: instantSchema,
  })
  .refine(
    (list) =>
      new Set(list.members.map((member) => member.fingerprint)).size === list.members.length,
    { message: 'A member is listed twice.' },
  )
  .refine((list) => list.keys.every((entry, index) => entry.keyVersion === index + 1), {
    message: 'Key versions must run 1, 2, 3 ... with none missing.',
  });
export type Membership = z.infer<typeof membershipSchema>;

export const signedMembershipSchema = z.strictObject({
  membership: membershipSchema,
  /** ECDSA P-256 with SHA-256, by the lead's signing key. */
  signature: base64Schema(SIGNATURE_BYTES),
});
export type SignedMembership = z.infer<typeof signedMembershipSchema>;

/**
 * A record as the server holds it: a random id, the caseload key version and the ciphertext.
 * `_rev` (and, from a replication, `_conflicts` or `_revisions`) are CouchDB's own.
 */
const envelopeFields = {
  _id: teamIdSchema,
  _rev: z.string().min(1).max(200).optional(),
  _conflicts: z.array(z.string()).optional(),
  _revisions: z.strictObject({ start: z.number().int(), ids: z.array(z.string()) }).optional(),
  v: versionSchema,
};

export const envelopeSchema = z.strictObject({ ...envelopeFields, c: base64Schema() });

/**
 * An envelope with `c` any string: ./envelope.ts's openEnvelope decodes `c` itself, once, and
 * refuses it as envelopeSchema would (not base64 of at least one byte), where checking it here
 * first decoded every document twice (issue 14).
 */
export const envelopeFieldsSchema = z.strictObject({ ...envelopeFields, c: z.string() });
export type Envelope = z.infer<typeof envelopeSchema>;

/** An invitation as a file, for a coach who is given a file rather than a code to type. */
export const invitationFileSchema = z.strictObject({
  format: z.literal('resilience-coaching/team-invitation-file'),
  code: invitationCodeSchema,
  offer: invitationOfferSchema,
});
export type InvitationFile = z.infer<typeof invitationFileSchema>;
