/**
 * The coach's side of joining, through the team database (./documents.ts):
 *
 * 1. answerInvitation: the code the lead gave by hand finds the lead's offer on the server;
 *    the offer is checked with the code (so the lead's public keys are the lead's), and this
 *    device's answer is left for the lead. The lead's fingerprint comes back, to show (the two
 *    people can compare it) and to keep: it is what this device trusts from then on.
 * 2. collectCaseloadKeys: once the lead has accepted, the caseload keys wrapped for this
 *    device, each taken only when the caseload's list is signed by that lead and names this
 *    device, and the key is the one the list commits to. The caseload's database name is its
 *    caseloadId: the key says where the records go.
 *
 * Also for the lead's own device (with its own fingerprint): its keys come back the same way.
 */
import type { TeamResult } from '../couch-http';
import { problem } from '../couch-http';
import { unwrapCaseloadKey, type CaseloadKey, type UnwrapFailure } from '../keys/caseload-key';
import { displayFingerprint, type DeviceIdentity, type PublicKeys } from '../keys/identity';
import {
  coachAnswer,
  inviteIdOf,
  parseInvitationCode,
  type InvitationFailure,
} from '../keys/invitation';
import { isMember, type VerifiedMembership } from '../keys/membership';
import {
  wrappedCaseloadKeySchema,
  type SignedMembership,
  type WrappedCaseloadKey,
} from '../keys/schemas';
import type { TeamProblemKind } from '../couch-http';
import { answerId, keyDocumentSchema, keyPrefix, offerDocumentSchema, offerId } from './documents';
import { readMembership } from './membership-document';
import { publishDeviceKeys } from './remove';
import { listDocuments, readDocument, writeDocument, type TeamDirectory } from './store';

export interface AnsweredInvitation {
  inviteId: string;
  /** Keep it: collectCaseloadKeys trusts the lists this lead signed, and no other. */
  leadFingerprint: string;
  /** The lead's fingerprint as people compare it: six groups of five digits. */
  shownLeadFingerprint: string;
  lead: PublicKeys;
}

const KIND: Record<InvitationFailure, TeamProblemKind> = {
  'code-mistyped': 'code-mistyped',
  expired: 'invitation-expired',
  'changed-on-the-way': 'invitation-changed',
  malformed: 'invitation-changed',
  'other-invitation': 'invitation-changed',
};

/**
 * Answers the invitation whose code the coach typed: finds its offer on the team server,
 * checks it with the code, and leaves this device's answer for the lead. Says plainly when the
 * code has a typing mistake, no invitation has that code, it expired, the offer on the server
 * does not match the code (changed on the way: nothing is sent), or the invitation has an
 * answer already (`invitation-answered`: an answer is never replaced, so whoever saw the code
 * cannot overwrite the coach's).
 *
 * `keep`, when given, runs once the offer is checked and before the answer is written, with
 * what the answer will say: the device keeps what it needs to finish joining there, so that
 * the server never holds an answer whose private keys are gone. When it throws, nothing is
 * sent (the error is thrown on).
 */
export async function answerInvitation(
  team: TeamDirectory,
  typedCode: string,
  coach: DeviceIdentity,
  now: Date,
  { keep }: { keep?: (answered: AnsweredInvitation) => Promise<void> } = {},
): Promise<TeamResult<AnsweredInvitation>> {
  const code = parseInvitationCode(typedCode);
  if (!code.ok) return problem('code-mistyped', code.message);
  const inviteId = await inviteIdOf(code.code);
  if (inviteId === null) return problem('code-mistyped', 'Check the invitation code.');
  const read = await readDocument(team, offerId(inviteId));
  if (!read.ok) return read;
  if (read.value === null) {
    return problem(
      'invitation-not-found',
      'There is no invitation with this code on the team server. Check the code with your service lead: it may have been used already, or closed.',
    );
  }
  const document = offerDocumentSchema.safeParse(read.value);
  const answered = await coachAnswer(
    { code: code.code, offer: document.success ? document.data.offer : null },
    coach,
    now,
  );
  if (!answered.ok) return problem(KIND[answered.reason], answered.message);
  const result: AnsweredInvitation = {
    inviteId,
    leadFingerprint: answered.leadFingerprint,
    shownLeadFingerprint: displayFingerprint(answered.leadFingerprint),
    lead: answered.lead,
  };
  if (keep) await keep(result);
  const written = await writeDocument(team, { _id: answerId(inviteId), answer: answered.answer });
  if (!written.ok) {
    if (written.problem.kind !== 'already-exists') return written;
    return problem(
      'invitation-answered',
      'This invitation code has been answered already. If that was not you, tell your service lead and ask for a new invitation.',
      written.problem.status,
    );
  }
  return { ok: true, value: result };
}

/** A caseload this device now holds the keys of. */
export interface CollectedCaseload {
  /** The caseload's database on the server, and its caseloadId. */
  caseloadDatabase: string;
  /** Every key version wrapped for this device, oldest first. */
  keys: CaseloadKey[];
  /** The list these keys were checked against: keep it, to refuse an older one later. */
  membership: VerifiedMembership;
  /** The same list as the lead signed it (what a device's team connection keeps). */
  signed: SignedMembership;
}

/** A caseload whose keys were not taken, and why, for the person. */
export interface RefusedCaseload {
  caseloadDatabase: string;
  message: string;
}

export type CollectedKeys =
  | { state: 'waiting'; message: string }
  | { state: 'collected'; caseloads: CollectedCaseload[]; refused: RefusedCaseload[] };

const WAITING =
  'The service lead has not accepted this device yet. Ask them to open their list of invitations, then try again.';

const UNWRAP: Record<UnwrapFailure, string> = {
  malformed: 'A key for this caseload on the team server is not readable.',
  'not-for-this-device': 'A key for this caseload on the team server is for another device.',
  'other-caseload': 'A key on the team server is filed under another caseload.',
  damaged: 'A key for this caseload on the team server does not open: it was changed.',
  'not-in-membership':
    "A key for this caseload on the team server is not the one your service lead's list names.",
};

/**
 * The wrapped keys of versions the list names. A newer one is a key the lead is giving out
 * before signing the list that commits to it (./remove.ts): not taken yet, and not an alarm.
 */
function committed<T extends { keyVersion: number }>(
  boxes: readonly T[],
  membership: VerifiedMembership,
): T[] {
  return boxes.filter((box) => box.keyVersion <= membership.keys.length);
}

/**
 * The caseload keys the lead has wrapped for this device, checked against each caseload's list
 * signed by the lead whose fingerprint the invitation proved. `waiting` while the lead has not
 * accepted the device (nothing for it yet). `current` are lists the device took before: an
 * older one from the server is refused (rollback).
 */
export async function collectCaseloadKeys(
  team: TeamDirectory,
  me: DeviceIdentity,
  leadFingerprint: string,
  current: readonly VerifiedMembership[] = [],
): Promise<TeamResult<CollectedKeys>> {
  const listed = await listDocuments(team, keyPrefix(me.fingerprint));
  if (!listed.ok) return listed;
  const byCaseload = new Map<string, WrappedCaseloadKey[]>();
  for (const stored of listed.value) {
    const document = keyDocumentSchema.safeParse(stored);
    const wrapped = wrappedCaseloadKeySchema.safeParse(document.data?.wrapped);
    if (!document.success || !wrapped.success) continue;
    const boxes = byCaseload.get(wrapped.data.caseloadId) ?? [];
    boxes.push(wrapped.data);
    byCaseload.set(wrapped.data.caseloadId, boxes);
  }

  const caseloads: CollectedCaseload[] = [];
  const refused: RefusedCaseload[] = [];
  for (const [caseloadDatabase, boxes] of byCaseload) {
    const list = await readMembership(team, leadFingerprint, caseloadDatabase, {
      current: current.find((held) => held.caseloadId === caseloadDatabase) ?? null,
    });
    if (!list.ok) {
      // No list yet, or one without this device: the lead has not finished accepting it.
      if (list.problem.kind === 'not-found') continue;
      if (list.problem.kind !== 'not-trusted') return list;
      refused.push({ caseloadDatabase, message: list.problem.message });
      continue;
    }
    const { membership, signed } = list.value;
    if (!isMember(membership, me.fingerprint)) continue;
    const keys: CaseloadKey[] = [];
    let problemFound: string | null = null;
    for (const box of committed(boxes, membership)) {
      const opened = await unwrapCaseloadKey(box, me, membership);
      if (opened.ok) keys.push(opened.key);
      else problemFound ??= UNWRAP[opened.reason];
    }
    if (problemFound !== null) {
      refused.push({ caseloadDatabase, message: `${problemFound} Tell your service lead.` });
    }
    if (keys.length === 0) continue;
    keys.sort((a, b) => a.keyVersion - b.keyVersion);
    caseloads.push({ caseloadDatabase, keys, membership, signed });
  }
  if (caseloads.length === 0 && refused.length === 0) {
    return { ok: true, value: { state: 'waiting', message: WAITING } };
  }
  return { ok: true, value: { state: 'collected', caseloads, refused } };
}

/** What a connected device finds when it checks its caseload's list (`checkCaseload`). */
export type CaseloadCheck =
  /** The list is the one the device holds. */
  | { state: 'unchanged' }
  /** A newer list that no longer names this device: the lead removed it. */
  | { state: 'removed'; membership: VerifiedMembership }
  /** A newer list naming this device, and every key version it commits to, for this device. */
  | {
      state: 'updated';
      keys: CaseloadKey[];
      membership: VerifiedMembership;
      signed: SignedMembership;
    };

/**
 * A connected device's check of its caseload on the team database, at each start and now and
 * then while it syncs: tells the server its public keys (once, so the lead can give it a new
 * key), then reads the caseload's list, signed by its lead and no older than `current` (the
 * list it holds). A newer list either drops this device (removed) or brings its keys, each
 * checked against the list; the newest key missing or not opening is a problem (nothing is
 * taken), as is a list that fails its checks.
 */
export async function checkCaseload(
  team: TeamDirectory,
  me: DeviceIdentity,
  leadFingerprint: string,
  current: VerifiedMembership,
): Promise<TeamResult<CaseloadCheck>> {
  const told = await publishDeviceKeys(team, me.publicKeys);
  if (!told.ok) return told;
  const caseload = current.caseloadId;
  const read = await readMembership(team, leadFingerprint, caseload, { current });
  if (!read.ok) return read;
  const { membership, signed } = read.value;
  if (membership.version === current.version) return { ok: true, value: { state: 'unchanged' } };
  if (!isMember(membership, me.fingerprint)) {
    return { ok: true, value: { state: 'removed', membership } };
  }
  const listed = await listDocuments(team, `${keyPrefix(me.fingerprint)}${caseload}-`);
  if (!listed.ok) return listed;
  const boxes: WrappedCaseloadKey[] = [];
  for (const stored of listed.value) {
    const document = keyDocumentSchema.safeParse(stored);
    const wrapped = wrappedCaseloadKeySchema.safeParse(document.data?.wrapped);
    if (document.success && wrapped.success && wrapped.data.caseloadId === caseload) {
      boxes.push(wrapped.data);
    }
  }
  const keys: CaseloadKey[] = [];
  for (const box of committed(boxes, membership)) {
    const opened = await unwrapCaseloadKey(box, me, membership);
    if (!opened.ok) {
      return problem('not-trusted', `${UNWRAP[opened.reason]} Tell your service lead.`);
    }
    keys.push(opened.key);
  }
  keys.sort((a, b) => a.keyVersion - b.keyVersion);
  if (keys[keys.length - 1]?.keyVersion !== membership.keys.length) {
    return problem(
      'not-found',
      "Your service lead changed the caseload's key, and the new key for this device is not on the team server. Tell your service lead.",
    );
  }
  return { ok: true, value: { state: 'updated', keys, membership, signed } };
}
