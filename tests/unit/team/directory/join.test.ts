/**
 * Joining a team through the team database, against a real CouchDB-protocol server
 * (pouchdb-server in memory on 127.0.0.1, tests/support/couch-server.ts): the lead sets a
 * caseload up, invites a coach's device, the coach answers with the code, the lead accepts and
 * the coach's device collects the caseload key, with which it opens what the lead sealed. And
 * what a server in the middle tries: a swapped answer, a changed offer, a forged list, a key
 * of its own; an expired invitation; a mistyped code; a second device; another coach.
 *
 * Time is passed in (NOW and later), never waited for.
 */
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptAnswers,
  answerInvitation,
  collectCaseloadKeys,
  inviteCoach,
  listCaseloads,
  refuseAnswer,
  setUpCaseload,
  type PendingInvitation,
  type TeamDirectory,
} from '../../../../src/team/directory';
import {
  createCaseloadKey,
  unwrapCaseloadKey,
  wrapCaseloadKey,
  type CaseloadKey,
} from '../../../../src/team/keys/caseload-key';
import { openEnvelope, sealEnvelope } from '../../../../src/team/keys/envelope';
import { displayFingerprint, type DeviceIdentity } from '../../../../src/team/keys/identity';
import { createInvitation } from '../../../../src/team/keys/invitation';
import { signMembership } from '../../../../src/team/keys/membership';
import {
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../../../src/team/provision';
import { writeDocument } from '../../../../src/team/directory/store';
import { basicAuth, startCouchServer, type CouchServer } from '../../../support/couch-server';
import { must, newDevice, startDirectoryTeam, type DirectoryTeam } from './directory-fixtures';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

const COACHES = ['coach-a', 'coach-b', 'coach-c', 'coach-d'];
/** The coaches' accounts, as the fixture makes them. */
const coachUsers: TeamCredentials[] = COACHES.map((name) => ({
  name,
  password: `${name} password`,
}));

let fixture: DirectoryTeam;
let server: CouchServer;
let teamDatabase: string;
let leadUser: TeamCredentials;
let lead: DeviceIdentity;
/** The lead's caseload keys, as the lead's device holds them. */
let leadKeys: CaseloadKey[];

const teamAs = (who: TeamCredentials): TeamDirectory => fixture.teamAs(who);
const user = (name: string) => fixture.user(name);
const caseload = (name: string) => fixture.caseload(name);
const join = (coach: TeamCredentials, device: DeviceIdentity, database: string) =>
  fixture.join(coach, device, database, NOW);
const collected = (coach: TeamCredentials, device: DeviceIdentity) =>
  fixture.collected(coach, device);

/** The server's own view of a document, read as its admin (null when there is none). */
async function serverDocument(id: string): Promise<Record<string, unknown> | null> {
  const response = await fetch(`${server.url}/${teamDatabase}/${encodeURIComponent(id)}`, {
    headers: { authorization: basicAuth(server.admin) },
  });
  if (response.status === 404) return null;
  return (await response.json()) as Record<string, unknown>;
}

/** What a server's administrator can do: write any document of the team database. */
async function serverWrites(id: string, content: Record<string, unknown>) {
  const current = await serverDocument(id);
  const response = await fetch(`${server.url}/${teamDatabase}/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: { authorization: basicAuth(server.admin), 'content-type': 'application/json' },
    body: JSON.stringify({ ...content, _id: id, ...(current ? { _rev: current._rev } : {}) }),
  });
  expect(response.status).toBe(201);
}

async function allServerDocuments(): Promise<string> {
  const response = await fetch(`${server.url}/${teamDatabase}/_all_docs?include_docs=true`, {
    headers: { authorization: basicAuth(server.admin) },
  });
  return JSON.stringify(await response.json());
}

const note = z.object({ text: z.string() });

beforeAll(async () => {
  fixture = await startDirectoryTeam(COACHES, NOW);
  ({ server, teamDatabase, leadUser, lead, leadKeys } = fixture);
});

afterAll(async () => {
  await fixture?.stop();
});

describe('a coach joins', () => {
  it('gets the caseload key from the lead through the server, and opens what the lead sealed', async () => {
    const team = teamAs(leadUser);
    const device = await newDevice();
    const database = caseload('coach-a');
    const invited = must(
      await inviteCoach(team, lead, { coachName: 'coach-a', caseloadDatabase: database }, NOW),
    );
    expect(invited.code).toMatch(/^([A-Z2-9]{4}-){6}[A-Z2-9]{4}$/);
    expect(invited.expiresAt).toBe(later(7 * DAY).toISOString());
    // The pending invitation is plain JSON the lead's device can keep.
    const kept = JSON.parse(JSON.stringify(invited.pending)) as PendingInvitation;
    expect(kept).toEqual(invited.pending);

    // Before the coach answers: nothing to accept, nothing to collect.
    expect(await acceptAnswers(team, lead, [kept], leadKeys, NOW)).toEqual([
      {
        state: 'waiting',
        inviteId: kept.invitation.inviteId,
        coachName: 'coach-a',
        caseloadDatabase: database,
        expiresAt: invited.expiresAt,
      },
    ]);

    const answered = must(
      await answerInvitation(teamAs(user('coach-a')), invited.code.toLowerCase(), device, NOW),
    );
    expect(answered.leadFingerprint).toBe(lead.fingerprint);
    expect(answered.shownLeadFingerprint).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(
      must(await collectCaseloadKeys(teamAs(user('coach-a')), device, lead.fingerprint)),
    ).toMatchObject({ state: 'waiting' });

    // Answered: the device's fingerprint, for the lead to compare; nothing shared yet, also
    // when the lead confirmed another fingerprint (review finding 3).
    const inviteId = kept.invitation.inviteId;
    for (const confirmed of [{}, { [inviteId]: 'e'.repeat(64) }]) {
      expect(await acceptAnswers(team, lead, [kept], leadKeys, NOW, [], confirmed)).toEqual([
        {
          state: 'answered',
          inviteId,
          coachName: 'coach-a',
          caseloadDatabase: database,
          coachFingerprint: device.fingerprint,
          shownFingerprint: displayFingerprint(device.fingerprint),
        },
      ]);
    }
    expect(await serverDocument(`key-${device.fingerprint}-${database}-1`)).toBeNull();
    expect(await serverDocument(`answer-${inviteId}`)).not.toBeNull();

    const [outcome] = await acceptAnswers(team, lead, [kept], leadKeys, later(DAY), [], {
      [inviteId]: device.fingerprint,
    });
    expect(outcome).toMatchObject({
      state: 'accepted',
      coachName: 'coach-a',
      caseloadDatabase: database,
      coachFingerprint: device.fingerprint,
    });
    // The code was for one use: offer and answer are gone from the server.
    expect(await serverDocument(`offer-${kept.invitation.inviteId}`)).toBeNull();
    expect(await serverDocument(`answer-${kept.invitation.inviteId}`)).toBeNull();

    const [mine, ...others] = await collected(user('coach-a'), device);
    expect(others).toEqual([]);
    expect(mine?.caseloadDatabase).toBe(database);
    expect(mine?.keys.map((key) => [key.caseloadId, key.keyVersion])).toEqual([[database, 1]]);
    const leadKey = leadKeys.find((key) => key.caseloadId === database);
    if (!leadKey || !mine?.keys[0]) throw new Error('no key');
    const sealed = await sealEnvelope(leadKey, 'a1b2c3', { text: 'Written by the lead' });
    expect(
      await openEnvelope(sealed, { caseloadId: database, keys: mine.keys, schema: note }),
    ).toMatchObject({ ok: true, record: { text: 'Written by the lead' } });
    // And the other way round.
    const back = await sealEnvelope(mine.keys[0], 'd4e5f6', { text: 'Written by the coach' });
    expect(
      await openEnvelope(back, { caseloadId: database, keys: [leadKey], schema: note }),
    ).toMatchObject({ ok: true, record: { text: 'Written by the coach' } });

    // The lead's coach list: who holds the caseload, with which devices.
    const listing = must(await listCaseloads(team, lead));
    expect(listing.refused).toEqual([]);
    expect(listing.caseloads.find((c) => c.caseloadDatabase === database)).toMatchObject({
      coaches: ['coach-a'],
      devices: [
        { fingerprint: lead.fingerprint, role: 'lead' },
        { fingerprint: device.fingerprint, role: 'coach' },
      ],
      keyVersion: 1,
      listVersion: 2,
      issuedAt: later(DAY).toISOString(),
    });
    // The lead's own device gets its keys back the same way (after a reload, say).
    const leadsOwn = must(await collectCaseloadKeys(team, lead, lead.fingerprint));
    expect(leadsOwn.state === 'collected' && leadsOwn.caseloads.length).toBe(coachUsers.length);

    // The team database holds no names but the user names the server knows already.
    const everything = await allServerDocuments();
    expect(everything).not.toContain('Written by');
  });

  it('gives a second device of the same coach the same caseload key', async () => {
    const first = await newDevice();
    const second = await newDevice();
    const database = caseload('coach-b');
    await join(user('coach-b'), first, database);
    const older = await serverDocument(`membership-${database}`);
    const { newestList } = await join(user('coach-b'), second, database);
    expect(newestList.version).toBe(3);
    const [one] = await collected(user('coach-b'), first);
    const [two] = await collected(user('coach-b'), second);
    expect(one?.keys[0]?.commitment).toBe(two?.keys[0]?.commitment);
    if (!one?.keys[0] || !two?.keys[0]) throw new Error('no key');
    const sealed = await sealEnvelope(one.keys[0], 'f00d', { text: 'From the first device' });
    expect(
      await openEnvelope(sealed, { caseloadId: database, keys: two.keys, schema: note }),
    ).toMatchObject({ ok: true });
    const listing = must(await listCaseloads(teamAs(leadUser), lead));
    const entry = listing.caseloads.find((c) => c.caseloadDatabase === database);
    expect(entry?.coaches).toEqual(['coach-b']);
    expect(entry?.devices.map((d) => d.fingerprint)).toEqual([
      lead.fingerprint,
      first.fingerprint,
      second.fingerprint,
    ]);
    expect(entry?.listVersion).toBe(3);

    // A device that holds the newer list refuses the older one put back (rollback).
    const newer = await serverDocument(`membership-${database}`);
    if (!older || !newer || !one) throw new Error('no list');
    await serverWrites(`membership-${database}`, older);
    const rolledBack = must(
      await collectCaseloadKeys(teamAs(user('coach-b')), first, lead.fingerprint, [one.membership]),
    );
    expect(rolledBack).toEqual({
      state: 'collected',
      caseloads: [],
      refused: [
        {
          caseloadDatabase: database,
          message:
            "The caseload's membership list on the team server is older than the one this device holds, so it was not taken. Tell your service lead: someone may have changed it on the server.",
        },
      ],
    });

    // The lead's device, holding the newest list, accepts nothing into the older one.
    const third = await newDevice();
    const invited = must(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'coach-b', caseloadDatabase: database },
        NOW,
      ),
    );
    must(await answerInvitation(teamAs(user('coach-b')), invited.code, third, NOW));
    const [refusedByLead] = await acceptAnswers(
      teamAs(leadUser),
      lead,
      [invited.pending],
      leadKeys,
      NOW,
      [newestList],
      { [invited.pending.invitation.inviteId]: third.fingerprint },
    );
    expect(refusedByLead).toMatchObject({
      state: 'failed',
      message:
        "The caseload's membership list on the team server is older than the one this device holds, so it was not taken. Tell your service lead: someone may have changed it on the server.",
    });
    expect(await serverDocument(`key-${third.fingerprint}-${database}-1`)).toBeNull();
    expect(await serverDocument(`membership-${database}`)).toMatchObject({
      signed: { membership: { version: 2 } },
    });

    // With the newest list back, the same invitation is accepted (it was kept: 'failed').
    await serverWrites(`membership-${database}`, newer);
    const [acceptedLater] = await acceptAnswers(
      teamAs(leadUser),
      lead,
      [invited.pending],
      leadKeys,
      NOW,
      [newestList],
      { [invited.pending.invitation.inviteId]: third.fingerprint },
    );
    expect(acceptedLater).toMatchObject({
      state: 'accepted',
      coachFingerprint: third.fingerprint,
      membership: { version: 4 },
    });
  });

  it("lets another coach read the team database, but not unwrap another caseload's key", async () => {
    const deviceC = await newDevice();
    const deviceA = await newDevice();
    await join(user('coach-c'), deviceC, caseload('coach-c'));
    await join(user('coach-a'), deviceA, caseload('coach-a'));
    // Coach C collects only caseload C.
    const theirs = await collected(user('coach-c'), deviceC);
    expect(theirs.map((c) => c.caseloadDatabase)).toEqual([caseload('coach-c')]);

    // C reads A's wrapped key from the team database (members may read it all) ...
    const id = `key-${deviceA.fingerprint}-${caseload('coach-a')}-1`;
    const response = await fetch(`${server.url}/${teamDatabase}/${id}`, {
      headers: { authorization: basicAuth(user('coach-c')) },
    });
    expect(response.status).toBe(200);
    const { wrapped } = (await response.json()) as { wrapped: Record<string, unknown> };
    const listA = must(
      await collectCaseloadKeys(teamAs(user('coach-a')), deviceA, lead.fingerprint),
    );
    if (listA.state !== 'collected' || !listA.caseloads[0]) throw new Error('no list');
    const { membership } = listA.caseloads[0];
    // ... and cannot open it: it is wrapped for A's device, even when relabelled for C's.
    expect(await unwrapCaseloadKey(wrapped, deviceC, membership)).toEqual({
      ok: false,
      reason: 'not-for-this-device',
    });
    expect(
      await unwrapCaseloadKey({ ...wrapped, recipient: deviceC.fingerprint }, deviceC, membership),
    ).toEqual({ ok: false, reason: 'damaged' });
    // Copied under C's own id by C (a member may write), it still opens for nobody but A.
    await serverWrites(`key-${deviceC.fingerprint}-${caseload('coach-a')}-1`, { wrapped });
    const after = must(
      await collectCaseloadKeys(teamAs(user('coach-c')), deviceC, lead.fingerprint),
    );
    expect(after.state === 'collected' && after.caseloads.map((c) => c.caseloadDatabase)).toEqual([
      caseload('coach-c'),
    ]);
  });
});

describe('what a server in the middle cannot do', () => {
  it('refuses an answer whose keys the server swapped, and says so', async () => {
    const coach = await newDevice();
    const attacker = await newDevice();
    const database = caseload('coach-d');
    const invited = must(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'coach-d', caseloadDatabase: database },
        NOW,
      ),
    );
    must(await answerInvitation(teamAs(user('coach-d')), invited.code, coach, NOW));
    const inviteId = invited.pending.invitation.inviteId;
    const stored = await serverDocument(`answer-${inviteId}`);
    const answer = stored?.answer as Record<string, unknown>;
    await serverWrites(`answer-${inviteId}`, { answer: { ...answer, coach: attacker.publicKeys } });

    const [outcome] = await acceptAnswers(teamAs(leadUser), lead, [invited.pending], leadKeys, NOW);
    expect(outcome).toEqual({
      state: 'refused',
      reason: 'changed-on-the-way',
      inviteId,
      coachName: 'coach-d',
      caseloadDatabase: database,
      message:
        "An answer to this invitation did not come from the coach's device with the code, or was changed on the way, so it was not accepted and was removed. The invitation stays open: ask the coach to answer it again (on their device: Stop joining, then enter the code again).",
    });
    // Nothing was wrapped for either key and the list is unchanged. Only the answer is gone:
    // the invitation stays open (review finding 13).
    expect(await serverDocument(`key-${attacker.fingerprint}-${database}-1`)).toBeNull();
    expect(await serverDocument(`key-${coach.fingerprint}-${database}-1`)).toBeNull();
    const entry = must(await listCaseloads(teamAs(leadUser), lead)).caseloads.find(
      (c) => c.caseloadDatabase === database,
    );
    expect(entry?.devices.map((d) => d.fingerprint)).toEqual([lead.fingerprint]);
    expect(await serverDocument(`answer-${inviteId}`)).toBeNull();
    expect(await serverDocument(`offer-${inviteId}`)).not.toBeNull();
    expect(
      must(await collectCaseloadKeys(teamAs(user('coach-d')), attacker, lead.fingerprint)),
    ).toMatchObject({ state: 'waiting' });
  });

  it('lets no team member block joining with junk answers: the coach answers again', async () => {
    const coach = await newDevice();
    const database = caseload('coach-d');
    const invited = must(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'coach-d', caseloadDatabase: database },
        NOW,
      ),
    );
    const inviteId = invited.pending.invitation.inviteId;
    // Another coach (members may read the offers and write) answers without the code.
    const junk = must(
      await writeDocument(teamAs(user('coach-a')), {
        _id: `answer-${inviteId}`,
        answer: { not: 'an answer' },
      }),
    );
    expect(junk.rev).toBeTruthy();
    const [first] = await acceptAnswers(teamAs(leadUser), lead, [invited.pending], leadKeys, NOW);
    expect(first).toMatchObject({ state: 'refused', reason: 'malformed' });
    expect(await serverDocument(`offer-${inviteId}`)).not.toBeNull();
    expect(await serverDocument(`answer-${inviteId}`)).toBeNull();

    // The coach answers with the code, and the same kept invitation is accepted.
    must(await answerInvitation(teamAs(user('coach-d')), invited.code, coach, NOW));
    const [second] = await acceptAnswers(
      teamAs(leadUser),
      lead,
      [invited.pending],
      leadKeys,
      NOW,
      [],
      { [inviteId]: coach.fingerprint },
    );
    expect(second).toMatchObject({ state: 'accepted', coachFingerprint: coach.fingerprint });
  });

  it('closes the invitation when the lead refuses a device whose fingerprint differs', async () => {
    const impostor = await newDevice();
    const database = caseload('coach-d');
    const invited = must(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'coach-d', caseloadDatabase: database },
        NOW,
      ),
    );
    const inviteId = invited.pending.invitation.inviteId;
    // Someone who saw the code answers first, from their own device.
    must(await answerInvitation(teamAs(user('coach-a')), invited.code, impostor, NOW));
    const [answered] = await acceptAnswers(
      teamAs(leadUser),
      lead,
      [invited.pending],
      leadKeys,
      NOW,
    );
    expect(answered).toMatchObject({ state: 'answered', coachFingerprint: impostor.fingerprint });
    // The coach's screen shows another number: the lead refuses.
    must(await refuseAnswer(teamAs(leadUser), invited.pending));
    expect(await serverDocument(`offer-${inviteId}`)).toBeNull();
    expect(await serverDocument(`answer-${inviteId}`)).toBeNull();
    expect(await serverDocument(`key-${impostor.fingerprint}-${database}-1`)).toBeNull();
    expect(
      must(await collectCaseloadKeys(teamAs(user('coach-a')), impostor, lead.fingerprint)),
    ).toMatchObject({ state: 'waiting' });
  });

  it('refuses an offer the server changed, and sends no answer', async () => {
    const coach = await newDevice();
    const impostor = await newDevice();
    const invited = must(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'coach-d', caseloadDatabase: caseload('coach-d') },
        NOW,
      ),
    );
    const inviteId = invited.pending.invitation.inviteId;
    const stored = await serverDocument(`offer-${inviteId}`);
    const offer = stored?.offer as Record<string, unknown>;
    await serverWrites(`offer-${inviteId}`, { offer: { ...offer, lead: impostor.publicKeys } });
    const answered = await answerInvitation(teamAs(user('coach-d')), invited.code, coach, NOW);
    expect(answered).toEqual({
      ok: false,
      problem: {
        kind: 'invitation-changed',
        message:
          'This invitation does not match the code: it was changed on the way, or the code is for another invitation. Do not join; tell the service lead.',
      },
    });
    expect(await serverDocument(`answer-${inviteId}`)).toBeNull();
  });

  it('refuses a membership list the server forged, or a key of its own', async () => {
    const device = await newDevice();
    const database = caseload('coach-d');
    await join(user('coach-d'), device, database);
    const genuine = await serverDocument(`membership-${database}`);
    if (!genuine) throw new Error('no list');
    const coachTeam = teamAs(user('coach-d'));
    const refusal = async () => {
      const result = must(await collectCaseloadKeys(coachTeam, device, lead.fingerprint));
      if (result.state !== 'collected') throw new Error(result.message);
      expect(result.caseloads).toEqual([]);
      return result.refused.map((r) => r.message);
    };

    // A list signed by a key of the server's own, naming its own lead keys.
    const forger = await newDevice();
    const forgedKey = await createCaseloadKey(database);
    const forged = await signMembership(forger, {
      caseloadId: database,
      version: 9,
      members: [
        { fingerprint: forger.fingerprint, role: 'lead' },
        { fingerprint: device.fingerprint, role: 'coach' },
      ],
      keys: [forgedKey],
      issuedAt: NOW.toISOString(),
    });
    await serverWrites(`membership-${database}`, {
      ...genuine,
      lead: forger.publicKeys,
      signed: forged,
    });
    expect(await refusal()).toEqual([
      "The caseload's membership list on the team server names another lead than the one your invitation came from, so it was not taken. Tell your service lead: someone may have changed it on the server.",
    ]);

    // The lead's keys kept, but a member added to the signed list.
    const signed = genuine.signed as { membership: { members: unknown[] }; signature: string };
    await serverWrites(`membership-${database}`, {
      ...genuine,
      signed: {
        ...signed,
        membership: {
          ...signed.membership,
          members: [
            ...signed.membership.members,
            { fingerprint: forger.fingerprint, role: 'coach' },
          ],
        },
      },
    });
    expect(await refusal()).toEqual([
      "The caseload's membership list on the team server is not signed by your service lead, so it was not taken. Tell your service lead: someone may have changed it on the server.",
    ]);
    // The lead's list of coaches leaves it out too.
    expect(must(await listCaseloads(teamAs(leadUser), lead)).refused).toEqual([database]);

    // Another coach named as its holder.
    await serverWrites(`membership-${database}`, { ...genuine, coaches: ['coach-a'] });
    expect(await refusal()).toEqual([
      "The caseload's membership list on the team server names coaches your service lead did not sign, so it was not taken. Tell your service lead: someone may have changed it on the server.",
    ]);

    // The genuine list back, and a key of the server's own wrapped for the coach in place of
    // the lead's: the list's commitment refuses it.
    await serverWrites(`membership-${database}`, genuine);
    await serverWrites(`key-${device.fingerprint}-${database}-1`, {
      wrapped: await wrapCaseloadKey(forgedKey, device.publicKeys),
    });
    expect(await refusal()).toEqual([
      "A key for this caseload on the team server is not the one your service lead's list names. Tell your service lead.",
    ]);
  });
});

describe('invitations that cannot be used', () => {
  it('says an expired invitation has expired, to the coach and to the lead', async () => {
    const device = await newDevice();
    const invited = must(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'coach-c', caseloadDatabase: caseload('coach-c') },
        NOW,
        DAY,
      ),
    );
    expect(
      await answerInvitation(teamAs(user('coach-c')), invited.code, device, later(2 * DAY)),
    ).toEqual({
      ok: false,
      problem: {
        kind: 'invitation-expired',
        message: 'This invitation has expired. Ask the service lead for a new invitation code.',
      },
    });
    const [outcome] = await acceptAnswers(
      teamAs(leadUser),
      lead,
      [invited.pending],
      leadKeys,
      later(2 * DAY),
    );
    expect(outcome).toMatchObject({ state: 'expired', coachName: 'coach-c' });
    // Closed on the server: the code now finds nothing.
    expect(await serverDocument(`offer-${invited.pending.invitation.inviteId}`)).toBeNull();
    expect(
      await answerInvitation(teamAs(user('coach-c')), invited.code, device, NOW),
    ).toMatchObject({ ok: false, problem: { kind: 'invitation-not-found' } });
  });

  it('says a mistyped code is mistyped, and a code of no invitation finds none', async () => {
    const device = await newDevice();
    const invited = must(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'coach-c', caseloadDatabase: caseload('coach-c') },
        NOW,
      ),
    );
    const first = invited.code.charAt(0);
    const typo = `${first === 'A' ? 'B' : 'A'}${invited.code.slice(1)}`;
    expect(await answerInvitation(teamAs(user('coach-c')), typo, device, NOW)).toEqual({
      ok: false,
      problem: {
        kind: 'code-mistyped',
        message: 'That invitation code has a typing mistake. Check each group of 4.',
      },
    });
    expect(
      await answerInvitation(teamAs(user('coach-c')), invited.code.slice(0, 20), device, NOW),
    ).toMatchObject({ ok: false, problem: { kind: 'code-mistyped' } });
    // A well-formed code the lead never put on the server.
    const elsewhere = await createInvitation(lead, { now: NOW });
    expect(await answerInvitation(teamAs(user('coach-c')), elsewhere.code, device, NOW)).toEqual({
      ok: false,
      problem: {
        kind: 'invitation-not-found',
        message:
          'There is no invitation with this code on the team server. Check the code with your service lead: it may have been used already, or closed.',
      },
    });
    // Someone who is not on the team cannot look invitations up at all.
    const outsider = { name: 'not-on-team', password: 'outsider password' };
    must(await createTeamUser(server.url, server.admin, outsider));
    expect(await answerInvitation(teamAs(outsider), invited.code, device, NOW)).toMatchObject({
      ok: false,
      problem: { kind: 'not-allowed' },
    });
  });
});

describe('what the lead is told', () => {
  it('refuses to invite to a caseload not set up, or a coach name the server cannot have', async () => {
    const notSetUp = must(
      await provisionCoach(
        server.url,
        server.admin,
        { name: 'coach-e', password: 'coach-e password' },
        leadUser.name,
        teamDatabase,
      ),
    ).database;
    expect(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'coach-e', caseloadDatabase: notSetUp },
        NOW,
      ),
    ).toEqual({
      ok: false,
      problem: {
        kind: 'not-found',
        message:
          'This caseload is not set up for team working yet: set it up before inviting its coach.',
      },
    });
    expect(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'Coach E', caseloadDatabase: caseload('coach-a') },
        NOW,
      ),
    ).toMatchObject({ ok: false, problem: { kind: 'invalid-name' } });
  });

  it('says an invitation kept on the device that is not readable, and accepts nothing for it', async () => {
    const invited = must(
      await inviteCoach(
        teamAs(leadUser),
        lead,
        { coachName: 'coach-a', caseloadDatabase: caseload('coach-a') },
        NOW,
      ),
    );
    const changed = { ...invited.pending, caseloadDatabase: 'caseload-of-someone' };
    expect(await acceptAnswers(teamAs(leadUser), lead, [changed, null], leadKeys, NOW)).toEqual([
      expect.objectContaining({ state: 'refused', reason: 'malformed' }),
      expect.objectContaining({
        state: 'refused',
        reason: 'malformed',
        message: 'An invitation kept on this device is not readable. Make a new invitation.',
      }),
    ]);
  });
});

describe('what the team database holds', () => {
  it('holds only the protocol: public keys, MACs, wrapped keys, signed lists and user names', async () => {
    const response = await fetch(`${server.url}/${teamDatabase}/_all_docs?include_docs=true`, {
      headers: { authorization: basicAuth(server.admin) },
    });
    const { rows } = (await response.json()) as {
      rows: { id: string; doc: Record<string, unknown> }[];
    };
    expect(rows.length).toBeGreaterThan(coachUsers.length);
    const fields: Record<string, string[]> = {
      offer: ['_id', '_rev', 'offer'],
      answer: ['_id', '_rev', 'answer'],
      membership: ['_id', '_rev', 'coaches', 'coachesSignature', 'lead', 'signed'],
      key: ['_id', '_rev', 'wrapped'],
      device: ['_id', '_rev', 'publicKeys'],
    };
    for (const { id, doc } of rows) {
      const kind = id.slice(0, id.indexOf('-'));
      expect(Object.keys(doc).sort(), id).toEqual(fields[kind]);
      if (kind === 'membership') {
        // The only names: user names of the coaches (the caseload database's members).
        for (const name of doc.coaches as string[]) {
          expect(coachUsers.map((coach) => coach.name)).toContain(name);
        }
      }
    }
  });
});

describe('what a person is told when the server is not there', () => {
  it('says a wrong password, a name that is not a team database, and a stopped server', async () => {
    const device = await newDevice();
    const wrong = { ...teamAs(user('coach-a')), credentials: { name: 'coach-a', password: 'no' } };
    expect(await collectCaseloadKeys(wrong, device, lead.fingerprint)).toEqual({
      ok: false,
      problem: {
        kind: 'wrong-credentials',
        status: 401,
        message: 'The user name or password is not right. Check them and try again.',
      },
    });
    const notTeam = { ...teamAs(leadUser), database: caseload('coach-a') };
    expect(await setUpCaseload(notTeam, lead, caseload('coach-a'), NOW)).toMatchObject({
      ok: false,
      problem: { kind: 'invalid-name' },
    });
    expect(await setUpCaseload(teamAs(leadUser), lead, caseload('coach-a'), NOW)).toMatchObject({
      ok: false,
      problem: { kind: 'already-exists' },
    });
    const stopping = await startCouchServer();
    await stopping.stop();
    const gone = { ...teamAs(user('coach-a')), address: stopping.url };
    expect(
      await answerInvitation(gone, (await createInvitation(lead, { now: NOW })).code, device, NOW),
    ).toMatchObject({ ok: false, problem: { kind: 'server-unreachable' } });
  });
});
