/**
 * Moving a case from coach A's caseload to coach B's on the lead's device
 * (src/team/lead/move-case.ts), against the test server with a device for each coach: B's
 * device gets every record, A's device stops showing the case at its next sync, work A's
 * device did offline meanwhile reaches B through the lead's forwarding, a case moves back, and
 * the server holds no plain text.
 */
import '../../../support/browser-globals';
import type { Database, PouchDocument } from 'pouchdb-browser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Closure, Rating, ResilienceMap, Session } from '../../../../src/domain/schemas';
import { createCaseloadKey, type CaseloadKey } from '../../../../src/team/keys/caseload-key';
import { openEnvelope, sealEnvelope } from '../../../../src/team/keys/envelope';
import { documentIdsFor } from '../../../../src/team/sync/document-ids';
import {
  conflictPayloadSchema,
  recordPayload,
  type SyncedRecord,
  type SyncedTable,
} from '../../../../src/team/sync/payload';
import {
  openLocalCopy,
  openServerCopy,
  readCaseload,
  replicateOnce,
} from '../../../../src/team/lead/caseload-records';
import {
  forwardMovedCases,
  moveCase,
  type CaseloadSide,
  type RecordedMove,
} from '../../../../src/team/lead/move-case';
import {
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../../support/couch-server';
import {
  addJourney,
  journey,
  makeDevice,
  saved,
  waitFor,
  type Device,
  type DeviceSetup,
  type Journey,
} from '../sync/sync-fixtures';

const lead: TeamCredentials = { name: 'lead-mover', password: 'lead password 1' };

let server: CouchServer;
const devices: Device[] = [];
const copies: Database[] = [];

interface Caseload extends DeviceSetup {
  database: string;
  key: CaseloadKey;
  side: CaseloadSide;
  remote: Database;
}

async function newCaseload(): Promise<Caseload> {
  const coach = { name: `coach-${crypto.randomUUID().slice(0, 8)}`, password: 'coach password' };
  const provisioned = await provisionCoach(server.url, server.admin, coach, lead.name);
  if (!provisioned.ok) throw new Error(provisioned.problem.message);
  const { database } = provisioned.value;
  const key = await createCaseloadKey(database);
  const local = openLocalCopy(database, `lead-move-${crypto.randomUUID()}`);
  copies.push(local);
  const remote = openServerCopy({ remoteUrl: `${server.url}/${database}`, credentials: lead });
  copies.push(remote);
  return {
    database,
    key,
    remoteUrl: `${server.url}/${database}`,
    credentials: coach,
    caseloadKey: key,
    side: { local, caseloadId: database, keys: [key] },
    remote,
  };
}

const refresh = (c: Caseload) => replicateOnce(c.side.local, c.remote);

/** A journey with a closure (the case closed and reopened) and a resilience map. */
function fullJourney(name: string, goalText: string, notes: string) {
  const j = journey(name, goalText, notes);
  const closure: Closure = {
    id: crypto.randomUUID(),
    youngPersonId: j.youngPerson.id,
    closedOn: '2026-10-01',
    reason: 'other',
    reasonDetail: 'Paused over the half term in Kirkwall',
    goalOutcomes: { [j.goal.id]: 'partly' },
    youngPersonSatisfaction: 8,
    parentCarerSatisfaction: 7,
    youngPersonComments: 'Liked the football chats',
    parentCarerComments: '',
    reopenedOn: '2026-10-15',
    reopenReason: 'Asked for more help with friendships',
    createdAt: '2026-10-01T10:00:00.000Z',
    updatedAt: '2026-10-15T10:00:00.000Z',
  };
  const map: ResilienceMap = {
    id: crypto.randomUUID(),
    youngPersonId: j.youngPerson.id,
    savedAt: '2026-09-20T10:00:00.000Z',
    savedBy: 'young-person',
    tiles: { 'basics-sleep': 'try', 'coping-laugh': 'strength' },
    examples: { 'coping-laugh': 'Jokes with my nan about pigeons' },
    updatedAt: '2026-09-20T10:00:00.000Z',
  };
  return { ...j, closure, map };
}
type FullJourney = ReturnType<typeof fullJourney>;

async function addFullJourney(device: Device, j: FullJourney) {
  await addJourney(device.db, j);
  await device.db.closures.put(j.closure);
  await device.db.resilienceMaps.put(j.map);
}

/** Every record of the journey's young person on a device, by table. */
async function caseOn(device: Device, j: Journey) {
  const id = j.youngPerson.id;
  const { db } = device;
  const goals = await db.goals.where('youngPersonId').equals(id).toArray();
  const sessions = await db.sessions.where('youngPersonId').equals(id).toArray();
  const ratings = await db.ratings
    .where('goalId')
    .anyOf(goals.map((g) => g.id))
    .toArray();
  const byId = <T extends { id: string }>(rows: T[]) =>
    [...rows].sort((a, b) => a.id.localeCompare(b.id));
  return {
    youngPerson: await db.youngPeople.get(id),
    goals,
    sessions: byId(sessions),
    ratings: byId(ratings),
    closures: await db.closures.where('youngPersonId').equals(id).toArray(),
    resilienceMaps: await db.resilienceMaps.where('youngPersonId').equals(id).toArray(),
  };
}

/**
 * Records as a coach's device sends them: sealed under the caseload's key into its documents
 * (here straight into the lead's copy, as if the lead's refresh had just got them).
 */
async function sendAsCoach(c: Caseload, records: [SyncedTable, SyncedRecord][]) {
  const ids = await documentIdsFor(c.key);
  const documents = [];
  for (const [table, record] of records) {
    const documentId = await ids.ofRecord(table, record.id);
    const there = await c.side.local.get(documentId).catch(() => null);
    const envelope = await sealEnvelope(c.key, documentId, recordPayload(table, record));
    documents.push(there ? { ...envelope, _rev: there._rev } : envelope);
  }
  const results = await c.side.local.bulkDocs(documents);
  expect(results.every((r) => 'ok' in r && r.ok)).toBe(true);
}

/**
 * A version a coach's device made on top of `baseRev` before it had the lead's newer
 * revision: sent, it sits beside the lead's as a conflicting leaf of the document.
 */
async function sendBeside(
  c: Caseload,
  baseRev: string,
  table: SyncedTable,
  record: SyncedRecord,
  /** The revision's hash: CouchDB picks the higher as the document's revision. */
  mine: string,
): Promise<void> {
  const ids = await documentIdsFor(c.key);
  const documentId = await ids.ofRecord(table, record.id);
  const envelope = await sealEnvelope(c.key, documentId, recordPayload(table, record));
  const [generation, hash] = baseRev.split('-');
  const next = Number(generation) + 1;
  // As replication writes it: with its history, not as a new edit (the app's typing of
  // PouchDB leaves the option out).
  const writeAsIs = c.side.local.bulkDocs.bind(c.side.local) as unknown as (
    docs: PouchDocument[],
    options: { new_edits: false },
  ) => Promise<unknown>;
  await writeAsIs(
    [{ ...envelope, _rev: `${next}-${mine}`, _revisions: { start: next, ids: [mine, hash] } }],
    { new_edits: false },
  );
}

/** The current revision of a record's document in the lead's copy. */
async function revisionOf(c: Caseload, table: SyncedTable, id: string): Promise<string> {
  const ids = await documentIdsFor(c.key);
  return (await c.side.local.get(await ids.ofRecord(table, id)))._rev;
}

/** The records of the conflict entries (versions kept for the coach) in the lead's copy. */
async function keptVersions(c: Caseload): Promise<SyncedRecord[]> {
  const all = await c.side.local.allDocs({ include_docs: true });
  const kept: SyncedRecord[] = [];
  for (const row of all.rows) {
    if (!row.doc || row.id.startsWith('_')) continue;
    const opened = await openEnvelope(row.doc, {
      caseloadId: c.database,
      keys: c.side.keys,
      schema: conflictPayloadSchema,
    });
    if (opened.ok) kept.push(opened.record.record);
  }
  return kept;
}

function recordsOf(j: Journey): [SyncedTable, SyncedRecord][] {
  return [
    ['youngPeople', j.youngPerson],
    ['goals', j.goal],
    ['sessions', j.session],
    ...j.ratings.map((r): [SyncedTable, SyncedRecord] => ['ratings', r]),
  ];
}

const sorted = <T extends { id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.id.localeCompare(b.id));

async function serverText(database: string): Promise<string> {
  const response = await fetch(`${server.url}/${database}/_all_docs?include_docs=true`, {
    headers: { authorization: basicAuth(server.admin) },
  });
  return response.text();
}

beforeAll(async () => {
  server = await startCouchServer();
  const created = await createTeamUser(server.url, server.admin, lead);
  if (!created.ok) throw new Error(created.problem.message);
});

afterEach(async () => {
  for (const d of devices.splice(0)) {
    await d.session.stop();
    d.db.close();
  }
  for (const c of copies.splice(0)) await c.close();
});

afterAll(async () => {
  await server?.stop();
});

const MOVED_AT = new Date('2026-12-02T10:00:00Z');

describe('moving a case to another coach', () => {
  it('gives B every record, A stops showing it, the server sees no plain text, and it moves back', async () => {
    const caseA = await newCaseload();
    const caseB = await newCaseload();
    const a = makeDevice('coach-a', caseA);
    const b = makeDevice('coach-b', caseB);
    devices.push(a, b);
    const moving = fullJourney(
      'Mia Thornbury',
      'Go to football on Saturdays',
      'Talked about the team',
    );
    const staying = journey('Leo Castleford', 'Sleep before ten', 'Made a bedtime plan');
    await addFullJourney(a, moving);
    await addJourney(a.db, staying);
    await a.start();
    await b.start();
    await saved(a);
    await saved(b);
    const before = await caseOn(a, moving);
    // A version of the session that lost a conflict on A's devices, kept for the coach.
    const ids = await documentIdsFor(caseA.key);
    const sessionDocument = await ids.ofRecord('sessions', moving.session.id);
    const losing = { ...moving.session, notes: 'Talked about the team (first draft)' };
    await caseA.side.local.bulkDocs([
      await sealEnvelope(caseA.key, await ids.ofConflict(sessionDocument, '1-abc'), {
        kind: 'conflict',
        table: 'sessions',
        record: losing,
        documentId: sessionDocument,
        keptAt: '2026-11-01T10:00:00.000Z',
      }),
    ]);
    await refresh(caseA);
    await waitFor(
      a,
      async () => (await a.session.conflicts()).length === 1,
      'the kept version on A',
    );

    await refresh(caseA);
    await refresh(caseB);
    const result = await moveCase({
      from: caseA.side,
      to: caseB.side,
      youngPersonId: moving.youngPerson.id,
      now: MOVED_AT,
    });
    expect(result).toEqual({
      ok: true,
      movedAt: MOVED_AT.toISOString(),
      conflictEntries: 1,
      moved: {
        youngPeople: 1,
        goals: 1,
        sessions: 1,
        ratings: 3,
        closures: 1,
        resilienceMaps: 1,
      },
    });
    await refresh(caseB);
    await refresh(caseA);

    await waitFor(
      b,
      async () => (await caseOn(b, moving)).ratings.length === 3,
      'the moved case on B',
    );
    await saved(b);
    expect(await caseOn(b, moving)).toEqual(before);
    expect(before.closures).toEqual([moving.closure]);
    expect(before.resilienceMaps).toEqual([moving.map]);
    expect(before.ratings).toEqual(sorted(moving.ratings));
    // The kept version went with the case: listed on B's device, no longer on A's.
    await waitFor(
      b,
      async () => (await b.session.conflicts()).length === 1,
      'the kept version on B',
    );
    expect((await b.session.conflicts()).map((c) => c.record)).toEqual([losing]);

    await waitFor(
      a,
      async () => (await a.db.youngPeople.get(moving.youngPerson.id)) === undefined,
      'the moved case gone from A',
    );
    await saved(a);
    expect(await caseOn(a, moving)).toEqual({
      youngPerson: undefined,
      goals: [],
      sessions: [],
      ratings: [],
      closures: [],
      resilienceMaps: [],
    });
    expect(await a.session.conflicts()).toEqual([]);
    // The other young person stays with A.
    expect(await a.db.youngPeople.get(staying.youngPerson.id)).toEqual(staying.youngPerson);

    for (const database of [caseA.database, caseB.database]) {
      const text = await serverText(database);
      for (const plain of [
        'Mia Thornbury',
        'Go to football on Saturdays',
        'Talked about the team',
        'Kirkwall',
        'pigeons',
        'friendships',
        moving.youngPerson.id,
        moving.session.id,
        '2013-04-12',
      ]) {
        expect(text).not.toContain(plain);
      }
    }

    // Moved back to A a day later: A's device shows it again (the deletions A holds are
    // older than the records the lead writes back), B's stops.
    await refresh(caseB);
    await refresh(caseA);
    const back = await moveCase({
      from: caseB.side,
      to: caseA.side,
      youngPersonId: moving.youngPerson.id,
      now: new Date('2026-12-03T10:00:00Z'),
    });
    expect(back.ok).toBe(true);
    await refresh(caseA);
    await refresh(caseB);
    await waitFor(
      a,
      async () => (await caseOn(a, moving)).ratings.length === 3,
      'the case back on A',
    );
    await waitFor(
      b,
      async () => (await b.db.youngPeople.get(moving.youngPerson.id)) === undefined,
      'the case gone from B',
    );
    const onA = await caseOn(a, moving);
    expect(onA.youngPerson?.name).toBe('Mia Thornbury');
    expect(onA.sessions.map((s) => s.notes)).toEqual(['Talked about the team']);
    expect(onA.closures.map((c) => c.reasonDetail)).toEqual([moving.closure.reasonDetail]);
    expect(onA.resilienceMaps.map((m) => m.examples)).toEqual([moving.map.examples]);
  });

  it('refuses a young person who is not in the caseload, and a move to the same caseload', async () => {
    const caseA = await newCaseload();
    const caseB = await newCaseload();
    const missing = await moveCase({
      from: caseA.side,
      to: caseB.side,
      youngPersonId: crypto.randomUUID(),
      now: MOVED_AT,
    });
    expect(missing).toEqual({
      ok: false,
      message:
        'This young person is not in that coach’s caseload on this device. Refresh the team and try again.',
    });
    const same = await moveCase({
      from: caseA.side,
      to: caseA.side,
      youngPersonId: crypto.randomUUID(),
      now: MOVED_AT,
    });
    expect(same.ok).toBe(false);
    const noKey = await moveCase({
      from: caseA.side,
      to: { ...caseB.side, keys: [] },
      youngPersonId: crypto.randomUUID(),
      now: MOVED_AT,
    });
    expect(noKey).toEqual({
      ok: false,
      message: 'This device holds no key for one of the two caseloads, so it cannot move the case.',
    });
    expect((await caseB.side.local.allDocs()).rows).toEqual([]);
  });

  it('forwards to B what A’s device did offline before it had the move, an older change kept for B to choose', async () => {
    const caseA = await newCaseload();
    const caseB = await newCaseload();
    const a = makeDevice('coach-a2', caseA);
    const b = makeDevice('coach-b2', caseB);
    devices.push(a, b);
    const moving = fullJourney('Ava Marsh', 'Walk the dog every day', 'Dog walk went well');
    await addFullJourney(a, moving);
    await a.start();
    await b.start();
    await saved(a);
    await saved(b);
    // A's device goes offline.
    await a.session.stop();

    await refresh(caseA);
    await refresh(caseB);
    const result = await moveCase({
      from: caseA.side,
      to: caseB.side,
      youngPersonId: moving.youngPerson.id,
      now: MOVED_AT,
    });
    expect(result.ok).toBe(true);
    await refresh(caseB);
    await refresh(caseA);
    const move: RecordedMove = {
      youngPersonId: moving.youngPerson.id,
      fromCaseload: caseA.database,
      toCaseload: caseB.database,
      movedAt: MOVED_AT.toISOString(),
    };

    // Offline on A: one session from the morning before the move, one after it, rated.
    const session = (notes: string, at: string): Session => ({
      ...moving.session,
      id: crypto.randomUUID(),
      notes,
      date: at.slice(0, 10),
      createdAt: at,
      updatedAt: at,
    });
    const early = session('Planned the dog walking rota', '2026-12-02T08:00:00.000Z');
    // The session the case already had, its notes changed at 09:00, before the move's 10:00:
    // the lead's deletion is newer, and still this version reaches B.
    const changedBefore: Session = {
      ...moving.session,
      notes: 'Dog walk went well, and the dog met a cat',
      updatedAt: '2026-12-02T09:00:00.000Z',
    };
    const late = session('Walked to the park together', '2026-12-02T15:00:00.000Z');
    const rating: Rating = {
      id: crypto.randomUUID(),
      goalId: moving.goal.id,
      sessionId: late.id,
      score: 6,
      ratedAt: late.updatedAt,
      ratedBy: 'young-person',
      updatedAt: late.updatedAt,
    };
    // And the young person's school corrected.
    const renamed = {
      ...moving.youngPerson,
      school: 'Seaview Primary',
      updatedAt: '2026-12-02T16:00:00.000Z',
    };
    // The goal marked achieved on A at 11:00, and stopped on B at noon (B's is newer).
    const achievedOnA = {
      ...moving.goal,
      status: 'achieved' as const,
      updatedAt: '2026-12-02T11:00:00.000Z',
    };
    const stoppedOnB = {
      ...moving.goal,
      status: 'stopped' as const,
      updatedAt: '2026-12-02T12:00:00.000Z',
    };
    await a.db.transaction(
      'rw',
      [a.db.youngPeople, a.db.goals, a.db.sessions, a.db.ratings],
      async () => {
        await a.db.youngPeople.put(renamed);
        await a.db.goals.put(achievedOnA);
        await a.db.sessions.bulkPut([early, late, changedBefore]);
        await a.db.ratings.put(rating);
      },
    );
    await waitFor(
      b,
      async () => (await b.db.goals.get(moving.goal.id)) !== undefined,
      'the goal on B',
    );
    await b.db.goals.put(stoppedOnB);
    await b.session.syncNow();
    await saved(b);

    // A's device syncs: the move's deletions arrive, the case goes from A's device, and its
    // offline work is on the server, not pushed over with deletions.
    await a.start();
    await waitFor(
      a,
      async () => (await a.db.youngPeople.get(moving.youngPerson.id)) === undefined,
      'the moved case gone from A',
    );
    await saved(a);
    expect(await a.db.sessions.bulkGet([early.id, late.id])).toEqual([undefined, undefined]);
    // Its own edit, sealed before the case went, does not bring the case back at a later pull.
    await a.session.syncNow();
    await saved(a);
    expect(await a.db.youngPeople.count()).toBe(0);

    // The lead's next refresh forwards it to B and deletes it again in A.
    await refresh(caseA);
    await refresh(caseB);
    const live = await readCaseload(caseA.side.local, caseA.database, caseA.side.keys);
    expect(sorted(live.records.sessions)).toEqual(sorted([early, late]));
    const forwarded = await forwardMovedCases([move], [caseA.side, caseB.side], MOVED_AT);
    expect(forwarded.outcomes).toEqual([
      {
        move,
        sentTo: caseB.database,
        forwarded: {
          youngPeople: 1,
          goals: 0,
          sessions: 3,
          ratings: 1,
          closures: 0,
          resilienceMaps: 0,
        },
        keptAsConflicts: 1,
        deleted: 6,
      },
    ]);
    expect(forwarded.changed).toEqual([caseB.database, caseA.database]);
    await refresh(caseB);
    await refresh(caseA);

    await waitFor(
      b,
      async () => (await b.db.ratings.get(rating.id)) !== undefined,
      'the forwarded work on B',
    );
    await saved(b);
    const onB = await caseOn(b, moving);
    expect(onB.sessions.map((s) => s.notes).sort()).toEqual([
      'Dog walk went well, and the dog met a cat',
      'Planned the dog walking rota',
      'Walked to the park together',
    ]);
    expect(onB.ratings).toHaveLength(4);
    expect(await b.db.ratings.get(rating.id)).toEqual(rating);
    expect(await b.db.youngPeople.get(moving.youngPerson.id)).toEqual(renamed);
    // B's newer change of the goal stays; A's older one is listed on B for the coach to choose.
    expect(await b.db.goals.get(moving.goal.id)).toEqual(stoppedOnB);
    await waitFor(b, async () => (await b.session.conflicts()).length === 1, 'A’s goal kept on B');
    expect((await b.session.conflicts()).map((c) => c.record)).toEqual([achievedOnA]);

    // A's device takes the lead's deletions; nothing of the case is live in A's caseload.
    await saved(a);
    await refresh(caseA);
    const after = await readCaseload(caseA.side.local, caseA.database, caseA.side.keys);
    expect(after.records.sessions).toEqual([]);
    expect(after.records.ratings).toEqual([]);
    expect(after.lateLeaves).toEqual([]);
    expect(await a.db.youngPeople.count()).toBe(0);
    // A second forward finds nothing left to do.
    expect((await forwardMovedCases([move], [caseA.side, caseB.side], MOVED_AT)).outcomes).toEqual(
      [],
    );
  });

  it('keeps for the new coach a version the old coach’s devices had not settled yet (review 14b finding 7)', async () => {
    // Both orders CouchDB could pick between the two versions (by the revisions' hashes).
    for (const mine of ['0'.repeat(32), 'f'.repeat(32)]) {
      const caseA = await newCaseload();
      const caseB = await newCaseload();
      const moving = journey('Rory Castleton', 'Go to the youth club', 'Talked about Fridays');
      await sendAsCoach(caseA, recordsOf(moving));
      const base = await revisionOf(caseA, 'goals', moving.goal.id);
      // A's two devices changed the goal offline; both versions reached A's caseload, and
      // neither device has settled the conflict yet.
      const achieved = {
        ...moving.goal,
        status: 'achieved' as const,
        updatedAt: '2026-12-01T12:00:00.000Z',
      };
      const stopped = {
        ...moving.goal,
        status: 'stopped' as const,
        updatedAt: '2026-12-01T11:00:00.000Z',
      };
      await sendAsCoach(caseA, [['goals', achieved]]);
      await sendBeside(caseA, base, 'goals', stopped, mine);

      const moved = await moveCase({
        from: caseA.side,
        to: caseB.side,
        youngPersonId: moving.youngPerson.id,
        now: MOVED_AT,
      });
      expect(moved.ok).toBe(true);
      const onB = await readCaseload(caseB.side.local, caseB.database, caseB.side.keys);
      expect(onB.records.goals).toEqual([achieved]);
      expect(await keptVersions(caseB)).toEqual([stopped]);

      // The refresh's forwarding finds nothing more to keep, and the version is there once.
      await forwardMovedCases(
        [
          {
            youngPersonId: moving.youngPerson.id,
            fromCaseload: caseA.database,
            toCaseload: caseB.database,
            movedAt: MOVED_AT.toISOString(),
          },
        ],
        [caseA.side, caseB.side],
        new Date('2026-12-03T09:00:00Z'),
      );
      expect(await keptVersions(caseB)).toEqual([stopped]);
      const left = await readCaseload(caseA.side.local, caseA.database, caseA.side.keys);
      expect(left.records.goals).toEqual([]);
    }
  });

  it('forwards work sent late to every caseload that held the case to the one that holds it now (review 14c finding 5)', async () => {
    const caseA = await newCaseload();
    const caseB = await newCaseload();
    const caseC = await newCaseload();
    const moving = journey('Isla Pennant', 'Join the choir', 'Sang in the hall');
    await sendAsCoach(caseA, recordsOf(moving));
    const first = await moveCase({
      from: caseA.side,
      to: caseB.side,
      youngPersonId: moving.youngPerson.id,
      now: MOVED_AT,
    });
    expect(first.ok).toBe(true);
    const secondAt = new Date('2026-12-04T10:00:00Z');
    const second = await moveCase({
      from: caseB.side,
      to: caseC.side,
      youngPersonId: moving.youngPerson.id,
      now: secondAt,
    });
    expect(second.ok).toBe(true);
    const toB: RecordedMove = {
      youngPersonId: moving.youngPerson.id,
      fromCaseload: caseA.database,
      toCaseload: caseB.database,
      movedAt: MOVED_AT.toISOString(),
    };
    const toC: RecordedMove = {
      youngPersonId: moving.youngPerson.id,
      fromCaseload: caseB.database,
      toCaseload: caseC.database,
      movedAt: secondAt.toISOString(),
    };

    // A's device was offline through both moves: a session it added after the first reaches
    // A's caseload now. B's device changed the goal offline after the second move.
    const lateOnA: Session = {
      ...moving.session,
      id: crypto.randomUUID(),
      notes: 'Sang a solo at assembly',
      date: '2026-12-03',
      createdAt: '2026-12-03T15:00:00.000Z',
      updatedAt: '2026-12-03T15:00:00.000Z',
    };
    const goalOnB = {
      ...moving.goal,
      status: 'achieved' as const,
      updatedAt: '2026-12-05T09:00:00.000Z',
    };
    await sendAsCoach(caseA, [['sessions', lateOnA]]);
    await sendAsCoach(caseB, [['goals', goalOnB]]);

    // Recorded in any order: the newest move says who holds the case.
    const forwarded = await forwardMovedCases(
      [toC, toB],
      [caseA.side, caseB.side, caseC.side],
      new Date('2026-12-06T09:00:00Z'),
    );
    expect(forwarded.failed).toEqual([]);
    expect(
      forwarded.outcomes
        .map((o) => ({
          from: o.move.fromCaseload,
          to: o.sentTo,
          sessions: o.forwarded.sessions,
          goals: o.forwarded.goals,
        }))
        .sort((x, y) => x.from.localeCompare(y.from)),
    ).toEqual(
      [
        { from: caseA.database, to: caseC.database, sessions: 1, goals: 0 },
        { from: caseB.database, to: caseC.database, sessions: 0, goals: 1 },
      ].sort((x, y) => x.from.localeCompare(y.from)),
    );
    expect(forwarded.changed[0]).toBe(caseC.database);

    const onC = await readCaseload(caseC.side.local, caseC.database, caseC.side.keys);
    expect(sorted(onC.records.sessions)).toEqual(sorted([moving.session, lateOnA]));
    expect(onC.records.goals).toEqual([goalOnB]);
    for (const old of [caseA, caseB]) {
      const left = await readCaseload(old.side.local, old.database, old.side.keys);
      expect(left.records.sessions).toEqual([]);
      expect(left.records.goals).toEqual([]);
    }
    // Nothing left to forward.
    expect(
      (
        await forwardMovedCases(
          [toB, toC],
          [caseA.side, caseB.side, caseC.side],
          new Date('2026-12-06T09:05:00Z'),
        )
      ).outcomes,
    ).toEqual([]);
  });

  it('moving a case back keeps the old coach’s newer work there, and the other version for the coach to choose (review 14c finding 4)', async () => {
    const caseA = await newCaseload();
    const caseB = await newCaseload();
    const moving = journey('Ruby Stenness', 'Read a chapter a night', 'Chose a library book');
    await sendAsCoach(caseA, recordsOf(moving));
    const goalBase = await revisionOf(caseA, 'goals', moving.goal.id);
    const sessionBase = await revisionOf(caseA, 'sessions', moving.session.id);
    const away = await moveCase({
      from: caseA.side,
      to: caseB.side,
      youngPersonId: moving.youngPerson.id,
      now: MOVED_AT,
    });
    expect(away.ok).toBe(true);

    // A's device, offline, had changed the session at 09:00 (before the move at 10:00: it
    // loses to the move's deletion) and changes the goal at 15:00 (after: newer than it).
    const sessionOnA: Session = {
      ...moving.session,
      notes: 'Chose a library book and read the first page',
      updatedAt: '2026-12-02T09:00:00.000Z',
    };
    const goalOnA = {
      ...moving.goal,
      status: 'achieved' as const,
      updatedAt: '2026-12-02T15:00:00.000Z',
    };
    // The session's revision sorts below the lead's deletion, the goal's above (CouchDB then
    // names A's goal as the document's revision): each way round is covered.
    await sendBeside(caseA, sessionBase, 'sessions', sessionOnA, '0'.repeat(32));
    await sendBeside(caseA, goalBase, 'goals', goalOnA, 'f'.repeat(32));
    // B's coach changed the session at noon, after A's change of it.
    const sessionOnB: Session = {
      ...moving.session,
      notes: 'Chose a library book about owls',
      updatedAt: '2026-12-02T12:00:00.000Z',
    };
    await sendAsCoach(caseB, [['sessions', sessionOnB]]);
    const inA = await readCaseload(caseA.side.local, caseA.database, caseA.side.keys);
    expect(inA.records.goals).toEqual([goalOnA]);
    expect(inA.lateLeaves.map((l) => l.record)).toEqual([sessionOnA]);

    // Moved back before any refresh forwarded A's work.
    const back = await moveCase({
      from: caseB.side,
      to: caseA.side,
      youngPersonId: moving.youngPerson.id,
      now: new Date('2026-12-03T10:00:00Z'),
    });
    expect(back.ok).toBe(true);
    const after = await readCaseload(caseA.side.local, caseA.database, caseA.side.keys);
    // The newer version of each record holds: A's goal, B's session.
    expect(after.records.goals).toEqual([goalOnA]);
    expect(after.records.sessions.map((s) => s.notes)).toEqual([sessionOnB.notes]);
    expect(after.records.youngPeople.map((p) => p.id)).toEqual([moving.youngPerson.id]);
    expect(after.records.ratings).toHaveLength(3);
    expect(after.lateLeaves).toEqual([]);
    // The other versions are kept for A's coach to choose, none lost.
    const kept = await keptVersions(caseA);
    expect(kept).toEqual(expect.arrayContaining([sessionOnA, moving.goal]));
    expect(kept).toHaveLength(2);
  });
});
