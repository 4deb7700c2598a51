/**
 * A server restart (issue 14, "Bad input and faults"): the server keeps every document, and a
 * live replication with `retry` resumes by itself once the server is back, with nothing lost
 * that was written on the device meanwhile. pouchdb-server on disk (LevelDB) in a temporary
 * folder, restarted on the same port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'pouchdb-browser';
import { createTeamUser, provisionCoach, type TeamCredentials } from '../../../src/team/provision';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { PouchDB } from '../../support/pouchdb';

const lead: TeamCredentials = { name: 'lead-1', password: 'lead password 1' };
const coach: TeamCredentials = { name: 'coach-a', password: 'coach A password' };

let server: CouchServer;
let database: string;

/** Waits for a condition, asking every 50 ms, for at most `withinMs`. */
async function until(condition: () => Promise<boolean>, withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('The condition did not come true in time.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const onServer = (db: Database, id: string) => () => db.get(id).then(() => true);

beforeAll(async () => {
  server = await startCouchServer({ persist: true });
  await createTeamUser(server.url, server.admin, lead);
  const provisioned = await provisionCoach(server.url, server.admin, coach, lead.name);
  if (!provisioned.ok) throw new Error(provisioned.problem.message);
  database = provisioned.value.database;
});

afterAll(async () => {
  await server?.stop();
});

describe('a server restart', () => {
  it('loses nothing, and a live replication resumes by itself', async () => {
    const device = new PouchDB(`coach-a-tablet-${crypto.randomUUID()}`);
    const remote = new PouchDB(`${server.url}/${database}`, {
      skip_setup: true,
      auth: { username: coach.name, password: coach.password },
    });
    const live = device.replicate.to(remote, {
      live: true,
      retry: true,
      // Tries again soon after a failure (PouchDB's default waits up to minutes).
      back_off_function: (delay) => (delay === 0 ? 100 : Math.min(delay * 2, 1_000)),
    });
    try {
      const before = { _id: crypto.randomUUID(), sealed: 'enc:v2:before-the-restart' };
      await device.put(before);
      await until(onServer(remote, before._id));

      await server.restart();
      expect(await remote.get(before._id)).toMatchObject({ sealed: before.sealed });

      // Written on the device after the restart: it arrives without anyone starting it again.
      const after = { _id: crypto.randomUUID(), sealed: 'enc:v2:after-the-restart' };
      await device.put(after);
      await until(onServer(remote, after._id));
      expect((await remote.allDocs()).rows.map((row) => row.id).sort()).toEqual(
        [before._id, after._id].sort(),
      );
    } finally {
      live.cancel();
      await device.close();
    }
  });
});
