/**
 * Joining a team, authenticated. The lead's device makes an invitation: a one-time code of
 * 26 random characters (about 129 bits) and 2 check characters, which the lead gives the coach
 * by hand (typed, or as a file), never through the server. From the code both devices derive,
 * with HKDF-SHA-256, the invitation's id (to find it on the server) and two HMAC-SHA-256 keys
 * the server cannot know:
 *
 * 1. the lead leaves an offer on the server: the lead's public keys, MAC'ed with the code's
 *    first key (createInvitation);
 * 2. the coach's device checks the offer with the code, so it knows the lead's keys are the
 *    lead's, and answers with its own public keys, MAC'ed with the code's second key, bound to
 *    the lead's fingerprint (coachAnswer);
 * 3. the lead's device checks the answer (leadAccept).
 *
 * A server (or anyone between) that swaps either side's keys cannot make the MAC, so the swap
 * is seen, and said, on the device where it happens. Both screens can also show both
 * fingerprints (./identity.ts, displayFingerprint) for the two people to compare.
 *
 * The code is for one use: the lead's device deletes its invitation once an answer is
 * accepted, or once it has expired.
 */
import { fromBase64, toBase64, utf8Encoder } from '../../lib/crypto';
import { generateTypedCode, readTypedCode, type TypedCodeProblem } from '../../lib/typed-code';
import { TEAM_CONTEXT, encodeFields, subtle, toHex } from './encoding';
import { fingerprintOf, parsePublicKeys, type PublicKeys } from './identity';
import {
  invitationAnswerSchema,
  invitationFileSchema,
  invitationOfferSchema,
  invitationSchema,
  type Invitation,
  type InvitationAnswer,
  type InvitationFile,
  type InvitationOffer,
} from './schemas';

export type { Invitation, InvitationAnswer, InvitationFile, InvitationOffer } from './schemas';

/** How long an invitation stays open unless told: a week. */
export const INVITATION_VALID_MS = 7 * 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------
// The code.

/** 26 random characters (about 129 bits), then 2 check characters: 7 groups of 4. */
const RANDOM_CHARS = 26;
const CODE_CHARS = RANDOM_CHARS + 2;

function newCode(): string {
  return generateTypedCode(RANDOM_CHARS);
}

export type CodeResult = { ok: true; code: string } | { ok: false; message: string };

/** What is wrong with a typed invitation code, in the coach's words. */
const PROBLEMS: Record<TypedCodeProblem, string> = {
  empty: 'Enter the invitation code.',
  characters:
    'An invitation code has only capital letters and the numbers 2 to 9, with no O, I or L. Check what you typed.',
  length: `An invitation code has ${CODE_CHARS} letters and numbers, in 7 groups of 4. Check you typed all of it.`,
  check: 'That invitation code has a typing mistake. Check each group of 4.',
};

/**
 * An invitation code as typed, in its canonical form (28 capitals and digits), ignoring case,
 * spaces and dashes; or what is wrong with it.
 */
export function parseInvitationCode(typed: string): CodeResult {
  const read = readTypedCode(typed, RANDOM_CHARS);
  return read.ok
    ? { ok: true, code: read.canonical }
    : { ok: false, message: PROBLEMS[read.problem] };
}

// ---------------------------------------------------------------------------
// What the code gives.

interface CodeKeys {
  inviteId: string;
  offerKey: CryptoKey;
  answerKey: CryptoKey;
}

async function keysOfCode(canonicalCode: string): Promise<CodeKeys> {
  const material = await subtle().importKey(
    'raw',
    utf8Encoder.encode(canonicalCode),
    'HKDF',
    false,
    ['deriveBits', 'deriveKey'],
  );
  const params = (purpose: string): HkdfParams => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: encodeFields(`${TEAM_CONTEXT}/invitation`),
    info: encodeFields(`${TEAM_CONTEXT}/invitation`, purpose),
  });
  const hmac: HmacKeyGenParams = { name: 'HMAC', hash: 'SHA-256', length: 256 };
  const id = new Uint8Array(await subtle().deriveBits(params('id'), material, 128));
  return {
    inviteId: toHex(id),
    offerKey: await subtle().deriveKey(params('offer'), material, hmac, false, ['sign', 'verify']),
    answerKey: await subtle().deriveKey(params('answer'), material, hmac, false, [
      'sign',
      'verify',
    ]),
  };
}

/** The id of the invitation a code is for (to find its offer on the server); null on a typo. */
export async function inviteIdOf(typedCode: string): Promise<string | null> {
  const code = parseInvitationCode(typedCode);
  return code.ok ? (await keysOfCode(code.code)).inviteId : null;
}

const offerBytes = (offer: Omit<InvitationOffer, 'mac' | 'format'>) =>
  encodeFields(
    `${TEAM_CONTEXT}/invitation-offer`,
    offer.inviteId,
    offer.lead.agreement,
    offer.lead.signing,
    offer.expiresAt,
  );

const answerBytes = (inviteId: string, leadFingerprint: string, coach: PublicKeys) =>
  encodeFields(
    `${TEAM_CONTEXT}/invitation-answer`,
    inviteId,
    leadFingerprint,
    coach.agreement,
    coach.signing,
  );

async function mac(key: CryptoKey, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64(new Uint8Array(await subtle().sign('HMAC', key, bytes)));
}

function macMatches(key: CryptoKey, macText: string, bytes: Uint8Array<ArrayBuffer>) {
  // Web Crypto's HMAC verify compares in constant time.
  return subtle().verify('HMAC', key, fromBase64(macText), bytes);
}

// ---------------------------------------------------------------------------
// The three steps.

export interface NewInvitation {
  /** The lead's copy: keep it on the lead's device (sealed), until answered or expired. */
  invitation: Invitation;
  /** For the server (or the file): the lead's keys, MAC'ed with the code. No code. */
  offer: InvitationOffer;
  /** For the coach, by hand: seven groups of four letters and numbers. */
  code: string;
}

/** The lead's device makes an invitation for one coach's device. */
export async function createInvitation(
  lead: { publicKeys: PublicKeys },
  { now, validForMs = INVITATION_VALID_MS }: { now: Date; validForMs?: number },
): Promise<NewInvitation> {
  const code = newCode();
  const canonical = code.replace(/-/g, '');
  const keys = await keysOfCode(canonical);
  const expiresAt = new Date(now.getTime() + validForMs).toISOString();
  const unsigned = { inviteId: keys.inviteId, lead: lead.publicKeys, expiresAt };
  return {
    invitation: {
      format: 'resilience-coaching/team-invitation',
      inviteId: keys.inviteId,
      code: canonical,
      lead: lead.publicKeys,
      expiresAt,
    },
    offer: {
      format: 'resilience-coaching/team-invitation-offer',
      ...unsigned,
      mac: await mac(keys.offerKey, offerBytes(unsigned)),
    },
    code,
  };
}

/** The invitation as one file (code and offer), for a coach given a file rather than a code. */
export function invitationFile(code: string, offer: InvitationOffer): InvitationFile {
  return { format: 'resilience-coaching/team-invitation-file', code, offer };
}

/** What the coach's device has: the code typed (or from the file), and the offer found. */
export interface CoachInvitation {
  code: string;
  offer: unknown;
}

/**
 * Why an invitation step failed (with a message to show where the person is):
 * - 'code-mistyped': the code has a typing mistake;
 * - 'malformed': not an offer, answer or file at all;
 * - 'other-invitation': an answer to another invitation;
 * - 'changed-on-the-way': the MAC does not match: the lead's or the coach's keys were
 *   changed between the two devices (or the code is another invitation's);
 * - 'expired': the invitation ran out; the lead makes a new one.
 */
export type InvitationFailure =
  'code-mistyped' | 'malformed' | 'other-invitation' | 'changed-on-the-way' | 'expired';

export type InvitationError = { ok: false; reason: InvitationFailure; message: string };

const EXPIRED_MESSAGE =
  'This invitation has expired. Ask the service lead for a new invitation code.';

function expired(expiresAt: string, now: Date): boolean {
  return now.getTime() > Date.parse(expiresAt);
}

export type CoachAnswerResult =
  | {
      ok: true;
      /** To send back to the lead through the server. */
      answer: InvitationAnswer;
      /** The lead's public keys, proved by the code: trust membership lists signed by them. */
      lead: PublicKeys;
      leadFingerprint: string;
    }
  | InvitationError;

/**
 * The coach's device, given the code and the lead's offer: checks the offer was made by whoever
 * holds the code (the lead), and answers with this device's public keys. Never throws for bad
 * input.
 */
export async function coachAnswer(
  invitation: CoachInvitation,
  coach: { publicKeys: PublicKeys },
  now: Date,
): Promise<CoachAnswerResult> {
  const code = parseInvitationCode(invitation.code);
  if (!code.ok) return { ok: false, reason: 'code-mistyped', message: code.message };
  const parsed = invitationOfferSchema.safeParse(invitation.offer);
  const lead = parsed.success ? await parsePublicKeys(parsed.data.lead) : null;
  if (!parsed.success || !lead) {
    return {
      ok: false,
      reason: 'malformed',
      message: 'The invitation found for this code is not readable. Ask the lead for a new one.',
    };
  }
  const offer = parsed.data;
  const keys = await keysOfCode(code.code);
  if (
    offer.inviteId !== keys.inviteId ||
    !(await macMatches(keys.offerKey, offer.mac, offerBytes(offer)))
  ) {
    return {
      ok: false,
      reason: 'changed-on-the-way',
      message:
        'This invitation does not match the code: it was changed on the way, or the code is for another invitation. Do not join; tell the service lead.',
    };
  }
  if (expired(offer.expiresAt, now))
    return { ok: false, reason: 'expired', message: EXPIRED_MESSAGE };
  const leadFingerprint = await fingerprintOf(lead);
  const answer: InvitationAnswer = {
    format: 'resilience-coaching/team-invitation-answer',
    inviteId: keys.inviteId,
    coach: coach.publicKeys,
    mac: await mac(keys.answerKey, answerBytes(keys.inviteId, leadFingerprint, coach.publicKeys)),
  };
  return { ok: true, answer, lead, leadFingerprint };
}

export type LeadAcceptResult =
  { ok: true; coach: PublicKeys; coachFingerprint: string } | InvitationError;

/**
 * The lead's device, given its invitation and an answer from the server: checks the answer
 * was made by whoever holds the code, for this lead, with the keys it carries. On success,
 * delete the invitation (the code is for one use) and wrap the caseload's keys for the
 * coach's keys returned. Never throws for bad input.
 */
export async function leadAccept(
  invitation: Invitation,
  answer: unknown,
  now: Date,
): Promise<LeadAcceptResult> {
  const mine = invitationSchema.safeParse(invitation);
  const parsed = invitationAnswerSchema.safeParse(answer);
  const coach = parsed.success ? await parsePublicKeys(parsed.data.coach) : null;
  if (!mine.success || !parsed.success || !coach) {
    return {
      ok: false,
      reason: 'malformed',
      message: 'The answer to this invitation is not readable, so it was not accepted.',
    };
  }
  if (parsed.data.inviteId !== mine.data.inviteId) {
    return {
      ok: false,
      reason: 'other-invitation',
      message: 'This answer is for another invitation.',
    };
  }
  if (expired(mine.data.expiresAt, now)) {
    return { ok: false, reason: 'expired', message: EXPIRED_MESSAGE };
  }
  const keys = await keysOfCode(mine.data.code);
  const leadFingerprint = await fingerprintOf(mine.data.lead);
  const genuine = await macMatches(
    keys.answerKey,
    parsed.data.mac,
    answerBytes(keys.inviteId, leadFingerprint, coach),
  );
  if (!genuine) {
    return {
      ok: false,
      reason: 'changed-on-the-way',
      message:
        "This answer was changed on the way: the keys in it are not the coach's device's. It was not accepted; make a new invitation and give the code to the coach in person.",
    };
  }
  return { ok: true, coach, coachFingerprint: await fingerprintOf(coach) };
}

/** An invitation file read from disk, checked; null when it is not one. */
export function readInvitationFile(value: unknown): InvitationFile | null {
  const parsed = invitationFileSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
