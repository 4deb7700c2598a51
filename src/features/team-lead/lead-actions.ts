/**
 * What the lead's screens do (issue 14), apart from how they look: open the lead's state
 * stored on this device (its identity with the data key, its caseload keys checked against
 * its lists), set the lead up, invite a coach, and settle the pending invitations. The team
 * directory's functions are passed in (tests give their own); every answer is plain words.
 */
import { LockedError, getDataKey } from '../../db/encryption/session-key';
import {
  readTeamLead,
  saveTeamLead,
  updateTeamLead,
  type TeamLead,
} from '../../db/repositories/team-lead';
import {
  acceptAnswers,
  inviteCoach,
  listCaseloads,
  setUpCaseload,
  type AcceptOutcome,
  type TeamDirectory,
} from '../../team/directory';
import { unwrapCaseloadKey, wrapCaseloadKey, type CaseloadKey } from '../../team/keys/caseload-key';
import {
  generateDeviceIdentity,
  openDeviceIdentity,
  type DeviceIdentity,
} from '../../team/keys/identity';
import {
  signMembership,
  verifyMembership,
  type Membership,
  type SignedMembership,
  type VerifiedMembership,
} from '../../team/keys/membership';

/** The team directory's functions the lead's screens call. */
export interface LeadDirectory {
  listCaseloads: typeof listCaseloads;
  setUpCaseload: typeof setUpCaseload;
  inviteCoach: typeof inviteCoach;
  acceptAnswers: typeof acceptAnswers;
}

export const teamDirectory: LeadDirectory = {
  listCaseloads,
  setUpCaseload,
  inviteCoach,
  acceptAnswers,
};

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** Where the lead's team is, and who is asking. */
export function teamOf(lead: {
  server: string;
  teamDatabase: string;
  userName: string;
  password: string;
}): TeamDirectory {
  return {
    address: lead.server,
    credentials: { name: lead.userName, password: lead.password },
    database: lead.teamDatabase,
  };
}

function dataKey(): Uint8Array {
  const key = getDataKey();
  if (!key) throw new LockedError();
  return key;
}

/** The lead's state opened: its identity, the caseload keys it holds, the lists it keeps. */
export interface OpenedLead {
  lead: TeamLead;
  identity: DeviceIdentity;
  keys: CaseloadKey[];
  held: VerifiedMembership[];
}

/**
 * Opens the stored state with the data key. A kept list that does not verify, or a key that
 * its list does not name, is left out (what the lead holds is then smaller, never wrong).
 */
export async function openLead(lead: TeamLead): Promise<OpenedLead> {
  const identity = await openDeviceIdentity(lead.identity, dataKey());
  const held: VerifiedMembership[] = [];
  for (const signed of lead.heldLists) {
    const checked = await verifyMembership(signed, {
      lead: identity.publicKeys,
      caseloadId: signed.membership.caseloadId,
    });
    if (checked.ok) held.push(checked.membership);
  }
  const keys: CaseloadKey[] = [];
  for (const wrapped of lead.caseloadKeys) {
    const list = held.find((m) => m.caseloadId === wrapped.caseloadId);
    if (!list) continue;
    const opened = await unwrapCaseloadKey(wrapped, identity, list);
    if (opened.ok) keys.push(opened.key);
  }
  return { lead, identity, keys, held };
}

/** The list as this device keeps it: the content it verified, signed by its own lead key. */
function keepList(identity: DeviceIdentity, list: Membership): Promise<SignedMembership> {
  return signMembership(identity, list);
}

function withList(lists: readonly SignedMembership[], kept: SignedMembership) {
  return [...lists.filter((s) => s.membership.caseloadId !== kept.membership.caseloadId), kept];
}

/**
 * Sets this device up as the team's lead: checks with the team database that the account
 * can read it, then makes the lead's identity (sealed by the data key) and saves it all.
 */
export async function setUpLead(
  details: { server: string; teamDatabase: string; userName: string; password: string },
  directory: LeadDirectory,
  now: Date,
): Promise<Outcome<TeamLead>> {
  const { identity, stored } = await generateDeviceIdentity(dataKey());
  const listed = await directory.listCaseloads(teamOf(details), identity);
  if (!listed.ok) return { ok: false, message: listed.problem.message };
  // Another tab may have set this device up meanwhile: its keys are never replaced.
  if ((await readTeamLead().catch(() => 'unreadable' as const)) !== null) {
    return {
      ok: false,
      message:
        'This device leads a team already (set up in another tab?). Reload this page to see it.',
    };
  }
  const lead = await saveTeamLead(
    { ...details, identity: stored, caseloadKeys: [], pending: [], heldLists: [] },
    now,
  );
  return { ok: true, value: lead };
}

/** A code as people read it: 7 groups of 4. */
export function groupedCode(code: string): string {
  const plain = code.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return (plain.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Invites one coach's device to a caseload: sets the caseload up first when this device holds
 * no key for it (the key is kept wrapped for this device, with its list), then makes the
 * invitation and keeps it as pending. Returns the code to give by hand.
 */
export async function inviteOne(
  opened: OpenedLead,
  details: { coachName: string; caseloadDatabase: string },
  directory: LeadDirectory,
  now: Date,
): Promise<Outcome<{ code: string; expiresAt: string; lead: TeamLead }>> {
  const team = teamOf(opened.lead);
  const { identity } = opened;
  if (!opened.keys.some((k) => k.caseloadId === details.caseloadDatabase)) {
    const made = await directory.setUpCaseload(team, identity, details.caseloadDatabase, now);
    if (!made.ok) {
      return {
        ok: false,
        message:
          made.problem.kind === 'already-exists'
            ? 'This caseload was set up for team working from another device, so this device does not hold its key and cannot invite to it.'
            : made.problem.message,
      };
    }
    const key = made.value;
    const wrapped = await wrapCaseloadKey(key, identity.publicKeys);
    // The list setUpCaseload published: this device alone, the first key.
    const kept = await keepList(identity, {
      format: 'resilience-coaching/caseload-membership',
      caseloadId: details.caseloadDatabase,
      version: 1,
      lead: identity.fingerprint,
      members: [{ fingerprint: identity.fingerprint, role: 'lead' }],
      keys: [{ keyVersion: key.keyVersion, commitment: key.commitment }],
      issuedAt: now.toISOString(),
    });
    await updateTeamLead(
      (lead) => ({
        ...lead,
        caseloadKeys: [...lead.caseloadKeys, wrapped],
        heldLists: withList(lead.heldLists, kept),
      }),
      now,
    );
  }
  const invited = await directory.inviteCoach(team, identity, details, now);
  if (!invited.ok) return { ok: false, message: invited.problem.message };
  const lead = await updateTeamLead(
    (current) => ({ ...current, pending: [...current.pending, invited.value.pending] }),
    now,
  );
  if (!lead) return { ok: false, message: 'This device no longer leads a team.' };
  return {
    ok: true,
    value: { code: invited.value.code, expiresAt: invited.value.expiresAt, lead },
  };
}

/**
 * Looks for the coaches' answers and settles each pending invitation: accepted, refused and
 * expired ones are dropped (an accepted one's new list kept); waiting and failed ones stay.
 */
export async function checkForAnswers(
  opened: OpenedLead,
  directory: LeadDirectory,
  now: Date,
): Promise<{ outcomes: AcceptOutcome[]; lead: TeamLead | null }> {
  const outcomes = await directory.acceptAnswers(
    teamOf(opened.lead),
    opened.identity,
    opened.lead.pending,
    opened.keys,
    now,
    opened.held,
  );
  const settled = new Set(
    outcomes
      .filter((o) => o.state === 'accepted' || o.state === 'refused' || o.state === 'expired')
      .map((o) => o.inviteId),
  );
  const kept: SignedMembership[] = [];
  for (const outcome of outcomes) {
    if (outcome.state === 'accepted')
      kept.push(await keepList(opened.identity, outcome.membership));
  }
  const lead = await updateTeamLead(
    (current) => ({
      ...current,
      pending: current.pending.filter((p) => !settled.has(p.invitation.inviteId)),
      heldLists: kept.reduce(withList, current.heldLists),
    }),
    now,
  );
  return { outcomes, lead };
}
