/**
 * The sync module against a CouchDB-protocol test server (issue 14): two devices of one coach,
 * each with its own Dexie database and local PouchDB database, sharing the caseload through
 * the coach's caseload database.
 */
import '../../../support/browser-globals';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordDeletionsOf } from '../../../../src/db/repositories/deletions';
import { eraseYoungPersonIn, erasureTables } from '../../../../src/db/repositories/young-people';
import { documentIdsFor } from '../../../../src/team/sync';
import { createTeamUser, type TeamCredentials } from '../../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../../support/couch-server';
import { startTcpGate, type TcpGate } from '../../../support/tcp-gate';
import {
  addJourney,
  journey,
  makeDevice,
  newCaseload,
  readJourney,
  saved,
  waitFor,
  type Device,
  type DeviceSetup,
} from './sync-fixtures';

const lead: TeamCredentials = { name: 'lead-1', password: 'lead password 1' };

let server: CouchServer;
const devices: Device[] = [];
const gates: TcpGate[] = [];

function device(
  label: string,
  setup: DeviceSetup,
  options?: { pullBatchSize?: number; retryDelay?: (previous: number) => number },
): Device {
  const made = makeDevice(label, setup, options);
  devices.push(made);
  return made;
}

/** Every document on the server, as its admin reads it. */
async function serverDocuments(database: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${server.url}/${database}/_all_docs?include_docs=true`, {
    headers: { authorization: basicAuth(server.admin) },
  });
  const body = (await response.json()) as { rows: { doc: Record<string, unknown> }[] };
  return body.rows.map((row) => row.doc);
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
  for (const gate of gates.splice(0)) await gate.stop();
});

afterAll(async () => {
  await server?.stop();
});

describe('syncing a caseload between two devices', () => {
  it('takes a young person, goal, session and ratings from device A to device B', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const j = journey('Mia Thornbury', 'Go to football on Saturdays', 'Talked about the team');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);
    expect(a.session.status.lastSavedAt).toEqual(a.clock.now);

    const b = device('b', caseload);
    await b.start();
    await waitFor(
      b,
      async (s) => s.state === 'saved' && (await b.db.ratings.count()) === 3,
      'the records on B',
    );
    expect(await readJourney(b.db, j)).toEqual(await readJourney(a.db, j));
    expect(await readJourney(b.db, j)).toEqual({
      youngPerson: j.youngPerson,
      goal: j.goal,
      session: j.session,
      ratings: j.ratings,
    });
    expect(b.session.status.damaged).toBe(0);

    // The server holds sealed envelopes only: no name, goal or note in plain text.
    const documents = await serverDocuments(caseload.database);
    expect(documents).toHaveLength(6);
    for (const document of documents) {
      expect(Object.keys(document).sort()).toEqual(['_id', '_rev', 'c', 'v']);
      expect(document._id).toMatch(/^[0-9a-f]{32}$/);
    }
    const everything = JSON.stringify(documents);
    for (const secret of [
      'Mia',
      'Thornbury',
      'football',
      'Talked about',
      'Hillside',
      j.youngPerson.id,
      j.goal.id,
      '2013-04-12',
      'belonging',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('can be stopped while it starts, and started again', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const j = journey('Theo Ashdown', 'Join a lunchtime club', 'Clubs');
    await addJourney(a.db, j);
    const starting = a.start();
    await a.session.stop();
    await starting;
    expect(a.session.status.state).toBe('offline');
    await a.start();
    await saved(a);
    expect(await serverDocuments(caseload.database)).toHaveLength(6);
  });

  it('pushes only what changed since the last push', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const j = journey('Ruby Allerton', 'Say hello to one new person a week', 'Good start');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);
    const before = await serverDocuments(caseload.database);

    await a.db.sessions.put({
      ...j.session,
      notes: 'Good start, and a plan',
      updatedAt: '2026-09-09T10:00:00.000Z',
    });
    await a.session.syncNow();
    await saved(a);
    const after = await serverDocuments(caseload.database);
    const changed = after.filter(
      (doc) => before.find((old) => old._id === doc._id)?._rev !== doc._rev,
    );
    expect(changed).toHaveLength(1);
  });

  it('keeps both versions of a record edited on two devices offline: the newer shown', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const b = device('b', caseload);
    const j = journey('Leo Marsh', 'Walk the dog with Dad', 'First session');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);
    await b.start();
    await waitFor(b, async () => (await b.db.ratings.count()) === 3, 'the records on B');
    await saved(b);
    await a.session.stop();
    await b.session.stop();

    // Offline, both edit the same young person: B's edit is the later one.
    const onA = { ...j.youngPerson, school: 'Northgate', updatedAt: '2026-10-01T10:00:00.000Z' };
    const onB = { ...j.youngPerson, school: 'Southfield', updatedAt: '2026-10-02T10:00:00.000Z' };
    await a.db.youngPeople.put(onA);
    await b.db.youngPeople.put(onB);

    await a.start();
    await saved(a);
    await b.start();
    await waitFor(
      b,
      async (s) => s.state === 'saved' && (await b.session.conflicts()).length === 1,
      'the conflict on B',
    );
    expect(await b.db.youngPeople.get(j.youngPerson.id)).toEqual(onB);
    expect((await b.session.conflicts()).map((c) => c.record)).toEqual([onA]);

    await waitFor(
      a,
      async () =>
        (await a.db.youngPeople.get(j.youngPerson.id))?.school === 'Southfield' &&
        (await a.session.conflicts()).length === 1,
      'the newer version and the conflict on A',
    );
    expect(await a.db.youngPeople.get(j.youngPerson.id)).toEqual(onB);
    expect((await a.session.conflicts())[0]).toMatchObject({
      table: 'youngPeople',
      id: j.youngPerson.id,
      record: onA,
    });

    // The coach looks at it on B and dismisses it: it goes from A too.
    const [entry] = await b.session.conflicts();
    expect(await b.session.dismissConflict(entry!.entryId)).toBe(true);
    expect(await b.session.conflicts()).toEqual([]);
    await b.session.syncNow();
    await saved(b);
    await waitFor(a, async () => (await a.session.conflicts()).length === 0, 'no conflict on A');
    expect(await a.db.youngPeople.get(j.youngPerson.id)).toEqual(onB);
  });

  it('keeps a change saved here but not yet sealed when another device’s change arrives', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const b = device('b', caseload);
    const j = journey('Isla Penrose', 'Read a chapter each night', 'Library visit');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);
    await b.start();
    await waitFor(b, async () => (await b.db.ratings.count()) === 3, 'the records on B');
    await saved(b);

    // B saves two changes and has not called syncNow yet (B is still syncing, live); A's
    // changes of the same records reach B meanwhile: one older than B's, one newer.
    const sessionOnB = {
      ...j.session,
      notes: 'Library (B)',
      updatedAt: '2026-09-20T10:00:00.000Z',
    };
    const sessionOnA = {
      ...j.session,
      notes: 'Library (A)',
      updatedAt: '2026-09-10T10:00:00.000Z',
    };
    const personOnB = {
      ...j.youngPerson,
      school: 'B school',
      updatedAt: '2026-09-10T10:00:00.000Z',
    };
    const personOnA = {
      ...j.youngPerson,
      school: 'A school',
      updatedAt: '2026-09-20T10:00:00.000Z',
    };
    await b.db.transaction('rw', [b.db.sessions, b.db.youngPeople], async () => {
      await b.db.sessions.put(sessionOnB);
      await b.db.youngPeople.put(personOnB);
    });
    await a.db.transaction('rw', [a.db.sessions, a.db.youngPeople], async () => {
      await a.db.sessions.put(sessionOnA);
      await a.db.youngPeople.put(personOnA);
    });
    await a.session.syncNow();
    await waitFor(b, async () => (await b.session.conflicts()).length === 2, 'both conflicts on B');
    // The newer of each is shown; the other is listed.
    expect(await b.db.sessions.get(j.session.id)).toEqual(sessionOnB);
    expect(await b.db.youngPeople.get(j.youngPerson.id)).toEqual(personOnA);
    expect((await b.session.conflicts()).map((c) => c.record)).toEqual(
      expect.arrayContaining([sessionOnA, personOnB]),
    );

    // B's newer session goes out with B's next push, and A lists the same conflicts.
    await b.session.syncNow();
    await saved(b);
    await waitFor(
      a,
      async () =>
        (await a.db.sessions.get(j.session.id))?.notes === sessionOnB.notes &&
        (await a.session.conflicts()).length === 2,
      'the newer session and both conflicts on A',
    );
    expect(await a.db.youngPeople.get(j.youngPerson.id)).toEqual(personOnA);
  });

  it('waits for a young person that arrives after their goal, session and ratings', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const j = journey('Poppy Hartley', 'Swim a length', 'Pool');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);
    // Changed last, the young person comes last in the changes feed.
    const renamed = { ...j.youngPerson, school: 'Moorside', updatedAt: '2026-09-30T10:00:00.000Z' };
    await a.db.youngPeople.put(renamed);
    await a.session.syncNow();
    await saved(a);

    const b = device('b', caseload, { pullBatchSize: 1 });
    await b.start();
    await waitFor(
      b,
      async (s) => s.state === 'saved' && (await b.db.ratings.count()) === 3,
      'every record on B',
    );
    expect(await readJourney(b.db, j)).toEqual({ ...j, youngPerson: renamed });
    expect(b.session.refused()).toEqual([]);
  });

  it('follows the merge’s rules: a goal’s words stay, and what was refused is listed', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const b = device('b', caseload);
    const j = journey('Freya Castleton', 'Practise the guitar twice a week', 'Guitar');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);
    await b.start();
    await waitFor(b, async () => (await b.db.ratings.count()) === 3, 'the records on B');

    // No screen changes a rated goal's words; a device that did is not followed.
    const reworded = { ...j.goal, text: 'Something else', updatedAt: '2026-10-01T10:00:00.000Z' };
    await a.db.goals.put(reworded);
    await a.session.syncNow();
    await saved(a);
    await waitFor(b, () => b.session.refused().length === 1, 'the refusal on B');
    expect(b.session.refused()).toEqual([
      {
        documentId: await (await documentIdsFor(caseload.key)).ofRecord('goals', j.goal.id),
        table: 'goals',
        id: j.goal.id,
        reason: 'goal-words',
      },
    ]);
    expect(await b.db.goals.get(j.goal.id)).toEqual(j.goal);

    // Nor does a session move to another young person (the pull weighs both young people).
    const other = journey('Arlo Whitcombe', 'Help cook tea on Fridays', 'Cooking');
    await addJourney(a.db, other);
    await a.session.syncNow();
    await saved(a);
    await waitFor(b, async () => (await b.db.ratings.count()) === 6, 'the second journey on B');
    const moved = {
      ...j.session,
      youngPersonId: other.youngPerson.id,
      updatedAt: '2026-10-02T10:00:00.000Z',
    };
    await a.db.sessions.put(moved);
    await a.session.syncNow();
    await saved(a);
    await waitFor(b, () => b.session.refused().length === 2, 'the second refusal on B');
    expect(b.session.refused()[1]).toMatchObject({ table: 'sessions', reason: 'moved' });
    expect(await b.db.sessions.get(j.session.id)).toEqual(j.session);
  });

  it('deletes on B what A deleted, and an older copy edited offline does not come back', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const b = device('b', caseload);
    const j = journey('Noah Fenwick', 'Join the drama club', 'Met the drama teacher');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);
    await b.start();
    await waitFor(b, async () => (await b.db.ratings.count()) === 3, 'the records on B');
    await b.session.stop();

    // B, offline, edits the session; later A deletes it with its ratings.
    await b.db.sessions.put({
      ...j.session,
      notes: 'Edited on B',
      updatedAt: '2026-09-10T10:00:00.000Z',
    });
    const sessionRatings = j.ratings.filter((r) => r.sessionId === j.session.id).map((r) => r.id);
    await a.db.transaction('rw', [a.db.sessions, a.db.ratings, a.db.deletions], async () => {
      await a.db.ratings.bulkDelete(sessionRatings);
      await a.db.sessions.delete(j.session.id);
      await recordDeletionsOf(
        a.db,
        [
          ['sessions', [j.session.id]],
          ['ratings', sessionRatings],
        ],
        new Date('2026-09-12T10:00:00.000Z'),
      );
    });
    await a.session.syncNow();
    await saved(a);

    await b.start();
    await waitFor(
      b,
      async (s) => s.state === 'saved' && (await b.db.sessions.count()) === 0,
      'the deletion on B',
    );
    expect(await b.db.ratings.count()).toBe(1);
    await saved(a);
    expect(await a.db.sessions.count()).toBe(0);

    // A new device gets the caseload without the deleted session.
    const c = device('c', caseload);
    await c.start();
    await waitFor(
      c,
      async (s) => s.state === 'saved' && (await c.db.goals.count()) === 1,
      'the caseload on C',
    );
    expect(await c.db.sessions.count()).toBe(0);
    expect(await c.db.ratings.count()).toBe(1);
  });

  it('erases a young person on every device and leaves only sealed deletions on the server', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const b = device('b', caseload);
    const kept = journey('Ava Kettering', 'Try the climbing wall', 'Brave at the wall');
    const erased = journey(
      'Ethan Brindley',
      'Eat breakfast before school',
      'Talked about mornings',
    );
    await addJourney(a.db, kept);
    await addJourney(a.db, erased);
    await a.start();
    await saved(a);
    await b.start();
    await waitFor(b, async () => (await b.db.ratings.count()) === 6, 'the records on B');

    await a.db.transaction('rw', erasureTables(a.db), async () => {
      await eraseYoungPersonIn(a.db, erased.youngPerson.id, new Date('2026-11-01T10:00:00Z'));
    });
    await a.session.syncNow();
    await saved(a);
    await waitFor(
      b,
      async () => (await b.db.youngPeople.count()) === 1 && (await b.db.ratings.count()) === 3,
      'the erasure on B',
    );
    expect(await readJourney(b.db, erased)).toEqual({
      youngPerson: undefined,
      goal: undefined,
      session: undefined,
      ratings: [undefined, undefined, undefined],
    });
    expect(await b.db.deletions.count()).toBe(6);
    expect(JSON.stringify(await serverDocuments(caseload.database))).not.toContain('Ethan');
  });
});

describe('faults', () => {
  it('lists a document changed on the server as damaged and syncs the rest', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const j = journey('Zara Oldfield', 'Ask a teacher for help once a week', 'Maths worry');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);
    await a.session.stop();

    // Someone with the server's admin password changes one rating's document and adds another.
    const ids = await documentIdsFor(caseload.key);
    const lastRating = j.ratings[2]!;
    const targetId = await ids.ofRecord('ratings', lastRating.id);
    const documents = await serverDocuments(caseload.database);
    const target = documents.find((doc) => doc._id === targetId) as {
      _id: string;
      _rev: string;
      v: number;
      c: string;
    };
    const flipped = target.c[10] === 'A' ? 'B' : 'A';
    const headers = { authorization: basicAuth(server.admin), 'content-type': 'application/json' };
    const put = async (doc: { _id: string } & Record<string, unknown>) => {
      const response = await fetch(`${server.url}/${caseload.database}/${doc._id}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify(doc),
      });
      expect(response.status).toBe(201);
    };
    await put({ ...target, c: target.c.slice(0, 10) + flipped + target.c.slice(11) });
    await put({ _id: 'f'.repeat(32), name: 'Not from the app' });

    const b = device('b', caseload);
    await b.start();
    await waitFor(b, (s) => s.state === 'saved' && s.damaged === 2, 'two damaged documents');
    // Everything else arrived; the changed rating is not shown, in either version.
    const here = await readJourney(b.db, j);
    expect(here).toEqual({
      youngPerson: j.youngPerson,
      goal: j.goal,
      session: j.session,
      ratings: [j.ratings[0], j.ratings[1], undefined],
    });
    expect(
      b.session
        .damaged()
        .map((d) => [d.documentId, d.reason])
        .sort(),
    ).toEqual([
      [targetId, 'seal-broken'],
      ['f'.repeat(32), 'not-an-envelope'],
    ]);
  });

  it('loses nothing when the server goes away mid-sync, and resumes when it is back', async () => {
    const caseload = await newCaseload(server, lead.name);
    const gate = await startTcpGate(server.url);
    gates.push(gate);
    const a = device('a', {
      ...caseload,
      remoteUrl: `${gate.url}/${caseload.database}`,
    });
    const first = journey('Maya Greenhalgh', 'Go to bed by ten', 'Sleep diary');
    await addJourney(a.db, first);
    await a.start();
    await saved(a);

    const states: string[] = [];
    a.session.subscribe((s) => states.push(s.state));
    // The server goes away while the new records are on their way.
    const second = journey('Oscar Pendlebury', 'Tell Mum when school is hard', 'Worries');
    await addJourney(a.db, second);
    const pushing = a.session.syncNow();
    await gate.shut();
    await pushing;
    await waitFor(a, (s) => s.state === 'offline' && s.waiting > 0, 'offline with changes waiting');
    expect(a.session.status.problem).toMatch(/cannot be reached/);
    expect(a.session.status.waiting).toBe(6);

    await gate.open();
    await saved(a);
    expect(states).toContain('offline');
    expect(a.session.status.problem).toBeUndefined();

    const b = device('b', caseload);
    await b.start();
    await waitFor(
      b,
      async (s) => s.state === 'saved' && (await b.db.ratings.count()) === 6,
      'both journeys on B',
    );
    expect(await readJourney(b.db, second)).toEqual(await readJourney(a.db, second));
  });

  it('syncs at once when told the network is back, not after its retry wait', async () => {
    const caseload = await newCaseload(server, lead.name);
    const gate = await startTcpGate(server.url);
    gates.push(gate);
    // A retry wait far longer than the test: only reconnect() can bring it back in time.
    const a = device(
      'a',
      { ...caseload, remoteUrl: `${gate.url}/${caseload.database}` },
      { retryDelay: () => 600_000 },
    );
    await a.start();
    await saved(a);
    await gate.shut();
    await addJourney(a.db, journey('Nia Rowbotham', 'Walk the dog after school', 'Calm'));
    await a.session.syncNow();
    await waitFor(a, (s) => s.state === 'offline' && s.waiting > 0, 'offline with changes waiting');

    await gate.open();
    a.session.reconnect();
    await saved(a);
    expect(a.session.status.waiting).toBe(0);
    // Once back, another "online" changes nothing, and the session still stops cleanly.
    a.session.reconnect();
    expect(a.session.status.state).toBe('saved');
    await a.session.stop();
    expect(a.session.status.state).toBe('offline');
  });

  it('says so when another coach’s account opens the caseload, or the caseload is missing', async () => {
    const caseload = await newCaseload(server, lead.name);
    const other = await newCaseload(server, lead.name);
    const a = device('a', { ...caseload, credentials: other.credentials });
    await addJourney(a.db, journey('Harry Lindale', 'Ride a bike to school', 'Bike'));
    await a.start();
    await waitFor(a, (s) => /cannot open this caseload/.test(s.problem ?? ''), 'the refusal');
    expect(a.session.status).toMatchObject({ state: 'error', waiting: 6 });
    expect(a.session.status.problem).toBe(
      `${other.credentials.name} cannot open this caseload: only its coach and the service lead can. Your changes are kept on this device.`,
    );

    const b = device('b', { ...caseload, remoteUrl: `${server.url}/caseload-${'0'.repeat(32)}` });
    await b.start();
    await waitFor(b, (s) => s.state === 'error', 'an error');
    expect(b.session.status.problem).toMatch(/not on the team server/);
  });

  it('says so when the server refuses the password, and keeps the changes', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', {
      ...caseload,
      credentials: { ...caseload.credentials, password: 'not the password' },
    });
    await addJourney(a.db, journey('Evie Harwood', 'Practise breathing', 'Calm'));
    await a.start();
    await waitFor(a, (s) => s.state === 'error', 'an error');
    expect(a.session.status.problem).toMatch(/did not accept this user name and password/);
    expect(a.session.status.waiting).toBe(6);
    expect(await a.db.ratings.count()).toBe(3);
    // The network coming back does not try the refused password again.
    const states: string[] = [];
    a.session.subscribe((s) => states.push(s.state));
    a.session.reconnect();
    expect(states).toEqual([]);
    expect(a.session.status.state).toBe('error');
  });
});
