/**
 * Faults the issue names that the other sync tests do not: a full disk while changes from the
 * server are saved, and a server that hands this caseload another caseload's documents.
 * Each gives a clear status, loses nothing, and sync resumes by itself when the fault ends.
 */
import '../../../support/browser-globals';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import PouchDB from 'pouchdb-browser';
import { eraseYoungPersonIn, erasureTables } from '../../../../src/db/repositories/young-people';
import { documentIdsFor } from '../../../../src/team/sync';
import { createTeamUser, type TeamCredentials } from '../../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../../support/couch-server';
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

const lead: TeamCredentials = { name: 'lead-faults', password: 'lead password 1' };

let server: CouchServer;
const devices: Device[] = [];

function device(label: string, setup: DeviceSetup, pullBatchSize?: number): Device {
  const made = makeDevice(label, setup, pullBatchSize ? { pullBatchSize } : {});
  devices.push(made);
  return made;
}

/** A disk that is full while `full.on` is set: every write to the records fails as a browser's. */
function fillDisk(d: Device) {
  const full = { on: false, refused: 0 };
  d.db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            mutate(request: DBCoreMutateRequest) {
              if (full.on && name !== 'settings') {
                full.refused += 1;
                return Promise.reject(new DOMException('The disk is full.', 'QuotaExceededError'));
              }
              return table.mutate(request);
            },
          };
        },
      };
    },
  });
  return full;
}

/** Resolves once `check` passes, looking again at each turn of the event loop. */
async function waitForCondition(check: () => boolean, what: string): Promise<void> {
  const giveUp = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > giveUp) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
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
});

afterAll(async () => {
  await server?.stop();
});

describe('faults', () => {
  it('says so when the disk is full while changes arrive, and takes them when there is room', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const j = journey('Ruby Ashworth', 'Join the art club', 'Drew a comic');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);

    const b = device('b', caseload);
    const full = fillDisk(b);
    full.on = true;
    await b.start();
    await waitFor(b, (s) => s.state === 'error', 'the full disk said');
    expect(b.session.status.problem).toMatch(
      /Changes from the team server could not be saved on this device/,
    );
    expect(await b.db.youngPeople.count()).toBe(0);
    // It keeps trying by itself while the disk is full (after its back-off wait; 100 ms here),
    // with no new change from the server to set it off.
    const triedBefore = full.refused;
    await waitForCondition(() => full.refused >= triedBefore + 3, 'three more tries');
    expect(b.session.status.state).toBe('error');

    // Room again: the changes arrive without anyone doing anything.
    full.on = false;
    await waitFor(
      b,
      async (s) => s.state === 'saved' && (await b.db.ratings.count()) === 3,
      'the records once there is room',
    );
    expect(await readJourney(b.db, j)).toEqual(await readJourney(a.db, j));
    expect(b.session.status.problem).toBeUndefined();
  });

  it("lists another caseload's documents as damaged and never shows their records", async () => {
    const mine = await newCaseload(server, lead.name);
    const theirs = await newCaseload(server, lead.name);
    const other = device('other', theirs);
    const secret = journey('Theo Wainwright', 'Not for this caseload', 'Private notes');
    await addJourney(other.db, secret);
    await other.start();
    await saved(other);

    // The server hands this caseload the other caseload's documents (same ids and all).
    const headers = { authorization: basicAuth(server.admin), 'content-type': 'application/json' };
    const copied = await fetch(`${server.url}/${theirs.database}/_all_docs?include_docs=true`, {
      headers,
    });
    const rows = ((await copied.json()) as { rows: { doc: Record<string, unknown> }[] }).rows;
    // Copied as new documents: the same ids and ciphertext, without the other database's revisions.
    const docs = rows.map(({ doc }) => ({ _id: doc._id, v: doc.v, c: doc.c }));
    const written = await fetch(`${server.url}/${mine.database}/_bulk_docs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ docs }),
    });
    expect(written.ok).toBe(true);

    const mineToo = journey('Isla Bradshaw', 'Say hello to one new person', 'Brave');
    const a = device('a', mine);
    await addJourney(a.db, mineToo);
    await a.start();
    await waitFor(a, (s) => s.state === 'saved' && s.damaged === 6, 'six damaged documents');
    expect(await a.db.youngPeople.toArray()).toEqual([mineToo.youngPerson]);
    expect(await a.db.ratings.count()).toBe(3);
    expect(new Set(a.session.damaged().map((d) => d.reason))).toEqual(new Set(['seal-broken']));
  });

  it("keeps no sealed copy of an erased young person's records in the device's history", async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const erased = journey('Freya Ollerton', 'Talk to my form tutor', 'Said hello');
    await addJourney(a.db, erased);
    await a.start();
    await saved(a);
    const ids = await documentIdsFor(caseload.key);
    const documentId = await ids.ofRecord('youngPeople', erased.youngPerson.id);
    const replica = new PouchDB(a.localName);
    const before = await replica.get(documentId);

    await a.db.transaction('rw', erasureTables(a.db), async () => {
      await eraseYoungPersonIn(a.db, erased.youngPerson.id, new Date('2026-11-01T10:00:00Z'));
    });
    await a.session.syncNow();
    await saved(a);
    const after = await replica.get(documentId);
    expect(after._rev).not.toBe(before._rev);
    // The sealed record's revision is gone from the device, not only superseded.
    await expect(replica.get(documentId, { rev: before._rev })).rejects.toMatchObject({
      status: 404,
    });
    await replica.close();
  });

  it('gives a new device the whole history of a closed case, whatever order it arrives in', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = device('a', caseload);
    const j = journey('Alfie Brennand', 'Walk to school with a friend', 'Met Sam at the gate');
    const closed = {
      ...j,
      youngPerson: {
        ...j.youngPerson,
        status: 'closed' as const,
        closedOn: '2026-10-20',
        closureReason: 'Goals met',
        updatedAt: '2026-10-20T10:00:00.000Z',
      },
    };
    await addJourney(a.db, closed);
    await a.start();
    await saved(a);

    // Two documents a batch: the closed young person comes before the rest of the case.
    const b = device('b', caseload, 2);
    await b.start();
    await waitFor(
      b,
      async (s) => s.state === 'saved' && (await b.db.ratings.count()) === 3,
      'the whole closed case on B',
    );
    expect(await readJourney(b.db, closed)).toEqual(await readJourney(a.db, closed));
    expect(b.session.refused()).toEqual([]);
  });
});
