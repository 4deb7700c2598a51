/**
 * The lead's side of joining, through the team database (./documents.ts):
 *
 * 1. setUpCaseload: a caseload's first key, wrapped for the lead's own device, and its first
 *    membership list (the lead alone), signed;
 * 2. inviteCoach: an invitation for one coach's device to one caseload; the offer goes to the
 *    server, the code to the coach by hand, the pending invitation stays on the lead's device;
 * 3. acceptAnswers: for each pending invitation, the coach's answer checked with the code;
 *    the caseload's keys wrapped for the coach's device, which joins the signed list;
 *
 * (./listing.ts lists who holds which caseload, for the lead's coach list.)
 *
 * A swapped answer (a server in the middle) is refused and said, never accepted.
 */
import { problem, type TeamResult } from '../couch-http';
import {
  createCaseloadKey,
  unwrapOwnCaseloadKey,
  wrapCaseloadKey,
  type CaseloadKey,
} from '../keys/caseload-key';
import { subtle } from '../keys/encoding';
import { displayFingerprint, type DeviceIdentity } from '../keys/identity';
import { createInvitation, leadAccept, type InvitationFailure } from '../keys/invitation';
import {
  isMember,
  signMembership,
  verifyMembership,
  type VerifiedMembership,
} from '../keys/membership';
import type { Member } from '../keys/schemas';
import { toBase64 } from '../../lib/crypto';
import {
  answerDocumentSchema,
  answerId,
  caseloadDatabaseSchema,
  holdersBytes,
  keyDocumentSchema,
  keyId,
  membershipId,
  offerId,
  pendingInvitationSchema,
  type PendingInvitation,
} from './documents';
import { readMembership } from './membership-document';
import { deleteDocument, readDocument, writeDocument, type TeamDirectory } from './store';

export type { PendingInvitation } from './documents';

const ECDSA_SHA256: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

async function signHolders(
  lead: DeviceIdentity,
  caseload: string,
  listVersion: number,
  coaches: readonly string[],
) {
  const signature = await subtle().sign(
    ECDSA_SHA256,
    lead.signingKey,
    holdersBytes(caseload, listVersion, coaches),
  );
  return toBase64(new Uint8Array(signature));
}

/** Writes a caseload's list, signed, with its holders: new (no `rev`) or replacing `rev`. */
async function publishMembership(
  team: TeamDirectory,
  lead: DeviceIdentity,
  draft: {
    caseload: string;
    version: number;
    members: readonly Member[];
    keys: readonly CaseloadKey[];
    coaches: readonly string[];
    now: Date;
  },
  rev?: string,
) {
  const signed = await signMembership(lead, {
    caseloadId: draft.caseload,
    version: draft.version,
    members: draft.members,
    keys: draft.keys,
    issuedAt: draft.now.toISOString(),
  });
  const coaches = [...new Set(draft.coaches)].sort();
  const written = await writeDocument(
    team,
    {
      _id: membershipId(draft.caseload),
      lead: lead.publicKeys,
      coaches,
      coachesSignature: await signHolders(lead, draft.caseload, draft.version, coaches),
      signed,
    },
    rev === undefined ? {} : { rev },
  );
  if (!written.ok) return written;
  // Checked as any device checks it: what the lead keeps as its newest list.
  const verified = await verifyMembership(signed, {
    lead: lead.publicKeys,
    caseloadId: draft.caseload,
  });
  if (!verified.ok) throw new Error('A list the lead just signed does not verify.');
  return { ok: true as const, value: verified.membership };
}

const notACaseload = (database: string) =>
  problem('invalid-name', `"${database}" is not the name of a caseload database.`);

/**
 * Sets a caseload up for team working: its first key (version 1, caseloadId = the caseload
 * database's name), wrapped for the lead's own device, and a membership list naming the lead
 * alone, signed. Returns the key. `key` is the key to set it up with (the lead's device keeps
 * it before calling, so that a try cut short can be finished with the same key); a new one is
 * made when none is given. A caseload already set up is an `already-exists` problem (its key
 * is not replaced).
 *
 * A try cut short may have left this device's key document without a list: it is reused when
 * it holds this same key, and replaced otherwise (no list names it, so nobody holds it; a key
 * someone else put there is never taken).
 */
export async function setUpCaseload(
  team: TeamDirectory,
  lead: DeviceIdentity,
  caseloadDatabase: string,
  now: Date,
  key?: CaseloadKey,
): Promise<TeamResult<CaseloadKey>> {
  if (!caseloadDatabaseSchema.safeParse(caseloadDatabase).success) {
    return notACaseload(caseloadDatabase);
  }
  if (key && (key.caseloadId !== caseloadDatabase || key.keyVersion !== 1)) {
    throw new Error('A caseload is set up with its own first key.');
  }
  const existing = await readDocument(team, membershipId(caseloadDatabase));
  if (!existing.ok) return existing;
  if (existing.value !== null) {
    return problem(
      'already-exists',
      'This caseload is already set up for team working: its key was kept.',
    );
  }
  const first = key ?? (await createCaseloadKey(caseloadDatabase, 1));
  const id = keyId(lead.fingerprint, caseloadDatabase, 1);
  const left = await readDocument(team, id);
  if (!left.ok) return left;
  if (!(await holdsKey(left.value, lead, first))) {
    const keyWritten = await writeDocument(
      team,
      { _id: id, wrapped: await wrapCaseloadKey(first, lead.publicKeys) },
      left.value === null ? {} : { replace: true },
    );
    if (!keyWritten.ok) return keyWritten;
  }
  const listed = await publishMembership(team, lead, {
    caseload: caseloadDatabase,
    version: 1,
    members: [{ fingerprint: lead.fingerprint, role: 'lead' }],
    keys: [first],
    coaches: [],
    now,
  });
  if (!listed.ok) return listed;
  return { ok: true, value: first };
}

/** True when a key document read from the server holds `key`, wrapped for `lead`. */
async function holdsKey(document: unknown, lead: DeviceIdentity, key: CaseloadKey) {
  const parsed = keyDocumentSchema.safeParse(document);
  if (!parsed.success) return false;
  const opened = await unwrapOwnCaseloadKey(parsed.data.wrapped, lead);
  return (
    opened.ok &&
    opened.key.caseloadId === key.caseloadId &&
    opened.key.keyVersion === key.keyVersion &&
    opened.key.commitment === key.commitment
  );
}

/**
 * An invitation for one device of `coachName` to join `caseloadDatabase` (set up first). The
 * offer goes to the team database; `code` is for the lead to give the coach by hand (never
 * through the server); `pending` is for the lead's device to keep until acceptAnswers has
 * settled it.
 */
export async function inviteCoach(
  team: TeamDirectory,
  lead: DeviceIdentity,
  details: { coachName: string; caseloadDatabase: string },
  now: Date,
  validForMs?: number,
): Promise<TeamResult<{ code: string; pending: PendingInvitation; expiresAt: string }>> {
  if (!caseloadDatabaseSchema.safeParse(details.caseloadDatabase).success) {
    return notACaseload(details.caseloadDatabase);
  }
  const list = await readDocument(team, membershipId(details.caseloadDatabase));
  if (!list.ok) return list;
  if (list.value === null) {
    return problem(
      'not-found',
      'This caseload is not set up for team working yet: set it up before inviting its coach.',
    );
  }
  const made = await createInvitation(
    lead,
    validForMs === undefined ? { now } : { now, validForMs },
  );
  const pending = pendingInvitationSchema.safeParse({
    format: 'resilience-coaching/pending-team-invitation',
    invitation: made.invitation,
    coachName: details.coachName,
    caseloadDatabase: details.caseloadDatabase,
  });
  if (!pending.success) {
    return problem(
      'invalid-name',
      `"${details.coachName}" is not a coach's user name on the team server.`,
    );
  }
  const written = await writeDocument(team, {
    _id: offerId(made.offer.inviteId),
    offer: made.offer,
  });
  if (!written.ok) return written;
  return {
    ok: true,
    value: { code: made.code, pending: pending.data, expiresAt: made.invitation.expiresAt },
  };
}

interface About {
  inviteId: string;
  coachName: string;
  caseloadDatabase: string;
}

/**
 * What became of one pending invitation:
 * - 'accepted': the coach's device holds the caseload's keys now; forget the invitation;
 * - 'waiting': no answer yet; keep it;
 * - 'refused': the answer failed its check (swapped on the way, or not readable); it was not
 *   accepted and the invitation is closed; forget it and make a new one;
 * - 'expired': closed; forget it;
 * - 'failed': the server could not be asked or written; keep it and try again.
 */
export type AcceptOutcome =
  | (About & {
      state: 'accepted';
      coachFingerprint: string;
      shownFingerprint: string;
      /** The caseload's list now, with the device on it: keep it as the newest list. */
      membership: VerifiedMembership;
    })
  | (About & { state: 'waiting'; expiresAt: string })
  | (About & { state: 'refused'; reason: InvitationFailure; message: string })
  | (About & { state: 'expired'; message: string })
  | (About & { state: 'failed'; message: string });

const EXPIRED =
  'This invitation expired before it was accepted. Make a new invitation if the coach still needs to join.';

async function closeInvitation(team: TeamDirectory, inviteId: string) {
  await deleteDocument(team, offerId(inviteId));
  await deleteDocument(team, answerId(inviteId));
}

/** The keys the lead holds for a caseload, every version its list commits to, or null. */
function keysOfList(
  membership: VerifiedMembership,
  held: readonly CaseloadKey[],
): CaseloadKey[] | null {
  const keys: CaseloadKey[] = [];
  for (const entry of membership.keys) {
    const key = held.find(
      (k) => k.caseloadId === membership.caseloadId && k.keyVersion === entry.keyVersion,
    );
    if (!key || key.commitment !== entry.commitment) return null;
    keys.push(key);
  }
  return keys;
}

async function acceptOne(
  team: TeamDirectory,
  lead: DeviceIdentity,
  pending: PendingInvitation,
  caseloadKeys: readonly CaseloadKey[],
  now: Date,
  held: Map<string, VerifiedMembership>,
): Promise<AcceptOutcome> {
  const { invitation, coachName, caseloadDatabase } = pending;
  const about = { inviteId: invitation.inviteId, coachName, caseloadDatabase };
  const failed = (message: string): AcceptOutcome => ({ ...about, state: 'failed', message });
  if (now.getTime() > Date.parse(invitation.expiresAt)) {
    await closeInvitation(team, invitation.inviteId);
    return { ...about, state: 'expired', message: EXPIRED };
  }
  const read = await readDocument(team, answerId(invitation.inviteId));
  if (!read.ok) return failed(read.problem.message);
  if (read.value === null) {
    return { ...about, state: 'waiting', expiresAt: invitation.expiresAt };
  }
  const document = answerDocumentSchema.safeParse(read.value);
  const accepted = await leadAccept(
    invitation,
    document.success ? document.data.answer : null,
    now,
  );
  if (!accepted.ok) {
    if (accepted.reason === 'expired') {
      await closeInvitation(team, invitation.inviteId);
      return { ...about, state: 'expired', message: EXPIRED };
    }
    await closeInvitation(team, invitation.inviteId);
    return { ...about, state: 'refused', reason: accepted.reason, message: accepted.message };
  }

  const current = await readMembership(team, lead.fingerprint, caseloadDatabase, {
    current: held.get(caseloadDatabase) ?? null,
  });
  if (!current.ok) return failed(current.problem.message);
  const list = current.value;
  const keys = keysOfList(list.membership, caseloadKeys);
  if (!keys) {
    return failed(
      "This device does not hold every key of the caseload's list on the team server, so it cannot share them. Nothing was changed.",
    );
  }
  for (const key of keys) {
    const written = await writeDocument(
      team,
      {
        _id: keyId(accepted.coachFingerprint, caseloadDatabase, key.keyVersion),
        wrapped: await wrapCaseloadKey(key, accepted.coach),
      },
      { replace: true },
    );
    if (!written.ok) return failed(written.problem.message);
  }
  let newest = list.membership;
  const already = isMember(list.membership, accepted.coachFingerprint);
  if (!already || !list.coaches.includes(coachName)) {
    const published = await publishMembership(
      team,
      lead,
      {
        caseload: caseloadDatabase,
        version: list.membership.version + 1,
        members: already
          ? list.membership.members
          : [...list.membership.members, { fingerprint: accepted.coachFingerprint, role: 'coach' }],
        keys,
        coaches: [...list.coaches, coachName],
        now,
      },
      list.rev,
    );
    if (!published.ok) return failed(published.problem.message);
    newest = published.value;
  }
  held.set(caseloadDatabase, newest);
  await closeInvitation(team, invitation.inviteId);
  return {
    ...about,
    state: 'accepted',
    coachFingerprint: accepted.coachFingerprint,
    shownFingerprint: displayFingerprint(accepted.coachFingerprint),
    membership: newest,
  };
}

/**
 * Looks for the coaches' answers to the lead's pending invitations, one after another, and
 * accepts each answer that passes its check: the caseload's keys (every version, from
 * `caseloadKeys`, the lead's) wrapped for the coach's device, and the device added to the
 * caseload's list (a new version, signed). The offer and answer are then deleted. Says what
 * became of each invitation, in the order given; never throws for what the server sends.
 * `heldLists` are the newest lists the lead's device kept (from earlier outcomes): a list on
 * the server older than those is refused (rollback), and nothing is accepted into it.
 */
export async function acceptAnswers(
  team: TeamDirectory,
  lead: DeviceIdentity,
  pendingInvitations: readonly unknown[],
  caseloadKeys: readonly CaseloadKey[],
  now: Date,
  heldLists: readonly VerifiedMembership[] = [],
): Promise<AcceptOutcome[]> {
  const held = new Map(heldLists.map((list) => [list.caseloadId, list]));
  const outcomes: AcceptOutcome[] = [];
  for (const stored of pendingInvitations) {
    const pending = pendingInvitationSchema.safeParse(stored);
    if (!pending.success) {
      outcomes.push({
        inviteId: '',
        coachName: '',
        caseloadDatabase: '',
        state: 'refused',
        reason: 'malformed',
        message: 'An invitation kept on this device is not readable. Make a new invitation.',
      });
      continue;
    }
    outcomes.push(await acceptOne(team, lead, pending.data, caseloadKeys, now, held));
  }
  return outcomes;
}
