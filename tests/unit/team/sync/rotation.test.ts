/**
 * After the lead removed a device (issue 14): the devices that stay sync under the caseload's
 * new key, whose document ids differ; they seal their records again under it and retire the
 * old documents, so the caseload holds each record once and a removed device, which kept only
 * the old key, cannot read what is written from then on. Against the CouchDB-protocol test
 * server; each device its own Dexie and local PouchDB.
 */
import '../../../support/browser-globals';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openEnvelope, sealEnvelope } from '../../../../src/team/keys/envelope';
import { rotateCaseloadKey, type CaseloadKey } from '../../../../src/team/keys/caseload-key';
import {
  openLocalCopy,
  pullOnce,
  openServerCopy,
  readCaseload,
} from '../../../../src/team/lead/caseload-records';
import { payloadSchema, recordPayload } from '../../../../src/team/sync/payload';
import { SyncSession, documentIdsFor } from '../../../../src/team/sync';
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
  type CaseloadSetup,
  type Device,
} from './sync-fixtures';

const lead: TeamCredentials = { name: 'lead-1', password: 'lead password 1' };

let server: CouchServer;
const devices: Device[] = [];

function device(label: string, setup: CaseloadSetup & { keys?: CaseloadKey[] }): Device {
  const made = makeDevice(label, setup);
  devices.push(made);
  return made;
}

/** The same device (its Dexie and local PouchDB) started again with the caseload's new key. */
async function restartWith(
  d: Device,
  setup: CaseloadSetup,
  key: CaseloadKey,
  older: CaseloadKey[],
) {
  await d.session.stop();
  const session = new SyncSession({
    db: d.db,
    localName: d.localName,
    now: () => d.clock.now,
    retryDelay: () => 100,
  });
  const again: Device = {
    ...d,
    session,
    start: () => session.start({ ...setup, caseloadKey: key, keys: older }),
  };
  devices.push(again);
  await again.start();
  return again;
}

/** Every live document on the server, as its admin reads it. */
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
});

afterAll(async () => {
  await server?.stop();
});

describe('a caseload whose key changed', () => {
  it('is sealed again under the new key, once, and a device with only the old key reads nothing new', async () => {
    const caseload = await newCaseload(server, lead.name);
    const first = caseload.key;
    const kept = device('kept', caseload);
    const lost = device('lost', caseload);
    const j = journey('Noor Haddad', 'Walk to school with a friend', 'Planned the route');
    await addJourney(kept.db, j);
    await kept.start();
    await saved(kept);
    await lost.start();
    await waitFor(lost, async () => (await lost.db.ratings.count()) === 3, 'the records on lost');
    const before = (await serverDocuments(caseload.database)).filter((d) => d.v === 1);
    expect(before).toHaveLength(6);

    // The lead removed the lost device: key version 2. The device that stays starts again
    // with it, seals every record under the new key and retires the old documents.
    const second = await rotateCaseloadKey(first);
    const again = await restartWith(kept, caseload, second, [first]);
    await saved(again);
    const after = await serverDocuments(caseload.database);
    expect(after.filter((d) => d.v === 1)).toEqual([]);
    expect(after.filter((d) => d.v === 2)).toHaveLength(6);
    // New ids: nothing under version 2 sits where a version 1 document was.
    const oldIds = new Set(before.map((d) => d._id));
    expect(after.some((d) => oldIds.has(d._id as string))).toBe(false);

    // A session logged after the removal: the lost device (old key only) cannot open it, and
    // what it held stays as it was (nothing taken from it, nothing resurrected).
    again.clock.now = new Date('2026-12-02T09:00:00Z');
    const later = {
      ...j.session,
      id: crypto.randomUUID(),
      date: '2026-12-02',
      notes: 'After the removal',
      updatedAt: '2026-12-02T09:00:00.000Z',
      createdAt: '2026-12-02T09:00:00.000Z',
    };
    await again.db.sessions.put(later);
    await again.session.syncNow();
    await saved(again);
    const newest = (await serverDocuments(caseload.database)).filter((d) => d.v === 2);
    expect(newest).toHaveLength(7);
    for (const document of newest) {
      const opened = await openEnvelope(document, {
        caseloadId: caseload.database,
        keys: [first],
        schema: payloadSchema,
      });
      expect(opened.ok).toBe(false);
    }
    await waitFor(lost, (s) => s.damaged >= 7, 'the new documents refused on lost');
    expect(await lost.db.sessions.get(later.id)).toBeUndefined();
    expect(await readJourney(lost.db, j)).toEqual(await readJourney(again.db, j));

    // The lead's copy holds each record once, the new session too.
    const local = openLocalCopy(caseload.database, `rotation-${crypto.randomUUID()}`);
    const remote = openServerCopy({ remoteUrl: caseload.remoteUrl, credentials: lead });
    try {
      await pullOnce(local, remote);
      const read = await readCaseload(local, caseload.database, [first, second]);
      expect(read.damaged).toBe(0);
      expect(read.records.youngPeople).toHaveLength(1);
      expect(read.records.ratings).toHaveLength(3);
      expect(read.records.sessions.map((s) => s.id).sort()).toEqual(
        [j.session.id, later.id].sort(),
      );
    } finally {
      await local.destroy();
      await remote.close();
    }

    // A replacement device with both keys gets everything.
    const replacement = device('replacement', { ...caseload, caseloadKey: second, keys: [first] });
    await replacement.start();
    await waitFor(
      replacement,
      async () => (await replacement.db.sessions.count()) === 2,
      'both sessions on the replacement',
    );
    expect(await readJourney(replacement.db, j)).toEqual(await readJourney(again.db, j));
  });

  it("counts a record once in the lead's copy while its old document is still there", async () => {
    const caseload = await newCaseload(server, lead.name);
    const first = caseload.key;
    const second = await rotateCaseloadKey(first);
    const coach = device('coach', caseload);
    const j = journey('Ellis Marsh', 'Join the drama club', 'Went to the taster session');
    await addJourney(coach.db, j);
    await coach.start();
    await saved(coach);

    // A device part way through: every record sealed again under key 2, the old documents
    // not retired yet (and one rating changed since, under key 2 only).
    const local = openLocalCopy(caseload.database, `rotation-${crypto.randomUUID()}`);
    const remote = openServerCopy({ remoteUrl: caseload.remoteUrl, credentials: lead });
    try {
      await pullOnce(local, remote);
      const ids = await documentIdsFor(second);
      const copies = [];
      for (const row of (await local.allDocs({ include_docs: true })).rows) {
        if (!row.doc || row.id.startsWith('_')) continue;
        const opened = await openEnvelope(row.doc, {
          caseloadId: caseload.database,
          keys: [first],
          schema: payloadSchema,
        });
        if (!opened.ok || opened.record.kind !== 'record') throw new Error('not a record');
        let { record } = opened.record;
        const { table } = opened.record;
        if (record.id === j.ratings[2]?.id) {
          record = { ...record, score: 7, updatedAt: '2026-12-02T09:00:00.000Z' } as typeof record;
        }
        const id = await ids.ofRecord(table, record.id);
        copies.push(await sealEnvelope(second, id, recordPayload(table, record)));
      }
      await local.bulkDocs(copies);

      const read = await readCaseload(local, caseload.database, [first, second]);
      expect(read.damaged).toBe(0);
      expect(read.records.youngPeople).toHaveLength(1);
      expect(read.records.goals).toHaveLength(1);
      expect(read.records.sessions).toHaveLength(1);
      expect(read.records.ratings.map((r) => r.score).sort()).toEqual([3, 4, 7]);
      // The newest key's documents are the ones kept; the old ones are listed beside them.
      expect([...read.documents.values()].every((d) => d.keyVersion === 2)).toBe(true);
      expect(read.superseded.size).toBe(6);
    } finally {
      await local.destroy();
      await remote.close();
    }
  });
});
