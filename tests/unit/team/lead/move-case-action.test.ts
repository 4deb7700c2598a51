/**
 * The lead's "Move this case" action and the forwarding each refresh runs
 * (src/features/team-lead/move-case-action.ts), end to end against the test server: the lead
 * set up on this device with two caseloads, a device for each coach; the move is kept in the
 * lead's state, B's device gets the case, A's loses it, and a session A's device added offline
 * reaches B's device after the lead's next refresh.
 */
import '../../../support/browser-globals';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readTeamLead, updateTeamLead } from '../../../../src/db/repositories/team-lead';
import {
  inviteOne,
  openLead,
  setUpLead,
  teamDirectory,
} from '../../../../src/features/team-lead/lead-actions';
import { forwardMoves, moveCaseAction } from '../../../../src/features/team-lead/move-case-action';
import type { Session } from '../../../../src/domain/schemas';
import type { CaseloadKey } from '../../../../src/team/keys/caseload-key';
import { sealEnvelope } from '../../../../src/team/keys/envelope';
import { openServerCopy } from '../../../../src/team/lead/caseload-records';
import { documentIdsFor } from '../../../../src/team/sync/document-ids';
import {
  recordPayload,
  type SyncedRecord,
  type SyncedTable,
} from '../../../../src/team/sync/payload';
import {
  createTeamDatabase,
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../../support/couch-server';
import { freshDb } from '../../db/fixtures';
import {
  addJourney,
  journey,
  type Journey,
  makeDevice,
  saved,
  waitFor,
  type Device,
} from '../sync/sync-fixtures';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const MOVED_AT = new Date('2026-12-02T10:00:00.000Z');
const leadUser: TeamCredentials = { name: 'lead-rowan', password: 'lead password 1' };
const coachA: TeamCredentials = { name: 'coach-amber', password: 'coach password 1' };
const coachB: TeamCredentials = { name: 'coach-bilal', password: 'coach password 2' };

let server: CouchServer;
let teamDatabase: string;
let caseloadA: string;
let caseloadB: string;
const devices: Device[] = [];

function must<T>(result: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

beforeAll(async () => {
  server = await startCouchServer();
  must(await createTeamUser(server.url, server.admin, leadUser));
  teamDatabase = must(
    await createTeamDatabase(server.url, server.admin, { lead: leadUser.name }),
  ).database;
  caseloadA = must(
    await provisionCoach(server.url, server.admin, coachA, leadUser.name, teamDatabase),
  ).database;
  caseloadB = must(
    await provisionCoach(server.url, server.admin, coachB, leadUser.name, teamDatabase),
  ).database;
});

afterEach(async () => {
  for (const d of devices.splice(0)) {
    await d.session.stop();
    d.db.close();
  }
});

afterAll(async () => {
  await server?.stop();
});

describe('moving a case from the lead’s screen', () => {
  it('moves the case, keeps the move, and forwards what A’s device added offline', async () => {
    await freshDb();
    const set = await setUpLead(
      {
        server: server.url,
        teamDatabase,
        userName: leadUser.name,
        password: leadUser.password,
      },
      teamDirectory,
      NOW,
    );
    if (!set.ok) throw new Error(set.message);
    for (const [coach, caseload] of [
      [coachA, caseloadA],
      [coachB, caseloadB],
    ] as const) {
      const lead = await readTeamLead();
      if (!lead) throw new Error('no lead');
      const invited = await inviteOne(
        await openLead(lead),
        { coachName: coach.name, caseloadDatabase: caseload },
        teamDirectory,
        NOW,
      );
      if (!invited.ok) throw new Error(invited.message);
    }
    const lead = await readTeamLead();
    if (!lead) throw new Error('no lead');
    const { keys } = await openLead(lead);
    const keyOf = (caseload: string) => {
      const key = keys.find((k) => k.caseloadId === caseload);
      if (!key) throw new Error('no key');
      return key;
    };
    // Each coach's device holds its caseload's key (the join protocol's own tests cover how).
    const a = makeDevice('action-a', {
      remoteUrl: `${server.url}/${caseloadA}`,
      credentials: coachA,
      caseloadKey: keyOf(caseloadA),
    });
    const b = makeDevice('action-b', {
      remoteUrl: `${server.url}/${caseloadB}`,
      credentials: coachB,
      caseloadKey: keyOf(caseloadB),
    });
    devices.push(a, b);
    const j = journey('Mia Thornbury', 'Go to football on Saturdays', 'Talked about the team');
    await addJourney(a.db, j);
    await a.start();
    await b.start();
    await saved(a);
    await saved(b);
    // A's device goes offline before the move.
    await a.session.stop();

    const result = await moveCaseAction(
      { youngPersonId: j.youngPerson.id, fromCaseload: caseloadA, toCaseload: caseloadB },
      MOVED_AT,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        sent: true,
        moved: {
          youngPeople: 1,
          goals: 1,
          sessions: 1,
          ratings: 3,
          closures: 0,
          resilienceMaps: 0,
        },
      },
    });
    const move = {
      youngPersonId: j.youngPerson.id,
      fromCaseload: caseloadA,
      toCaseload: caseloadB,
      movedAt: MOVED_AT.toISOString(),
    };
    expect((await readTeamLead())?.moves).toEqual([move]);
    await waitFor(b, async () => (await b.db.ratings.count()) === 3, 'the moved case on B');
    expect(await b.db.youngPeople.get(j.youngPerson.id)).toEqual(j.youngPerson);

    // Offline on A, after the move: a session for the young person. Then A syncs.
    const late: Session = {
      ...j.session,
      id: crypto.randomUUID(),
      notes: 'Walked to the park together',
      date: '2026-12-02',
      createdAt: '2026-12-02T15:00:00.000Z',
      updatedAt: '2026-12-02T15:00:00.000Z',
    };
    await a.db.sessions.put(late);
    await a.start();
    await waitFor(
      a,
      async () => (await a.db.youngPeople.count()) === 0,
      'the moved case gone from A',
    );
    await saved(a);
    expect(await a.db.sessions.count()).toBe(0);

    // The lead's next refresh forwards it.
    const forwarded = await forwardMoves(new Date('2026-12-03T09:00:00.000Z'));
    expect(forwarded.ok && forwarded.value.outcomes.map((o) => o.forwarded.sessions)).toEqual([1]);
    expect(forwarded.ok && forwarded.value.problems).toEqual([]);
    await waitFor(
      b,
      async () => (await b.db.sessions.get(late.id)) !== undefined,
      'the session on B',
    );
    expect(await b.db.sessions.get(late.id)).toEqual(late);
    // Nothing more to forward.
    const again = await forwardMoves(new Date('2026-12-03T09:05:00.000Z'));
    expect(again).toEqual({ ok: true, value: { outcomes: [], problems: [] } });

    // A move refused before anything is written is not kept.
    const refused = await moveCaseAction(
      { youngPersonId: crypto.randomUUID(), fromCaseload: caseloadA, toCaseload: caseloadB },
      new Date('2026-12-03T09:10:00.000Z'),
    );
    expect(refused.ok).toBe(false);
    expect((await readTeamLead())?.moves).toEqual([move]);

    // A move cut short after it was kept and before anything was written (the app locked):
    // the next refresh's forwarding finishes it.
    const leo = journey('Leo Castleford', 'Sleep before ten', 'Made a bedtime plan');
    await addJourney(a.db, leo);
    await a.session.syncNow();
    await saved(a);
    await updateTeamLead(
      (current) => ({
        ...current,
        moves: [
          ...current.moves,
          {
            youngPersonId: leo.youngPerson.id,
            fromCaseload: caseloadA,
            toCaseload: caseloadB,
            movedAt: '2026-12-03T09:20:00.000Z',
          },
        ],
      }),
      NOW,
    );
    const finished = await forwardMoves(new Date('2026-12-03T09:30:00.000Z'));
    expect(finished.ok && finished.value.outcomes.map((o) => o.forwarded.ratings)).toEqual([3]);
    await waitFor(
      b,
      async () => (await b.db.youngPeople.get(leo.youngPerson.id)) !== undefined,
      'Leo on B',
    );
    await waitFor(
      a,
      async () => (await a.db.youngPeople.get(leo.youngPerson.id)) === undefined,
      'Leo gone from A',
    );
  });

  it('forwards what it can when one caseload is out of reach or its key is elsewhere, and says which (review 14c finding 6)', async () => {
    await freshDb();
    const set = await setUpLead(
      { server: server.url, teamDatabase, userName: leadUser.name, password: leadUser.password },
      teamDirectory,
      NOW,
    );
    if (!set.ok) throw new Error(set.message);
    const caseloads: string[] = [];
    for (const name of ['coach-cara', 'coach-dev', 'coach-esme']) {
      const coach = { name, password: 'coach password 3' };
      const database = must(
        await provisionCoach(server.url, server.admin, coach, leadUser.name, teamDatabase),
      ).database;
      const lead = await readTeamLead();
      if (!lead) throw new Error('no lead');
      const invited = await inviteOne(
        await openLead(lead),
        { coachName: name, caseloadDatabase: database },
        teamDirectory,
        NOW,
      );
      if (!invited.ok) throw new Error(invited.message);
      caseloads.push(database);
    }
    const [cara, dev, esme] = caseloads as [string, string, string];
    const lead = await readTeamLead();
    if (!lead) throw new Error('no lead');
    const { keys } = await openLead(lead);
    /** Sealed records put on the server, as a coach's device sends them. */
    const send = async (caseload: string, records: [SyncedTable, SyncedRecord][]) => {
      const key = keys.find((k): k is CaseloadKey => k.caseloadId === caseload);
      if (!key) throw new Error('no key');
      const ids = await documentIdsFor(key);
      const remote = openServerCopy({
        remoteUrl: `${server.url}/${caseload}`,
        credentials: leadUser,
      });
      try {
        for (const [table, record] of records) {
          const documentId = await ids.ofRecord(table, record.id);
          await remote.put(await sealEnvelope(key, documentId, recordPayload(table, record)));
        }
      } finally {
        await remote.close();
      }
    };
    const all = (j: Journey): [SyncedTable, SyncedRecord][] => [
      ['youngPeople', j.youngPerson],
      ['goals', j.goal],
      ['sessions', j.session],
      ...j.ratings.map((r): [SyncedTable, SyncedRecord] => ['ratings', r]),
    ];
    const fromCara = journey('Nia Halloran', 'Ride the bus alone', 'Practised the route');
    const fromEsme = journey('Owen Breck', 'Eat breakfast', 'Made toast');
    await send(cara, all(fromCara));
    await send(esme, all(fromEsme));
    for (const [j, from] of [
      [fromCara, cara],
      [fromEsme, esme],
    ] as const) {
      const moved = await moveCaseAction(
        { youngPersonId: j.youngPerson.id, fromCaseload: from, toCaseload: dev },
        MOVED_AT,
      );
      expect(moved.ok && moved.value.sent).toBe(true);
    }
    // A case moved on another device from a caseload whose key this device does not hold.
    const elsewhere = `caseload-${'0'.repeat(32)}`;
    await updateTeamLead(
      (current) => ({
        ...current,
        moves: [
          ...current.moves,
          {
            youngPersonId: crypto.randomUUID(),
            fromCaseload: elsewhere,
            toCaseload: dev,
            movedAt: MOVED_AT.toISOString(),
          },
        ],
      }),
      NOW,
    );
    // Cara's device sends a session made offline after the move; Esme's caseload is gone from
    // the server.
    const late: Session = {
      ...fromCara.session,
      id: crypto.randomUUID(),
      notes: 'Rode the bus to town on her own',
      date: '2026-12-02',
      createdAt: '2026-12-02T15:00:00.000Z',
      updatedAt: '2026-12-02T15:00:00.000Z',
    };
    await send(cara, [['sessions', late]]);
    const gone = await fetch(`${server.url}/${esme}`, {
      method: 'DELETE',
      headers: { authorization: basicAuth(server.admin) },
    });
    expect(gone.ok).toBe(true);

    const forwarded = await forwardMoves(new Date('2026-12-03T09:00:00.000Z'));
    if (!forwarded.ok) throw new Error(forwarded.message);
    expect(
      forwarded.value.outcomes.map((o) => [o.move.fromCaseload, o.sentTo, o.forwarded.sessions]),
    ).toEqual([[cara, dev, 1]]);
    expect(forwarded.value.problems).toEqual([
      { caseloadId: elsewhere, role: 'from', problem: expect.stringContaining('key') },
      { caseloadId: esme, role: 'from', problem: 'This caseload is not on the team server.' },
    ]);
    // The session is on the server in Dev's caseload.
    const devKey = keys.find((k) => k.caseloadId === dev);
    if (!devKey) throw new Error('no key');
    const devIds = await documentIdsFor(devKey);
    const response = await fetch(
      `${server.url}/${dev}/${await devIds.ofRecord('sessions', late.id)}`,
      { headers: { authorization: basicAuth(server.admin) } },
    );
    expect(response.status).toBe(200);
  });

  it('says so on a device that leads no team', async () => {
    await freshDb();
    expect(
      await moveCaseAction(
        { youngPersonId: crypto.randomUUID(), fromCaseload: caseloadA, toCaseload: caseloadB },
        MOVED_AT,
      ),
    ).toEqual({ ok: false, message: 'This device does not lead a team.' });
  });
});
