/**
 * Provisioning a team against a real CouchDB-protocol server (pouchdb-server in memory on
 * 127.0.0.1, tests/support/couch-server.ts): two coaches and a lead, each coach's own caseload
 * database, who can open which, and the messages for a wrong password, a wrong address and a
 * server that is down.
 *
 * The remote databases are opened with pouchdb-browser, the build the app ships, over its HTTP
 * adapter (Node's fetch stands in for the browser's).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import process from 'node:process';
import type { AddressInfo } from 'node:net';
import { PouchDB } from '../../support/pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkAccess,
  addTeamMember,
  checkServer,
  createCaseloadDatabase,
  createTeamDatabase,
  createTeamUser,
  provisionCoach,
  removeTeamUser,
  setUserPassword,
  signIn,
  type TeamCredentials,
} from '../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../support/couch-server';

const lead: TeamCredentials = { name: 'lead-1', password: 'lead password 1' };
const coachA: TeamCredentials = { name: 'coach-a', password: 'coach A password' };
const coachB: TeamCredentials = { name: 'coach-b', password: 'coach B password' };

let server: CouchServer;
let databaseA: string;
let databaseB: string;
let teamDatabase: string;

/** The remote caseload as the app opens it: never created by a client (skip_setup). */
function remote(database: string, who: TeamCredentials) {
  return new PouchDB(`${server.url}/${database}`, {
    skip_setup: true,
    auth: { username: who.name, password: who.password },
  });
}

function refusedStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error
    ? Number(error.status)
    : undefined;
}

beforeAll(async () => {
  server = await startCouchServer();
  const leadUser = await createTeamUser(server.url, server.admin, lead);
  expect(leadUser).toEqual({ ok: true, value: { name: lead.name } });
  const team = await createTeamDatabase(server.url, server.admin, { lead: lead.name });
  if (!team.ok) throw new Error(team.problem.message);
  teamDatabase = team.value.database;
  const a = await provisionCoach(server.url, server.admin, coachA, lead.name, teamDatabase);
  const b = await provisionCoach(server.url, server.admin, coachB, lead.name, teamDatabase);
  if (!a.ok || !b.ok) throw new Error('Provisioning failed');
  databaseA = a.value.database;
  databaseB = b.value.database;
});

afterAll(async () => {
  await server?.stop();
});

describe('provisioning a team', () => {
  it('finds the server', async () => {
    const found = await checkServer(`${server.url}/`);
    expect(found).toMatchObject({ ok: true, value: { address: server.url } });
  });

  it("gives each coach a database named from a random id, never the coach's name", () => {
    expect(databaseA).toMatch(/^caseload-[0-9a-f]{32}$/);
    expect(databaseB).toMatch(/^caseload-[0-9a-f]{32}$/);
    expect(databaseA).not.toBe(databaseB);
    expect(databaseA).not.toContain('coach');
  });

  it('lets in only the coach and the lead, and makes neither an admin of it', async () => {
    const response = await fetch(`${server.url}/${databaseA}/_security`, {
      headers: { authorization: basicAuth(server.admin) },
    });
    expect(await response.json()).toEqual({
      admins: { names: [], roles: [] },
      members: { names: [coachA.name, lead.name], roles: [] },
    });
  });

  it('lets the coach and the lead open the caseload, and refuses the other coach', async () => {
    expect(await checkAccess(server.url, coachA, databaseA)).toEqual({
      ok: true,
      value: { database: databaseA, documents: 0 },
    });
    expect(await checkAccess(server.url, lead, databaseA)).toMatchObject({ ok: true });
    expect(await checkAccess(server.url, lead, databaseB)).toMatchObject({ ok: true });
    const refused = await checkAccess(server.url, coachB, databaseA);
    expect(refused).toMatchObject({ ok: false, problem: { kind: 'not-allowed' } });
    if (refused.ok) return;
    expect([401, 403]).toContain(refused.problem.status);
    expect(refused.problem.message).toBe(
      'coach-b cannot open this caseload: only its coach and the service lead can.',
    );
  });

  it('makes one team database, named from a random id, whose members are the lead and every coach', async () => {
    expect(teamDatabase).toMatch(/^team-[0-9a-f]{32}$/);
    const response = await fetch(`${server.url}/${teamDatabase}/_security`, {
      headers: { authorization: basicAuth(server.admin) },
    });
    expect(await response.json()).toEqual({
      admins: { names: [], roles: [] },
      members: { names: [lead.name, coachA.name, coachB.name], roles: [] },
    });
    // Each of them can read it; someone who is not on the team cannot.
    for (const who of [lead, coachA, coachB]) {
      const read = await fetch(`${server.url}/${teamDatabase}/_all_docs`, {
        headers: { authorization: basicAuth(who) },
      });
      expect(read.status).toBe(200);
    }
    const outsider = { name: 'coach-z', password: 'outsider password' };
    expect(await createTeamUser(server.url, server.admin, outsider)).toMatchObject({ ok: true });
    const refused = await fetch(`${server.url}/${teamDatabase}/_all_docs`, {
      headers: { authorization: basicAuth(outsider) },
    });
    expect([401, 403]).toContain(refused.status);
  });

  it('adds a member to the team database once, and refuses a name that is not a team database', async () => {
    const again = await addTeamMember(server.url, server.admin, teamDatabase, coachA.name);
    expect(again).toEqual({
      ok: true,
      value: { members: [lead.name, coachA.name, coachB.name] },
    });
    expect(await addTeamMember(server.url, server.admin, databaseA, coachA.name)).toEqual({
      ok: false,
      problem: {
        kind: 'invalid-name',
        message: `"${databaseA}" is not the name of a team database.`,
      },
    });
    expect(
      await provisionCoach(server.url, server.admin, coachB, lead.name, 'team-of-coaches'),
    ).toMatchObject({ ok: false, problem: { kind: 'invalid-name' } });
    expect(await addTeamMember(server.url, lead, teamDatabase, 'coach-y')).toMatchObject({
      ok: false,
      problem: { kind: 'not-allowed' },
    });
  });

  it('refuses a user name that is already taken', async () => {
    const again = await createTeamUser(server.url, server.admin, {
      name: coachA.name,
      password: 'another password',
    });
    expect(again).toMatchObject({ ok: false, problem: { kind: 'already-exists', status: 409 } });
    // And the coach's own password still works.
    expect(await signIn(server.url, coachA)).toMatchObject({ ok: true });
  });

  it('refuses a user name that could not be one', async () => {
    const bad = await createTeamUser(server.url, server.admin, { name: '_admin', password: 'x' });
    expect(bad).toMatchObject({ ok: false, problem: { kind: 'invalid-name' } });
  });

  it('lets only a server admin provision', async () => {
    const byCoach = await createCaseloadDatabase(server.url, coachA, {
      coach: coachA.name,
      lead: lead.name,
    });
    expect(byCoach).toEqual({
      ok: false,
      problem: {
        kind: 'not-allowed',
        message:
          'coach-a is not an administrator of the team server, so cannot add coaches or caseloads.',
      },
    });
    const byLead = await createTeamUser(server.url, lead, { name: 'coach-c', password: 'c' });
    expect(byLead).toMatchObject({ ok: false, problem: { kind: 'not-allowed' } });
  });
});

describe('looking after accounts (IT, after a lost device or a coach who left)', () => {
  it('gives an account a new password: the old one no longer signs in', async () => {
    const coach = { name: 'coach-lost-tablet', password: 'the old password' };
    const made = await provisionCoach(server.url, server.admin, coach, lead.name, teamDatabase);
    if (!made.ok) throw new Error(made.problem.message);
    const renewed = { name: coach.name, password: 'the new password' };
    expect(await setUserPassword(server.url, server.admin, renewed)).toEqual({
      ok: true,
      value: { name: coach.name },
    });
    expect(await signIn(server.url, coach)).toMatchObject({ ok: false });
    expect(await checkAccess(server.url, renewed, made.value.database)).toMatchObject({ ok: true });
    expect(await setUserPassword(server.url, coach, renewed)).toMatchObject({
      ok: false,
    });
    expect(
      await setUserPassword(server.url, server.admin, { name: 'nobody-here', password: 'x' }),
    ).toMatchObject({ ok: false, problem: { kind: 'not-found' } });
  });

  it("removes a coach who left: the account, and the team's and caseload's membership", async () => {
    const coach = { name: 'coach-leaving', password: 'leaving password' };
    const made = await provisionCoach(server.url, server.admin, coach, lead.name, teamDatabase);
    if (!made.ok) throw new Error(made.problem.message);
    const { database } = made.value;
    expect(
      await removeTeamUser(server.url, server.admin, coach.name, {
        teamDatabase,
        caseloadDatabase: database,
      }),
    ).toEqual({ ok: true, value: { name: coach.name } });
    expect(await signIn(server.url, coach)).toMatchObject({ ok: false });
    const security = async (db: string) =>
      (await (
        await fetch(`${server.url}/${db}/_security`, {
          headers: { authorization: basicAuth(server.admin) },
        })
      ).json()) as { members: { names: string[] } };
    expect((await security(database)).members.names).toEqual([lead.name]);
    expect((await security(teamDatabase)).members.names).not.toContain(coach.name);
    // The lead still reads the caseload (its cases were moved first; it stays as ciphertext).
    expect(await checkAccess(server.url, lead, database)).toMatchObject({ ok: true });
    expect(await removeTeamUser(server.url, server.admin, coach.name)).toMatchObject({
      ok: false,
      problem: { kind: 'not-found' },
    });
  });

  it('is what `npm run team:admin` does, with the admin password from the environment', async () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ['scripts/team-admin.mjs', ...args], {
          env: { ...process.env, TEAM_ADMIN_NAME: server.admin.name, ...env },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('exit', (code) => resolve({ code, out, err }));
      });
    const refused = await run(['team', '--lead', 'lead-cli', '--server', server.url]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('Set TEAM_ADMIN_PASSWORD');

    const made = await run(['team', '--lead', 'lead-cli', '--server', server.url], {
      TEAM_ADMIN_PASSWORD: server.admin.password,
    });
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    const password = /Its password: (\S+)/.exec(made.out)?.[1] ?? '';
    const team = /Team database: (team-[0-9a-f]{32})/.exec(made.out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(await signIn(server.url, { name: 'lead-cli', password })).toMatchObject({ ok: true });
    expect(team).toMatch(/^team-/);

    const again = await run(['team', '--lead', 'lead-cli', '--server', server.url], {
      TEAM_ADMIN_PASSWORD: server.admin.password,
    });
    expect(again.code).toBe(1);
    expect(again.err).toContain('There is already an account called lead-cli');
  }, 60_000);
});

describe('reading and writing a caseload with PouchDB', () => {
  it("lets coach A write and read A's database, and the lead read it", async () => {
    const asCoachA = remote(databaseA, coachA);
    const written = await asCoachA.put({ _id: 'record-1', sealed: 'enc:v2:ciphertext' });
    expect(written.ok).toBe(true);
    expect(await asCoachA.get('record-1')).toMatchObject({ sealed: 'enc:v2:ciphertext' });

    const asLead = remote(databaseA, lead);
    expect(await asLead.get('record-1')).toMatchObject({ sealed: 'enc:v2:ciphertext' });
  });

  it("refuses coach B A's database, for reading and for writing", async () => {
    const asCoachB = remote(databaseA, coachB);
    const read = await asCoachB.get('record-1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect([401, 403]).toContain(refusedStatus(read));
    const write = await asCoachB.put({ _id: 'record-2', sealed: 'x' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect([401, 403]).toContain(refusedStatus(write));
    // Nothing of B's attempt reached A's database.
    const all = await remote(databaseA, coachA).allDocs();
    expect(all.rows.map((row) => row.id)).toEqual(['record-1']);
  });
});

describe('what a person is told when it goes wrong', () => {
  it('says a wrong password is wrong', async () => {
    const wrong = { name: coachA.name, password: 'not the password' };
    const expected = {
      ok: false,
      problem: {
        kind: 'wrong-credentials',
        status: 401,
        message: 'The user name or password is not right. Check them and try again.',
      },
    };
    expect(await signIn(server.url, wrong)).toEqual(expected);
    expect(await checkAccess(server.url, wrong, databaseA)).toEqual(expected);
    expect(
      await createTeamUser(server.url, { ...server.admin, password: 'wrong' }, coachB),
    ).toEqual(expected);
  });

  it('says an address that is not a team server is not one', async () => {
    // What a wrong address usually reaches: a web server answering with a page.
    const page = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>Resilience coaching</title>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const address = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    try {
      expect(await checkServer(address)).toEqual({
        ok: false,
        problem: {
          kind: 'not-a-team-server',
          status: 200,
          message: `There is no team server at ${address}. Check the address with your service lead.`,
        },
      });
      expect(await signIn(address, coachA)).toMatchObject({
        ok: false,
        problem: { kind: 'not-a-team-server' },
      });
    } finally {
      await new Promise((resolve) => page.close(resolve));
    }
  });

  it('finds a server that lets nobody in unsigned, as CouchDB with require_valid_user', async () => {
    // CouchDB 3's answer to an anonymous request when require_valid_user is on.
    const couch = http.createServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'unauthorized', reason: 'Authentication required.' }));
    });
    await new Promise<void>((resolve) => couch.listen(0, '127.0.0.1', resolve));
    const address = `http://127.0.0.1:${(couch.address() as AddressInfo).port}/couchdb`;
    try {
      expect(await checkServer(`${address}/`)).toEqual({
        ok: true,
        value: { address, version: null },
      });
    } finally {
      await new Promise((resolve) => couch.close(resolve));
    }
  });

  it('says the server is down when the proxy in front of it answers 502', async () => {
    const proxy = http.createServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>502 Bad Gateway</h1>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/couchdb`;
    try {
      expect(await signIn(address, coachA)).toEqual({
        ok: false,
        problem: {
          kind: 'server-down',
          status: 502,
          message:
            "The team server is not answering at the moment. Nothing on this device has been lost: try again later, or tell your service's IT if it goes on.",
        },
      });
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('says a server that has stopped cannot be reached', async () => {
    const stopping = await startCouchServer();
    expect(await checkServer(stopping.url)).toMatchObject({ ok: true });
    await stopping.stop();
    const expected = {
      ok: false,
      problem: {
        kind: 'server-unreachable',
        message: `The team server at ${stopping.url} could not be reached. Check the address and that this device is online. If both are right, the server may be down: try again later, or tell your service's IT.`,
      },
    };
    expect(await checkServer(stopping.url)).toEqual(expected);
    expect(await signIn(stopping.url, coachA)).toEqual(expected);
    expect(await checkAccess(stopping.url, coachA, databaseA)).toEqual(expected);
  });
});
