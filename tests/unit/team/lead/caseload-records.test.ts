/**
 * The lead's device reading caseloads (src/team/lead/caseload-records.ts) against the test
 * server: what two coaches' devices synced, opened with the caseload keys; deletions, damaged
 * documents and a wrong key handled.
 */
import '../../../support/browser-globals';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordDeletionsOf } from '../../../../src/db/repositories/deletions';
import { createCaseloadKey } from '../../../../src/team/keys/caseload-key';
import {
  documentKey,
  openLocalCopy,
  openServerCopy,
  readCaseload,
  replicateOnce,
} from '../../../../src/team/lead/caseload-records';
import { createTeamUser, type TeamCredentials } from '../../../../src/team/provision';
import { basicAuth, startCouchServer, type CouchServer } from '../../../support/couch-server';
import {
  addJourney,
  journey,
  makeDevice,
  newCaseload,
  saved,
  type Device,
} from '../sync/sync-fixtures';

const lead: TeamCredentials = { name: 'lead-reader', password: 'lead password 1' };

let server: CouchServer;
const devices: Device[] = [];

async function leadCopy(caseload: { database: string }) {
  const local = openLocalCopy(caseload.database, `lead-test-${crypto.randomUUID()}`);
  const remote = openServerCopy({
    remoteUrl: `${server.url}/${caseload.database}`,
    credentials: lead,
  });
  await replicateOnce(local, remote);
  await remote.close();
  return local;
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

describe("the lead's device reading a caseload", () => {
  it('opens every record a coach synced, and leaves out deleted ones', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = makeDevice('coach', caseload);
    devices.push(a);
    const first = journey('Mia Thornbury', 'Go to football on Saturdays', 'Talked about the team');
    const second = journey('Leo Castleford', 'Sleep before ten', 'Made a bedtime plan');
    await addJourney(a.db, first);
    await addJourney(a.db, second);
    // A session deleted on the coach's device: its deletion reaches the server, not the record.
    await a.db.transaction('rw', [a.db.sessions, a.db.deletions], async () => {
      await a.db.sessions.delete(second.session.id);
      await recordDeletionsOf(
        a.db,
        [['sessions', [second.session.id]]],
        new Date('2026-10-01T10:00:00Z'),
      );
    });
    await a.start();
    await saved(a);

    const local = await leadCopy(caseload);
    const opened = await readCaseload(local, caseload.database, [caseload.key]);
    expect(opened.damaged).toBe(0);
    expect(opened.records.youngPeople.map((p) => p.name).sort()).toEqual([
      'Leo Castleford',
      'Mia Thornbury',
    ]);
    expect(opened.records.sessions).toEqual([first.session]);
    expect(opened.records.ratings).toHaveLength(6);
    expect(opened.deletions).toEqual([
      { table: 'sessions', id: second.session.id, deletedAt: '2026-10-01T10:00:00.000Z' },
    ]);
    const doc = opened.documents.get(documentKey('youngPeople', first.youngPerson.id));
    expect(doc?.kind).toBe('record');
    expect(doc?.documentId).toMatch(/^[0-9a-f]{32}$/);
    await local.destroy();
  });

  it('counts a document that does not open as damaged and reads the rest', async () => {
    const caseload = await newCaseload(server, lead.name);
    const a = makeDevice('coach2', caseload);
    devices.push(a);
    const j = journey('Ava Marsh', 'Walk the dog', 'Dog walk went well');
    await addJourney(a.db, j);
    await a.start();
    await saved(a);
    // The server's admin writes a document the caseload key never sealed.
    const response = await fetch(`${server.url}/${caseload.database}/${'f'.repeat(32)}`, {
      method: 'PUT',
      headers: { authorization: basicAuth(server.admin), 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, c: 'AAAA' }),
    });
    expect(response.ok).toBe(true);

    const local = await leadCopy(caseload);
    const opened = await readCaseload(local, caseload.database, [caseload.key]);
    expect(opened.damaged).toBe(1);
    expect(opened.records.youngPeople.map((p) => p.name)).toEqual(['Ava Marsh']);

    // Without the caseload's key nothing opens: every document is damaged, none is shown.
    const other = await createCaseloadKey(caseload.database);
    const withWrongKey = await readCaseload(local, caseload.database, [other]);
    expect(withWrongKey.records.youngPeople).toEqual([]);
    expect(withWrongKey.damaged).toBe(7);
    await local.destroy();
  });
});
