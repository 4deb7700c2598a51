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
  collectCaseloadKeys,
  inviteCoach,
  listCaseloads,
  refuseAnswer,
  removeFromCaseload,
  setUpCaseload,
  type AcceptOutcome,
  type Removal,
  type TeamDirectory,
} from '../../team/directory';
import {
  createCaseloadKey,
  rotateCaseloadKey,
  unwrapCaseloadKey,
  unwrapOwnCaseloadKey,
  wrapCaseloadKey,
  type CaseloadKey,
  type WrappedCaseloadKey,
} from '../../team/keys/caseload-key';
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
  collectCaseloadKeys: typeof collectCaseloadKeys;
  refuseAnswer: typeof refuseAnswer;
  removeFromCaseload: typeof removeFromCaseload;
}

export const teamDirectory: LeadDirectory = {
  listCaseloads,
  setUpCaseload,
  inviteCoach,
  acceptAnswers,
  collectCaseloadKeys,
  refuseAnswer,
  removeFromCaseload,
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

/**
 * The kept lists with `kept` in place of its caseload's, unless the one kept already is as new
 * or newer (two tabs, or a late answer, never put an older list back: the rollback check
 * compares with the newest).
 */
function withList(lists: readonly SignedMembership[], kept: SignedMembership) {
  const caseload = kept.membership.caseloadId;
  const held = lists.find((s) => s.membership.caseloadId === caseload);
  if (held && held.membership.version >= kept.membership.version) return [...lists];
  return [...lists.filter((s) => s.membership.caseloadId !== caseload), kept];
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

const SET_UP_ELSEWHERE =
  'This caseload was set up for team working from another device, so this device does not hold its key and cannot invite to it.';

/**
 * The key this device sets `caseload` up with, kept wrapped in the lead's row (settingUp)
 * before anything goes to the server: the one a try cut short kept, or a new one.
 */
async function keyToSetUp(
  identity: DeviceIdentity,
  caseload: string,
  now: Date,
): Promise<Outcome<CaseloadKey>> {
  const isFor = (k: WrappedCaseloadKey) => k.caseloadId === caseload && k.keyVersion === 1;
  const stored = await readTeamLead();
  const unopened = stored?.settingUp?.find(isFor);
  if (unopened) {
    const opened = await unwrapOwnCaseloadKey(unopened, identity);
    if (opened.ok) return { ok: true, value: opened.key };
  }
  const fresh = await createCaseloadKey(caseload, 1);
  const wrapped = await wrapCaseloadKey(fresh, identity.publicKeys);
  const lead = await updateTeamLead((current) => {
    const kept = current.settingUp ?? [];
    // Another tab may have kept one meanwhile: it is used. One that did not open is replaced.
    const theirs = kept.find((k) => isFor(k) && k.wrapped !== unopened?.wrapped);
    return { ...current, settingUp: [...kept.filter((k) => !isFor(k)), theirs ?? wrapped] };
  }, now);
  if (!lead) return { ok: false, message: 'This device no longer leads a team.' };
  const chosen = lead.settingUp?.find(isFor);
  if (!chosen || chosen.wrapped === wrapped.wrapped) return { ok: true, value: fresh };
  const theirs = await unwrapOwnCaseloadKey(chosen, identity);
  if (!theirs.ok)
    return { ok: false, message: 'A key kept on this device does not open. Try again.' };
  return { ok: true, value: theirs.key };
}

/** Keeps a caseload's keys and list as set up or collected; its key being set up is dropped. */
async function keepCaseload(
  identity: DeviceIdentity,
  keys: readonly CaseloadKey[],
  list: Membership,
  now: Date,
): Promise<void> {
  const wrapped = await Promise.all(keys.map((key) => wrapCaseloadKey(key, identity.publicKeys)));
  const kept = await keepList(identity, list);
  const caseload = list.caseloadId;
  await updateTeamLead(
    (lead) => ({
      ...lead,
      caseloadKeys: [...lead.caseloadKeys.filter((k) => k.caseloadId !== caseload), ...wrapped],
      settingUp: (lead.settingUp ?? []).filter((k) => k.caseloadId !== caseload),
      heldLists: withList(lead.heldLists, kept),
    }),
    now,
  );
}

/**
 * Sets `caseload` up from this device: its first key kept on the device first, then the key
 * and the list published. When the server has its list already (a try cut short after the
 * list went up, or another tab), this device's own key is collected from the server, checked
 * against the list this device's lead key signed; a caseload set up by another device stays
 * refused.
 */
async function setUpFromHere(
  opened: OpenedLead,
  caseload: string,
  directory: LeadDirectory,
  now: Date,
): Promise<Outcome<null>> {
  const team = teamOf(opened.lead);
  const { identity } = opened;
  const key = await keyToSetUp(identity, caseload, now);
  if (!key.ok) return key;
  const made = await directory.setUpCaseload(team, identity, caseload, now, key.value);
  if (made.ok) {
    // The list setUpCaseload published: this device alone, the first key.
    await keepCaseload(
      identity,
      [made.value],
      {
        format: 'resilience-coaching/caseload-membership',
        caseloadId: caseload,
        version: 1,
        lead: identity.fingerprint,
        members: [{ fingerprint: identity.fingerprint, role: 'lead' }],
        keys: [{ keyVersion: made.value.keyVersion, commitment: made.value.commitment }],
        issuedAt: now.toISOString(),
      },
      now,
    );
    return { ok: true, value: null };
  }
  if (made.problem.kind !== 'already-exists') return { ok: false, message: made.problem.message };
  const collected = await directory.collectCaseloadKeys(
    team,
    identity,
    identity.fingerprint,
    opened.held,
  );
  if (!collected.ok) return { ok: false, message: collected.problem.message };
  const mine =
    collected.value.state === 'collected'
      ? collected.value.caseloads.find((c) => c.caseloadDatabase === caseload)
      : undefined;
  if (!mine) return { ok: false, message: SET_UP_ELSEWHERE };
  await keepCaseload(identity, mine.keys, mine.membership, now);
  return { ok: true, value: null };
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
    const ready = await setUpFromHere(opened, details.caseloadDatabase, directory, now);
    if (!ready.ok) return ready;
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
 * Looks for the coaches' answers and settles each pending invitation: accepted and expired
 * ones are dropped (an accepted one's new list kept); answered (waiting for the lead to compare
 * the fingerprint), waiting, failed and refused ones stay (a refused answer was removed: the
 * coach can answer again). `confirmed`: the devices the lead has compared and confirmed, their
 * fingerprints by inviteId (only these are accepted); `only`: check just these invitations.
 */
export async function checkForAnswers(
  opened: OpenedLead,
  directory: LeadDirectory,
  now: Date,
  {
    confirmed = {},
    only,
  }: { confirmed?: Readonly<Record<string, string>>; only?: readonly string[] } = {},
): Promise<{ outcomes: AcceptOutcome[]; lead: TeamLead | null }> {
  const pending = only
    ? opened.lead.pending.filter((p) => only.includes(p.invitation.inviteId))
    : opened.lead.pending;
  const outcomes = await directory.acceptAnswers(
    teamOf(opened.lead),
    opened.identity,
    pending,
    opened.keys,
    now,
    opened.held,
    confirmed,
  );
  const settled = new Set(
    outcomes.filter((o) => o.state === 'accepted' || o.state === 'expired').map((o) => o.inviteId),
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

/**
 * The lead refused a device that answered (its fingerprint is not the one on the coach's
 * screen): the invitation is closed on the server and dropped here. Nothing was shared.
 */
export async function refuseDevice(
  opened: OpenedLead,
  directory: LeadDirectory,
  inviteId: string,
  now: Date,
): Promise<Outcome<TeamLead | null>> {
  const pending = opened.lead.pending.find((p) => p.invitation.inviteId === inviteId);
  if (pending) {
    const closed = await directory.refuseAnswer(teamOf(opened.lead), pending);
    if (!closed.ok) return { ok: false, message: closed.problem.message };
  }
  const lead = await updateTeamLead(
    (current) => ({
      ...current,
      pending: current.pending.filter((p) => p.invitation.inviteId !== inviteId),
    }),
    now,
  );
  return { ok: true, value: lead };
}

/**
 * The caseload's next key (version n + 1 of the newest this device holds for it), kept wrapped
 * in the lead's row before anything goes to the server: one a try cut short kept, or a new
 * one. (The lead's keys are opened against its lists, so a kept key no list names yet is not
 * used for anything else.)
 */
async function nextKeyFor(
  opened: OpenedLead,
  caseload: string,
  now: Date,
): Promise<Outcome<CaseloadKey>> {
  const newest = opened.keys
    .filter((k) => k.caseloadId === caseload)
    .sort((a, b) => b.keyVersion - a.keyVersion)[0];
  if (!newest) return { ok: false, message: 'This device holds no key for that caseload.' };
  const version = newest.keyVersion + 1;
  const isNext = (k: WrappedCaseloadKey) => k.caseloadId === caseload && k.keyVersion === version;
  const stored = await readTeamLead();
  const kept = stored?.caseloadKeys.find(isNext);
  if (kept) {
    const reopened = await unwrapOwnCaseloadKey(kept, opened.identity);
    if (reopened.ok) return { ok: true, value: reopened.key };
  }
  const fresh = await rotateCaseloadKey(newest);
  const wrapped = await wrapCaseloadKey(fresh, opened.identity.publicKeys);
  const lead = await updateTeamLead(
    (current) => ({
      ...current,
      caseloadKeys: [...current.caseloadKeys.filter((k) => !isNext(k)), wrapped],
    }),
    now,
  );
  if (!lead) return { ok: false, message: 'This device no longer leads a team.' };
  return { ok: true, value: fresh };
}

/**
 * Takes devices (a lost or replaced tablet) or a coach off a caseload: a new caseload key,
 * kept on this device first, wrapped for the devices that stay; a new signed list without the
 * removed ones, kept as this device's newest. The devices that stay take the new key at their
 * next check; a removed one stops syncing.
 */
export async function removeFromTeam(
  opened: OpenedLead,
  removal: Removal,
  directory: LeadDirectory,
  now: Date,
): Promise<Outcome<TeamLead | null>> {
  const next = await nextKeyFor(opened, removal.caseloadDatabase, now);
  if (!next.ok) return next;
  const held = opened.held.find((m) => m.caseloadId === removal.caseloadDatabase) ?? null;
  const removed = await directory.removeFromCaseload(
    teamOf(opened.lead),
    opened.identity,
    removal,
    opened.keys,
    next.value,
    now,
    held,
  );
  if (!removed.ok) return { ok: false, message: removed.problem.message };
  const kept = await keepList(opened.identity, removed.value);
  const lead = await updateTeamLead(
    (current) => ({ ...current, heldLists: withList(current.heldLists, kept) }),
    now,
  );
  return { ok: true, value: lead };
}
