/**
 * PouchDB replication through a coach's caseload database (issue 14): a coach's device pushes
 * its documents to the server, a second device of the same coach pulls them back, edits made
 * on both then meet, and another coach's device is refused. pouchdb-browser with its IndexedDB
 * adapter (on fake-indexeddb) and its HTTP adapter, against pouchdb-server in memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'pouchdb-browser';
import { createTeamUser, provisionCoach, type TeamCredentials } from '../../../src/team/provision';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { PouchDB } from '../../support/pouchdb';

const lead: TeamCredentials = { name: 'lead-1', password: 'lead password 1' };
const coachA: TeamCredentials = { name: 'coach-a', password: 'coach A password' };
const coachB: TeamCredentials = { name: 'coach-b', password: 'coach B password' };

let server: CouchServer;
let databaseA: string;
const opened: Database[] = [];

function remote(database: string, who: TeamCredentials): Database {
  const db = new PouchDB(`${server.url}/${database}`, {
    skip_setup: true,
    auth: { username: who.name, password: who.password },
  });
  opened.push(db);
  return db;
}

/** A device's local database: IndexedDB, as in the browser. */
function device(name: string): Database {
  const db = new PouchDB(`${name}-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

/** What the sync module will store: a random id and ciphertext, nothing readable. */
function sealedRecord(n: number) {
  return { _id: crypto.randomUUID(), sealed: `enc:v2:ciphertext-${n}` };
}

beforeAll(async () => {
  server = await startCouchServer();
  await createTeamUser(server.url, server.admin, lead);
  await provisionCoach(server.url, server.admin, coachB, lead.name);
  const a = await provisionCoach(server.url, server.admin, coachA, lead.name);
  if (!a.ok) throw new Error(a.problem.message);
  databaseA = a.value.database;
});

afterAll(async () => {
  // The server first: closing a database cannot then keep it running.
  await server?.stop();
  for (const db of opened) await db.close().catch(() => undefined);
});

describe("replicating a coach's caseload", () => {
  it('takes a device’s documents to the server and back to a second device', async () => {
    const first = device('coach-a-tablet');
    const records = Array.from({ length: 25 }, (_, n) => sealedRecord(n));
    await first.bulkDocs(records);

    const pushed = await PouchDB.replicate(first, remote(databaseA, coachA));
    expect(pushed).toMatchObject({ ok: true, docs_written: 25, doc_write_failures: 0 });

    const second = device('coach-a-replacement');
    const pulled = await PouchDB.replicate(remote(databaseA, coachA), second);
    expect(pulled).toMatchObject({ ok: true, docs_written: 25 });

    const arrived = await second.allDocs({ include_docs: true });
    expect(
      arrived.rows.map((row) => ({ _id: row.id, sealed: row.doc?.sealed })).sort(byId),
    ).toEqual([...records].sort(byId));
  });

  it('brings edits and deletions from one device to the other, both ways', async () => {
    const first = device('coach-a-tablet');
    const second = device('coach-a-laptop');
    const server = remote(databaseA, coachA);
    const kept = sealedRecord(100);
    const deleted = sealedRecord(101);
    await first.bulkDocs([kept, deleted]);
    await PouchDB.replicate(first, server);
    await PouchDB.replicate(server, second);

    // The second device edits one record and deletes the other, then syncs.
    const onSecond = await second.get(kept._id);
    await second.put({ ...onSecond, sealed: 'enc:v2:edited-on-the-laptop' });
    await second.remove(await second.get(deleted._id));
    await PouchDB.replicate(second, server);
    await PouchDB.replicate(server, first);

    expect(await first.get(kept._id)).toMatchObject({ sealed: 'enc:v2:edited-on-the-laptop' });
    const gone = await first.get(deleted._id).then(
      () => 'still there',
      (error: { status?: number }) => error.status,
    );
    expect(gone).toBe(404);
  });

  it("refuses to replicate coach A's caseload to coach B's device", async () => {
    const bDevice = device('coach-b-tablet');
    const refused = await PouchDB.replicate(remote(databaseA, coachB), bDevice).then(
      () => undefined,
      (error: { status?: number }) => error,
    );
    expect([401, 403]).toContain(refused?.status);
    expect((await bDevice.allDocs()).rows).toEqual([]);
  });
});

function byId(a: { _id: string }, b: { _id: string }) {
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}
