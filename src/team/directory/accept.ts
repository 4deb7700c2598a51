/**
 * The lead's side of joining, step 3 (./lead.ts makes the invitations): for each pending
 * invitation, the coach's answer checked with the code; the caseload's keys wrapped for the
 * coach's device, which joins the signed list.
 *
 * A swapped answer (a server in the middle) is refused and said, never accepted.
 */
import type { TeamResult } from '../couch-http';
import { wrapCaseloadKey, type CaseloadKey } from '../keys/caseload-key';
import { displayFingerprint, type DeviceIdentity } from '../keys/identity';
import { leadAccept, type InvitationFailure } from '../keys/invitation';
import { isMember, type VerifiedMembership } from '../keys/membership';
import {
  answerDocumentSchema,
  answerId,
  keyId,
  offerId,
  pendingInvitationSchema,
  type PendingInvitation,
} from './documents';
import { publishMembership } from './lead';
import { readMembership } from './membership-document';
import { keysOfList, publishDeviceKeys } from './remove';
import { deleteDocument, readDocument, writeDocument, type TeamDirectory } from './store';

interface About {
  inviteId: string;
  coachName: string;
  caseloadDatabase: string;
}

/**
 * What became of one pending invitation:
 * - 'answered': a device answered with the code; nothing is shared with it until the lead has
 *   compared its fingerprint with the coach's screen and confirmed it; keep the invitation;
 * - 'accepted': the coach's device holds the caseload's keys now; forget the invitation;
 * - 'waiting': no answer yet; keep it;
 * - 'refused': the answer failed its check (swapped on the way, not readable, written by
 *   someone without the code); it was not accepted and was removed, and the invitation stays
 *   open for the coach to answer again: keep it (an invitation kept on the device that is not
 *   readable is refused too, with inviteId '');
 * - 'expired': closed; forget it;
 * - 'failed': the server could not be asked or written; keep it and try again.
 */
export type AcceptOutcome =
  | (About & { state: 'answered'; coachFingerprint: string; shownFingerprint: string })
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

const ANSWER_REMOVED =
  "An answer to this invitation did not come from the coach's device with the code, or was changed on the way, so it was not accepted and was removed. The invitation stays open: ask the coach to answer it again (on their device: Stop joining, then enter the code again).";

const EXPIRED =
  'This invitation expired before it was accepted. Make a new invitation if the coach still needs to join.';

async function closeInvitation(team: TeamDirectory, inviteId: string) {
  await deleteDocument(team, offerId(inviteId));
  await deleteDocument(team, answerId(inviteId));
}

async function acceptOne(
  team: TeamDirectory,
  lead: DeviceIdentity,
  pending: PendingInvitation,
  caseloadKeys: readonly CaseloadKey[],
  now: Date,
  held: Map<string, VerifiedMembership>,
  confirmed: string | undefined,
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
    // Anyone on the team can write an answer: only this one goes, the invitation stays open
    // for the coach's own answer (a newer answer written meanwhile is left).
    const removed = await deleteDocument(
      team,
      answerId(invitation.inviteId),
      document.success ? document.data._rev : undefined,
    );
    if (!removed.ok) return failed(removed.problem.message);
    return { ...about, state: 'refused', reason: accepted.reason, message: ANSWER_REMOVED };
  }

  // Nothing is shared before the lead has compared this very device's fingerprint with the
  // coach's screen (an answer that changed since asks for the comparison again).
  if (confirmed !== accepted.coachFingerprint) {
    return {
      ...about,
      state: 'answered',
      coachFingerprint: accepted.coachFingerprint,
      shownFingerprint: displayFingerprint(accepted.coachFingerprint),
    };
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
  // The device's public keys, for a new caseload key when another device is removed later.
  const told = await publishDeviceKeys(team, accepted.coach);
  if (!told.ok) return failed(told.problem.message);
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
 * Looks for the coaches' answers to the lead's pending invitations, one after another. An
 * answer that passes its check is 'answered': its device's fingerprint, for the lead to compare
 * with the coach's screen. Once the lead has confirmed it (`confirmed`: the fingerprint the
 * lead compared, by inviteId), the answer is accepted: the caseload's keys (every version, from
 * `caseloadKeys`, the lead's) wrapped for the coach's device, and the device added to the
 * caseload's list (a new version, signed); the offer and answer are then deleted. Says what
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
  confirmed: Readonly<Record<string, string>> = {},
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
    const inviteId = pending.data.invitation.inviteId;
    outcomes.push(
      await acceptOne(team, lead, pending.data, caseloadKeys, now, held, confirmed[inviteId]),
    );
  }
  return outcomes;
}

/**
 * The lead refused a device whose fingerprint did not match the coach's screen: someone else
 * answered with the code. The invitation is closed (its offer and the answer deleted): the code
 * was seen, so a new invitation is needed, given in person. Nothing was shared with the device.
 */
export async function refuseAnswer(
  team: TeamDirectory,
  pending: PendingInvitation,
): Promise<TeamResult<null>> {
  const offer = await deleteDocument(team, offerId(pending.invitation.inviteId));
  if (!offer.ok) return offer;
  return deleteDocument(team, answerId(pending.invitation.inviteId));
}
