/**
 * A coach's device joining a team through the app's own steps (src/features/team/join-steps.ts,
 * behind Settings > Team's join form), against a CouchDB-protocol test server the test starts
 * and stops on 127.0.0.1: the lead (the directory's module calls) sets up a caseload and
 * invites; the device answers with the code, waits, and once the lead has accepted it saves a
 * team connection whose keys open what the lead sealed. Time is passed in, never waited for.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getDb } from '../../../src/db/database';
import { getDataKey, lock, setDataKey } from '../../../src/db/encryption/session-key';
import { readTeamConnection } from '../../../src/db/repositories/team-connection';
import { readTeamJoin } from '../../../src/db/repositories/team-join';
import { ValidationError } from '../../../src/domain/validation';
import {
  answerTeamInvitation,
  collectTeamKeys,
  loadJoinDirectory,
  type JoinDirectory,
} from '../../../src/features/team/join-steps';
import { randomBytes } from '../../../src/lib/crypto';
import {
  acceptAnswers,
  inviteCoach,
  setUpCaseload,
  type TeamDirectory,
} from '../../../src/team/directory';
import { unwrapCaseloadKey, type CaseloadKey } from '../../../src/team/keys/caseload-key';
import { openEnvelope, sealEnvelope } from '../../../src/team/keys/envelope';
import {
  generateDeviceIdentity,
  openDeviceIdentity,
  type DeviceIdentity,
} from '../../../src/team/keys/identity';
import { verifyMembership } from '../../../src/team/keys/membership';
import {
  createTeamDatabase,
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../support/couch-server';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const leadUser: TeamCredentials = { name: 'lead-1', password: 'lead password 1' };
const coachUser: TeamCredentials = { name: 'coach-amber', password: 'amber password 1' };

let server: CouchServer;
let teamDatabase: string;
let caseloadDatabase: string;
let lead: DeviceIdentity;
let leadKey: CaseloadKey;
let directory: JoinDirectory;

function must<T>(result: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

const leadTeam = (): TeamDirectory => ({
  address: server.url,
  credentials: leadUser,
  database: teamDatabase,
});

beforeAll(async () => {
  server = await startCouchServer();
  must(await createTeamUser(server.url, server.admin, leadUser));
  teamDatabase = must(
    await createTeamDatabase(server.url, server.admin, { lead: leadUser.name }),
  ).database;
  caseloadDatabase = must(
    await provisionCoach(server.url, server.admin, coachUser, leadUser.name, teamDatabase),
  ).database;
  lead = (await generateDeviceIdentity(randomBytes(32))).identity;
  leadKey = must(await setUpCaseload(leadTeam(), lead, caseloadDatabase, NOW));
  directory = await loadJoinDirectory();
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
});

async function invite() {
  return must(
    await inviteCoach(leadTeam(), lead, { coachName: coachUser.name, caseloadDatabase }, NOW),
  );
}

const details = (code: string, password = coachUser.password) => ({
  server: server.url,
  teamDatabase,
  userName: coachUser.name,
  password,
  code,
});

describe("a coach's device joining through the app's steps", () => {
  it('answers, waits, and once accepted keeps a connection whose key opens what the lead sealed', async () => {
    const invited = await invite();
    const join = await answerTeamInvitation(details(invited.code), directory, NOW);
    expect(join.leadFingerprint).toBe(lead.fingerprint);
    expect(await readTeamJoin()).toEqual(join);

    expect(await collectTeamKeys(join, directory, NOW)).toMatchObject({ state: 'waiting' });
    expect(await readTeamConnection()).toBeNull();

    // The lead compared this device's fingerprint with the coach's screen.
    const [outcome] = await acceptAnswers(leadTeam(), lead, [invited.pending], [leadKey], NOW, [], {
      [invited.pending.invitation.inviteId]: join.identity.fingerprint,
    });
    expect(outcome).toMatchObject({ state: 'accepted', coachName: coachUser.name });

    expect(await collectTeamKeys(join, directory, NOW)).toEqual({
      state: 'connected',
      caseloadDatabase,
      notes: [],
    });
    expect(await readTeamJoin()).toBeNull();
    const connection = await readTeamConnection();
    expect(connection).toMatchObject({
      server: server.url,
      userName: coachUser.name,
      caseloadDatabase,
      identity: join.identity,
    });

    // What the device kept opens what the lead's device sealed for the caseload.
    const me = await openDeviceIdentity(connection!.identity, getDataKey()!);
    const list = await verifyMembership(connection!.membership, {
      lead: connection!.lead,
      caseloadId: caseloadDatabase,
    });
    if (!list.ok) throw new Error(list.reason);
    const unwrapped = await unwrapCaseloadKey(connection!.caseloadKeys[0], me, list.membership);
    if (!unwrapped.ok) throw new Error(unwrapped.reason);
    const sealed = await sealEnvelope(leadKey, 'doc-1', { note: 'from the lead' });
    const opened = await openEnvelope(sealed, {
      caseloadId: caseloadDatabase,
      keys: [unwrapped.key],
      schema: z.unknown(),
    });
    expect(opened).toMatchObject({ ok: true, record: { note: 'from the lead' } });
  });

  it('says a wrong password plainly, and keeps nothing', async () => {
    const invited = await invite();
    await expect(
      answerTeamInvitation(details(invited.code, 'not the password'), directory, NOW),
    ).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof ValidationError && /password/i.test(error.fieldErrors._form ?? ''),
    );
    expect(await readTeamJoin()).toBeNull();
  });

  it('keeps the join before the answer goes to the server, and sends nothing if it cannot', async () => {
    const invited = await invite();
    const inviteId = invited.pending.invitation.inviteId;
    let seenWhenKept: { join: unknown; answer: unknown } | null = null;
    const watching: JoinDirectory = {
      ...directory,
      answerInvitation: (team, code, me, now, options) =>
        directory.answerInvitation(team, code, me, now, {
          keep: async (answered) => {
            await options?.keep?.(answered);
            seenWhenKept = {
              join: await readTeamJoin(),
              answer: await serverDocument(`answer-${inviteId}`),
            };
          },
        }),
    };
    const join = await answerTeamInvitation(details(invited.code), watching, NOW);
    expect(seenWhenKept).toMatchObject({ join: { state: 'answering' }, answer: null });
    expect(join.state).toBe('answered');
    expect(await readTeamJoin()).toEqual(join);
    expect(await serverDocument(`answer-${inviteId}`)).not.toBeNull();

    // The app locks just before the join is kept: nothing is kept, and nothing sent.
    await getDb().delete();
    await getDb().open();
    const again = await invite();
    const key = new Uint8Array(getDataKey() as Uint8Array);
    const locking: JoinDirectory = {
      ...directory,
      answerInvitation: (team, code, me, now, options) =>
        directory.answerInvitation(team, code, me, now, {
          keep: async (answered) => {
            lock();
            await options?.keep?.(answered);
          },
        }),
    };
    try {
      await expect(answerTeamInvitation(details(again.code), locking, NOW)).rejects.toThrow(
        /locked/i,
      );
    } finally {
      setDataKey(key);
    }
    expect(await readTeamJoin()).toBeNull();
    expect(await serverDocument(`answer-${again.pending.invitation.inviteId}`)).toBeNull();
  });

  it('never replaces an answer: a code answered already is said plainly, and nothing kept', async () => {
    const invited = await invite();
    const first = (await generateDeviceIdentity(randomBytes(32))).identity;
    must(
      await directory.answerInvitation(
        { address: server.url, credentials: coachUser, database: teamDatabase },
        invited.code,
        first,
        NOW,
      ),
    );
    const inviteId = invited.pending.invitation.inviteId;
    const before = await serverDocument(`answer-${inviteId}`);
    await expect(answerTeamInvitation(details(invited.code), directory, NOW)).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof ValidationError &&
        error.fieldErrors.code ===
          'This invitation code has been answered already. If that was not you, tell your service lead and ask for a new invitation.',
    );
    expect(await readTeamJoin()).toBeNull();
    expect(await serverDocument(`answer-${inviteId}`)).toEqual(before);
  });

  it('waits, and says so, when the server did not confirm the answer', async () => {
    const invited = await invite();
    const unconfirmed: JoinDirectory = {
      ...directory,
      answerInvitation: async (team, code, me, now, options) => {
        must(await directory.answerInvitation(team, code, me, now, options));
        return {
          ok: false,
          problem: { kind: 'server-unreachable', message: 'The team server did not answer.' },
        };
      },
    };
    const join = await answerTeamInvitation(details(invited.code), unconfirmed, NOW);
    expect(join.state).toBe('answering');
    expect(await readTeamJoin()).toEqual(join);
  });

  it('never chooses between two caseloads, and says so (review finding 7)', async () => {
    const invited = await invite();
    const join = await answerTeamInvitation(details(invited.code), directory, NOW);
    const [accepted] = await acceptAnswers(
      leadTeam(),
      lead,
      [invited.pending],
      [leadKey],
      NOW,
      [],
      {
        [invited.pending.invitation.inviteId]: join.identity.fingerprint,
      },
    );
    if (accepted?.state !== 'accepted') throw new Error('not accepted');
    const real = must(
      await directory.collectCaseloadKeys(
        { address: server.url, credentials: coachUser, database: teamDatabase },
        await openDeviceIdentity(join.identity, getDataKey() as Uint8Array),
        lead.fingerprint,
      ),
    );
    if (real.state !== 'collected' || !real.caseloads[0]) throw new Error('not collected');
    const [mine] = real.caseloads;
    // A server whose answer names a second caseload for this device.
    const twice: JoinDirectory = {
      ...directory,
      collectCaseloadKeys: () =>
        Promise.resolve({
          ok: true,
          value: {
            state: 'collected',
            caseloads: [mine, { ...mine, caseloadDatabase: `caseload-${'f'.repeat(32)}` }],
            refused: [],
          },
        }),
    };
    expect(await collectTeamKeys(join, twice, NOW)).toEqual({
      state: 'refused',
      messages: [
        'Your service lead has accepted this device for more than one caseload, so it took none. Tell your service lead: a device joins one caseload.',
      ],
    });
    expect(await readTeamConnection()).toBeNull();
    expect(await readTeamJoin()).not.toBeNull();
  });
});

/** The server's own view of a document, read as its admin (null when there is none). */
async function serverDocument(id: string): Promise<unknown> {
  const response = await fetch(`${server.url}/${teamDatabase}/${encodeURIComponent(id)}`, {
    headers: { authorization: basicAuth(server.admin) },
  });
  if (response.status === 404) return null;
  return response.json();
}
