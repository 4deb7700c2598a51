/**
 * The app's sync runtime against a CouchDB-protocol test server (issue 14): two devices of
 * one coach, each with its own Dexie database and a team connection saved as the app saves
 * one. Unlocked, each runtime starts its session; a young person saved on device A through
 * the app's repository reaches device B; locking stops both, unlocking starts them again.
 * Waits are on the runtimes' and sessions' own events, never on a duration.
 */
import '../../support/browser-globals';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoachingDatabase, getDb } from '../../../src/db/database';
import { installEncryption } from '../../../src/db/encryption/middleware';
import {
  getDatabaseKey,
  getDataKey,
  getPreviousDataKey,
  lock,
  setDataKey,
} from '../../../src/db/encryption/session-key';
import {
  readTeamConnection,
  saveTeamConnection,
} from '../../../src/db/repositories/team-connection';
import { createYoungPerson } from '../../../src/db/repositories/young-people';
import { subscribeToTableChanges } from '../../../src/db/table-changes';
import {
  REMOVED_MESSAGE,
  TeamSyncRuntime,
  type TeamSyncState,
} from '../../../src/features/team/team-sync';
import { removeFromCaseload } from '../../../src/team/directory';
import {
  rotateCaseloadKey,
  wrapCaseloadKey,
  type CaseloadKey,
} from '../../../src/team/keys/caseload-key';
import { generateDeviceIdentity } from '../../../src/team/keys/identity';
import {
  checkAccess,
  createTeamUser,
  provisionCoach,
  setUserPassword,
} from '../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../support/couch-server';
import { connectionFor, teamFixture } from '../../support/team-connection';
import { startDirectoryTeam } from './directory/directory-fixtures';

const WAIT_MS = 30_000;
const lead = { name: 'lead-1', password: 'lead password 1' };
const clock = { now: new Date('2026-12-07T10:00:00Z') };

let server: CouchServer;
const runtimes: TeamSyncRuntime[] = [];
const databases: CoachingDatabase[] = [];

beforeAll(async () => {
  server = await startCouchServer();
  const created = await createTeamUser(server.url, server.admin, lead);
  if (!created.ok) throw new Error(created.problem.message);
});

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.dispose();
  for (const db of databases.splice(0)) db.close();
});

afterAll(async () => {
  await server?.stop();
});

/**
 * Resolves once `check` holds: checked now, and again at each event of `events` (a
 * runtime's state, a session's status, a write to a database). Fails after WAIT_MS.
 */
function until(
  check: () => boolean | Promise<boolean>,
  events: ((listener: () => void) => () => unknown)[],
  what: string,
  state: () => string = () => '',
): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    let checking = Promise.resolve();
    const stops: (() => unknown)[] = [];
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const stop of stops) stop();
      if (error) reject(error);
      else resolve();
    };
    const test = () => {
      checking = checking.then(async () => {
        if (done) return;
        try {
          if (await check()) finish();
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)));
        }
      });
    };
    const timer = setTimeout(
      () => finish(new Error(`Gave up waiting for ${what}. ${state()}`)),
      WAIT_MS,
    );
    for (const event of events) stops.push(event(test));
    test();
  });
}

const running = (runtime: TeamSyncRuntime) =>
  runtime.getState().phase === 'running'
    ? (runtime.getState() as Extract<TeamSyncState, { phase: 'running' }>).session
    : null;

/** The runtime's state changes and, once it runs, its session's status. */
const eventsOf = (runtime: TeamSyncRuntime) => [
  (listener: () => void) => runtime.subscribe(listener),
  (listener: () => void) => {
    let stopSession: (() => unknown) | null = null;
    const follow = () => {
      stopSession?.();
      stopSession = running(runtime)?.subscribe(listener) ?? null;
      listener();
    };
    const stopRuntime = runtime.subscribe(follow);
    follow();
    return () => {
      stopRuntime();
      stopSession?.();
    };
  },
];

function stateOf(runtime: TeamSyncRuntime): string {
  const state = runtime.getState();
  return JSON.stringify({ ...state, session: running(runtime)?.status });
}

function runtimeOn(db: CoachingDatabase): TeamSyncRuntime {
  const runtime = new TeamSyncRuntime({
    db,
    now: () => clock.now,
    debounceMs: 20,
    localName: (caseload) => `${caseload}-${db.name}`,
    retryDelay: () => 100,
  });
  runtimes.push(runtime);
  return runtime;
}

describe('the sync runtime on two devices', () => {
  it('starts at unlock, takes a young person from device A to device B, and stops at lock', async () => {
    const coach = { name: 'coach-amber', password: 'coach password' };
    const provisioned = await provisionCoach(server.url, server.admin, coach, lead.name);
    if (!provisioned.ok) throw new Error(provisioned.problem.message);
    const { database } = provisioned.value;
    const team = await teamFixture(database);
    const dataKey = new Uint8Array(getDataKey() as Uint8Array);
    const connect = async (db: CoachingDatabase) =>
      saveTeamConnection(
        await connectionFor(team, dataKey, {
          server: server.url,
          userName: coach.name,
          password: coach.password,
        }),
        clock.now,
        db,
      );

    // Device A is the app's own database; device B another on the same machine.
    const a = getDb();
    await a.delete();
    await a.open();
    const b = new CoachingDatabase(`team-runtime-b-${crypto.randomUUID()}`);
    installEncryption(b, getDatabaseKey, getPreviousDataKey);
    databases.push(b);
    await connect(a);
    await connect(b);

    const onA = runtimeOn(a);
    const onB = runtimeOn(b);
    onA.start();
    onB.start();
    for (const runtime of [onA, onB]) {
      await until(
        () => running(runtime)?.status.state === 'saved',
        eventsOf(runtime),
        'the session to start and catch up',
        () => stateOf(runtime),
      );
    }

    const mia = await createYoungPerson(
      {
        name: 'Mia Thornbury',
        dateOfBirth: '2013-04-12',
        school: 'Hillside Academy',
        programme: '',
        referralDate: '',
      },
      clock.now,
    );
    await until(
      async () => (await b.youngPeople.get(mia.id))?.name === 'Mia Thornbury',
      [...eventsOf(onA), ...eventsOf(onB), (l) => subscribeToTableChanges(b, ['youngPeople'], l)],
      'Mia on device B',
    );
    expect(await b.youngPeople.get(mia.id)).toEqual(mia);
    await until(
      () => running(onA)?.status.state === 'saved' && running(onA)?.status.waiting === 0,
      eventsOf(onA),
      'device A saved to the service',
    );

    const sessionA = running(onA);
    lock();
    try {
      for (const runtime of [onA, onB]) {
        await until(() => runtime.getState().phase === 'alone', eventsOf(runtime), 'stopped');
      }
      expect(sessionA?.status.state).toBe('offline');
    } finally {
      setDataKey(new Uint8Array(dataKey));
    }
    await until(() => running(onA) !== null, eventsOf(onA), 'started again at unlock');
    expect(running(onA)).not.toBe(sessionA);
  });
});

describe('a device the lead takes off the caseload', () => {
  it('stops syncing on the removed device, and the device that stays goes on under the new key', async () => {
    const NOW = new Date('2026-12-07T10:00:00.000Z');
    const team = await startDirectoryTeam(['coach-amber'], NOW);
    try {
      const database = team.caseload('coach-amber');
      const coach = team.user('coach-amber');
      const dataKey = new Uint8Array(getDataKey() as Uint8Array);
      /** A device joined through the team database, its connection saved as the app saves it. */
      const joined = async (db: CoachingDatabase) => {
        const { identity, stored } = await generateDeviceIdentity(dataKey);
        await team.join(coach, identity, database, NOW);
        const [caseload] = await team.collected(coach, identity);
        if (!caseload) throw new Error('not joined');
        await saveTeamConnection(
          {
            server: team.server.url,
            userName: coach.name,
            password: coach.password,
            caseloadDatabase: database,
            identity: stored,
            lead: team.lead.publicKeys,
            membership: caseload.signed,
            caseloadKeys: await Promise.all(
              caseload.keys.map((k) => wrapCaseloadKey(k, identity.publicKeys)),
            ),
            teamDatabase: team.teamDatabase,
          },
          clock.now,
          db,
        );
        return identity;
      };
      const dbs = [0, 1].map(() => {
        const db = new CoachingDatabase(`team-removal-${crypto.randomUUID()}`);
        installEncryption(db, getDatabaseKey, getPreviousDataKey);
        databases.push(db);
        return db;
      });
      const [lostDb, keptDb] = dbs as [CoachingDatabase, CoachingDatabase];
      const lost = await joined(lostDb);
      await joined(keptDb);
      const onLost = runtimeOn(lostDb);
      const onKept = runtimeOn(keptDb);
      for (const runtime of [onLost, onKept]) {
        runtime.start();
        await until(
          () => running(runtime)?.status.state === 'saved',
          eventsOf(runtime),
          'the session to start',
          () => stateOf(runtime),
        );
        // Each device told the team database its public keys at its first check.
        await runtime.checkMembership();
        expect(runtime.membershipCheckProblem).toBeNull();
      }

      // The lead takes the lost tablet off the caseload: key version 2.
      const newKey = await rotateCaseloadKey(team.leadKeys[0] as CaseloadKey);
      const removed = await removeFromCaseload(
        team.teamAs(team.leadUser),
        team.lead,
        { caseloadDatabase: database, devices: [lost.fingerprint] },
        team.leadKeys,
        newKey,
        NOW,
      );
      expect(removed.ok).toBe(true);

      const before = running(onKept);
      await onKept.checkMembership();
      await until(
        () => running(onKept) !== null && running(onKept) !== before,
        eventsOf(onKept),
        'the device that stays started again with the new key',
        () => stateOf(onKept),
      );
      const connection = await readTeamConnection(keptDb);
      expect(connection?.caseloadKeys.map((k) => k.keyVersion)).toEqual([1, 2]);
      expect(connection?.removedAt).toBeUndefined();

      await onLost.checkMembership();
      await until(
        () => onLost.getState().phase === 'failed',
        eventsOf(onLost),
        'the removed device to stop',
        () => stateOf(onLost),
      );
      expect(onLost.getState()).toMatchObject({ phase: 'failed', message: REMOVED_MESSAGE });
      expect((await readTeamConnection(lostDb))?.removedAt).toBe(clock.now.toISOString());

      // A new record on the device that stays reaches the server under key 2 only.
      await keptDb.youngPeople.put({
        id: crypto.randomUUID(),
        name: 'Kai Openshaw',
        dateOfBirth: '2014-02-02',
        school: 'Marton Primary',
        programme: null,
        referralDate: '2026-11-01',
        status: 'open',
        closedOn: null,
        closureReason: null,
        createdAt: '2026-12-07T10:00:00.000Z',
        updatedAt: '2026-12-07T10:00:00.000Z',
      });
      await running(onKept)?.syncNow();
      await until(
        () => running(onKept)?.status.state === 'saved' && running(onKept)?.status.waiting === 0,
        eventsOf(onKept),
        'the new record saved',
      );
      const response = await fetch(`${team.server.url}/${database}/_all_docs?include_docs=true`, {
        headers: { authorization: basicAuth(team.server.admin) },
      });
      const { rows } = (await response.json()) as { rows: { doc: { v: number } }[] };
      expect(rows.map((row) => row.doc.v)).toEqual([2]);

      // IT gives the coach a new password (the lost tablet keeps the old one): the device that
      // stays is refused until the coach enters the new one, then syncs again.
      const newPassword = { name: coach.name, password: 'a new password from IT' };
      expect((await setUserPassword(team.server.url, team.server.admin, newPassword)).ok).toBe(
        true,
      );
      expect(await checkAccess(team.server.url, coach, database)).toMatchObject({ ok: false });
      await keptDb.youngPeople.put({
        id: crypto.randomUUID(),
        name: 'Lu Fairhaven',
        dateOfBirth: '2014-03-03',
        school: 'Marton Primary',
        programme: null,
        referralDate: '2026-11-02',
        status: 'open',
        closedOn: null,
        closureReason: null,
        createdAt: '2026-12-07T10:00:00.000Z',
        updatedAt: '2026-12-07T10:00:00.000Z',
      });
      await running(onKept)?.syncNow();
      await until(
        () => running(onKept)?.status.state === 'error',
        eventsOf(onKept),
        'the old password refused',
        () => stateOf(onKept),
      );
      expect(running(onKept)?.status.problem).toMatch(/enter it in Settings, Team/);
      await onKept.changePassword(newPassword.password);
      expect((await readTeamConnection(keptDb))?.password).toBe(newPassword.password);
      await until(
        () => running(onKept)?.status.state === 'saved' && running(onKept)?.status.waiting === 0,
        eventsOf(onKept),
        'saved again with the new password',
        () => stateOf(onKept),
      );
    } finally {
      await team.stop();
    }
  });
});
