/**
 * The lead's device against a real CouchDB-protocol server (pouchdb-server in memory), issue 14.
 *
 * A caseload set-up cut short (review finding 1): the lead's device keeps the caseload's
 * key before anything goes to the server, so a try cut short after the key document went up
 * is finished with the same key, and one cut short after the list went up collects the lead's
 * own key back from the server. A key document someone else left is never taken, and a
 * caseload set up by another device stays refused.
 *
 * The coach list (review finding 8): checked against the lists the lead's device kept, so a
 * list the server rolled back, or removed, is refused and named, not shown as "not set up".
 *
 * Time is passed in.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { getDataKey } from '../../../src/db/encryption/session-key';
import { readTeamLead, saveTeamLead } from '../../../src/db/repositories/team-lead';
import {
  inviteOne,
  openLead,
  teamDirectory,
  teamOf,
  type LeadDirectory,
} from '../../../src/features/team-lead/lead-actions';
import { randomBytes } from '../../../src/lib/crypto';
import { problem } from '../../../src/team/couch-http';
import { collectCaseloadKeys, listCaseloads, setUpCaseload } from '../../../src/team/directory';
import { keyId } from '../../../src/team/directory/documents';
import { writeDocument } from '../../../src/team/directory/store';
import { createCaseloadKey, wrapCaseloadKey } from '../../../src/team/keys/caseload-key';
import { generateDeviceIdentity, type DeviceIdentity } from '../../../src/team/keys/identity';
import { signMembership, verifyMembership } from '../../../src/team/keys/membership';
import {
  createTeamDatabase,
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../support/couch-server';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const leadUser: TeamCredentials = { name: 'lead-rowan', password: 'lead password 1' };
const coaches = ['coach-amber', 'coach-basil', 'coach-cedar', 'coach-daisy', 'coach-elm'];

let server: CouchServer;
let teamDatabase: string;
const caseloadOf = new Map<string, string>();

function must<T>(result: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

function caseload(name: string): string {
  const database = caseloadOf.get(name);
  if (!database) throw new Error(name);
  return database;
}

beforeAll(async () => {
  server = await startCouchServer();
  must(await createTeamUser(server.url, server.admin, leadUser));
  teamDatabase = must(
    await createTeamDatabase(server.url, server.admin, { lead: leadUser.name }),
  ).database;
  for (const name of coaches) {
    const provisioned = must(
      await provisionCoach(
        server.url,
        server.admin,
        { name, password: `${name} password` },
        leadUser.name,
        teamDatabase,
      ),
    );
    caseloadOf.set(name, provisioned.database);
  }
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
});

/** A lead's device set up on this test's server (a new identity each time). */
async function leadDevice(): Promise<DeviceIdentity> {
  const { identity, stored } = await generateDeviceIdentity(getDataKey() as Uint8Array);
  await saveTeamLead(
    {
      server: server.url,
      teamDatabase,
      userName: leadUser.name,
      password: leadUser.password,
      identity: stored,
      caseloadKeys: [],
      pending: [],
      heldLists: [],
    },
    NOW,
  );
  return identity;
}

async function storedLead() {
  const lead = await readTeamLead();
  if (!lead) throw new Error('no lead');
  return lead;
}

async function opened() {
  return openLead(await storedLead());
}

const cutShort = problem('server-unreachable', 'The team server did not answer. Try again.');

/** The commitment of the key the lead's device holds for `database`, after opening. */
async function heldCommitment(database: string) {
  return (await opened()).keys.find((k) => k.caseloadId === database)?.commitment;
}

/** The commitment the caseload's list on the server names for version 1. */
async function listedCommitment(identity: DeviceIdentity, database: string) {
  const team = teamOf(await storedLead());
  const collected = must(await collectCaseloadKeys(team, identity, identity.fingerprint));
  if (collected.state !== 'collected') throw new Error(collected.message);
  return collected.caseloads.find((c) => c.caseloadDatabase === database)?.membership.keys[0]
    ?.commitment;
}

describe("a lead's caseload set-up cut short", () => {
  it('is finished with the same key when the key document went up and the list did not', async () => {
    const identity = await leadDevice();
    const database = caseload('coach-amber');
    const details = { coachName: 'coach-amber', caseloadDatabase: database };
    // The key document reaches the server, then the connection drops before the list.
    const dropping: LeadDirectory = {
      ...teamDirectory,
      setUpCaseload: async (team, lead, db, _now, key) => {
        if (!key) throw new Error('the key is kept first');
        must(
          await writeDocument(team, {
            _id: keyId(lead.fingerprint, db, 1),
            wrapped: await wrapCaseloadKey(key, lead.publicKeys),
          }),
        );
        return cutShort;
      },
    };
    expect(await inviteOne(await opened(), details, dropping, NOW)).toEqual({
      ok: false,
      message: cutShort.problem.message,
    });
    // The key was kept on the device before anything went to the server.
    expect((await readTeamLead())?.settingUp).toHaveLength(1);

    const invited = await inviteOne(await opened(), details, teamDirectory, NOW);
    expect(invited.ok).toBe(true);
    const lead = await readTeamLead();
    expect(lead?.settingUp).toEqual([]);
    expect(lead?.pending).toHaveLength(1);
    const held = await heldCommitment(database);
    expect(held).toBeDefined();
    expect(await listedCommitment(identity, database)).toBe(held);
  });

  it("collects the lead's own key when the list went up and the device never heard", async () => {
    const identity = await leadDevice();
    const database = caseload('coach-basil');
    const details = { coachName: 'coach-basil', caseloadDatabase: database };
    // The server takes the key and the list; the answer never reaches the device.
    const unheard: LeadDirectory = {
      ...teamDirectory,
      setUpCaseload: async (...args) => {
        must(await setUpCaseload(...args));
        return cutShort;
      },
    };
    expect((await inviteOne(await opened(), details, unheard, NOW)).ok).toBe(false);

    const invited = await inviteOne(await opened(), details, teamDirectory, NOW);
    expect(invited).toMatchObject({ ok: true });
    const lead = await readTeamLead();
    expect(lead?.settingUp).toEqual([]);
    expect(lead?.heldLists.map((s) => s.membership.caseloadId)).toEqual([database]);
    const held = await heldCommitment(database);
    expect(held).toBeDefined();
    expect(await listedCommitment(identity, database)).toBe(held);
  });

  it('never takes a key document someone else left for the lead, and replaces it', async () => {
    const identity = await leadDevice();
    const database = caseload('coach-cedar');
    // Someone on the team (members may write) leaves a key they know, wrapped for the lead.
    const planted = await createCaseloadKey(database);
    must(
      await writeDocument(teamOf(await storedLead()), {
        _id: keyId(identity.fingerprint, database, 1),
        wrapped: await wrapCaseloadKey(planted, identity.publicKeys),
      }),
    );

    const invited = await inviteOne(
      await opened(),
      { coachName: 'coach-cedar', caseloadDatabase: database },
      teamDirectory,
      NOW,
    );
    expect(invited).toMatchObject({ ok: true });
    const held = await heldCommitment(database);
    expect(held).toBeDefined();
    expect(held).not.toBe(planted.commitment);
    expect(await listedCommitment(identity, database)).toBe(held);
  });

  it('still refuses a caseload another device set up', async () => {
    await leadDevice();
    const database = caseload('coach-daisy');
    const other = (await generateDeviceIdentity(randomBytes(32))).identity;
    must(await setUpCaseload(teamOf(await storedLead()), other, database, NOW));

    expect(
      await inviteOne(
        await opened(),
        { coachName: 'coach-daisy', caseloadDatabase: database },
        teamDirectory,
        NOW,
      ),
    ).toEqual({
      ok: false,
      message:
        'This caseload was set up for team working from another device, so this device does not hold its key and cannot invite to it.',
    });
    expect((await readTeamLead())?.pending).toEqual([]);
  });
});

describe("the lead's coach list", () => {
  it('refuses a list older than the kept one, or a missing one, and names it', async () => {
    const identity = await leadDevice();
    const database = caseload('coach-elm');
    const made = await inviteOne(
      await opened(),
      { coachName: 'coach-elm', caseloadDatabase: database },
      teamDirectory,
      NOW,
    );
    expect(made.ok).toBe(true);
    const team = teamOf(await storedLead());
    const { held } = await opened();
    // (The other caseloads here were set up by other tests' lead devices: refused too.)
    const shown = async (kept: Parameters<typeof listCaseloads>[2]) => {
      const listed = must(await listCaseloads(team, identity, kept));
      return {
        listed: listed.caseloads.filter((c) => c.caseloadDatabase === database),
        refused: listed.refused.includes(database),
      };
    };
    expect(await shown(held)).toMatchObject({
      listed: [{ caseloadDatabase: database, listVersion: 1 }],
      refused: false,
    });

    // The device has kept version 2 (a coach accepted since); the server shows version 1.
    const [first] = held;
    if (!first) throw new Error('no list');
    const newer = await verifyMembership(await signMembership(identity, { ...first, version: 2 }), {
      lead: identity.publicKeys,
      caseloadId: database,
    });
    if (!newer.ok) throw new Error('no list');
    expect(await shown([newer.membership])).toEqual({ listed: [], refused: true });

    // The server hides the list altogether.
    const response = await fetch(
      `${server.url}/${teamDatabase}/membership-${database}?rev=${await revisionOf(`membership-${database}`)}`,
      { method: 'DELETE', headers: { authorization: basicAuth(server.admin) } },
    );
    expect(response.ok).toBe(true);
    expect(await shown(held)).toEqual({ listed: [], refused: true });
    // Without the kept lists, it would look like a caseload never set up.
    expect(await shown([])).toEqual({ listed: [], refused: false });
  });
});

async function revisionOf(id: string): Promise<string> {
  const response = await fetch(`${server.url}/${teamDatabase}/${id}`, {
    headers: { authorization: basicAuth(server.admin) },
  });
  return ((await response.json()) as { _rev: string })._rev;
}
