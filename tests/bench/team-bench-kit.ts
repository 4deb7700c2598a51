/**
 * What the team sync benchmark (tests/bench/team.bench.mjs, issue 14) runs in Node, loaded
 * through Vite (TypeScript): the app's own sync and lead code on pouchdb-browser over
 * fake-indexeddb (as the unit tests run it, tests/support/pouchdb.ts), the fictional service
 * split into caseloads, sealed as coaches' devices seal them, and the plain twins the
 * PouchDB-only side replicates.
 */
import 'fake-indexeddb/auto';
import '../support/browser-globals';
import type { Database, PouchDocument } from 'pouchdb-browser';
import { z } from 'zod';
import { isUnlocked, setDataKey } from '../../src/db/encryption/session-key';
import { loadSealKit } from '../../src/db/encryption/seal-kit';
import { buildServiceReport, type ServiceReport } from '../../src/domain/report';
import type { Closure, Goal, Rating, Session, YoungPerson } from '../../src/domain/schemas';
import { randomBytes } from '../../src/lib/crypto';
import { createCaseloadKey, type CaseloadKey } from '../../src/team/keys/caseload-key';
import { newDocumentId, openEnvelope, sealEnvelope } from '../../src/team/keys/envelope';
import {
  openLocalCopy,
  openServerCopy,
  readCaseload,
  pullOnce,
  replicateOnce,
  type OpenedCaseload,
} from '../../src/team/lead/caseload-records';
import {
  createCaseloadDatabase,
  createTeamUser,
  provisionCoach,
  type TeamCredentials,
} from '../../src/team/provision';
import { documentIdsFor } from '../../src/team/sync/document-ids';
import { recordPayload, type SyncedRecord, type SyncedTable } from '../../src/team/sync/payload';
import { basicAuth, startCouchServer, type CouchServer } from '../support/couch-server';
import { SERVICE_SIZE, buildFakeService, type FakeServiceRecords } from '../support/fake-data';
import { PouchDB } from '../support/pouchdb';
import { makeDevice, type Device } from '../unit/team/sync/sync-fixtures';

export { PouchDB, makeDevice, startCouchServer, type CouchServer, type Device };
export { openLocalCopy, openServerCopy, pullOnce, readCaseload, replicateOnce };

/** The device is unlocked (its data key set), as after the coach gave the passphrase. */
export async function unlock(): Promise<void> {
  await loadSealKit();
  if (!isUnlocked()) setDataKey(randomBytes(32));
}

type TableRecords = Record<SyncedTable, SyncedRecord[]>;

const emptyTables = (): TableRecords => ({
  youngPeople: [],
  goals: [],
  sessions: [],
  ratings: [],
  closures: [],
  resilienceMaps: [],
});

/**
 * A service of `coaches` × `people` young people at the service's proportions (the "service"
 * size of tests/support/fake-data.ts scaled: per young person 4 goals, 20 sessions, 50
 * ratings, about 0.6 closures), built as one service so every id is unique, then split into
 * caseloads of `people` young people each, every record with its young person.
 */
export function buildTeamCaseloads(coaches: number, people: number): TableRecords[] {
  const youngPeople = coaches * people;
  const per = (n: number) => Math.round((n * youngPeople) / SERVICE_SIZE.youngPeople);
  const service: FakeServiceRecords = buildFakeService({
    youngPeople,
    goals: per(SERVICE_SIZE.goals),
    sessions: per(SERVICE_SIZE.sessions),
    ratings: per(SERVICE_SIZE.ratings),
  });
  const caseloadOf = new Map<string, number>();
  service.youngPeople.forEach((p, i) => caseloadOf.set(p.id, Math.floor(i / people)));
  const goalCaseload = new Map<string, number>();
  for (const g of service.goals) goalCaseload.set(g.id, caseloadOf.get(g.youngPersonId) ?? 0);
  const caseloads = Array.from({ length: coaches }, emptyTables);
  const put = (table: SyncedTable, record: SyncedRecord, index: number | undefined) => {
    const caseload = caseloads[index ?? 0];
    if (!caseload) throw new Error('A record belongs to no caseload.');
    caseload[table].push(record);
  };
  for (const p of service.youngPeople) put('youngPeople', p, caseloadOf.get(p.id));
  for (const g of service.goals) put('goals', g, caseloadOf.get(g.youngPersonId));
  for (const s of service.sessions) put('sessions', s, caseloadOf.get(s.youngPersonId));
  for (const c of service.closures) put('closures', c, caseloadOf.get(c.youngPersonId));
  for (const r of service.ratings) put('ratings', r, goalCaseload.get(r.goalId));
  return caseloads;
}

export const countOf = (tables: TableRecords): number =>
  Object.values(tables).reduce((sum, list) => sum + list.length, 0);

export interface SealedDocument {
  table: SyncedTable;
  record: SyncedRecord;
  envelope: PouchDocument;
  /** Characters of the envelope's JSON, as sent to the server. */
  size: number;
}

/** Every record of a caseload sealed as a coach's device seals it (../../src/team/sync/push.ts). */
export async function sealCaseload(key: CaseloadKey, tables: TableRecords) {
  const ids = await documentIdsFor(key);
  const sealed: SealedDocument[] = [];
  for (const [table, records] of Object.entries(tables) as [SyncedTable, SyncedRecord[]][]) {
    for (const record of records) {
      const documentId = await ids.ofRecord(table, record.id);
      const envelope = await sealEnvelope(key, documentId, recordPayload(table, record));
      sealed.push({ table, record, envelope, size: JSON.stringify(envelope).length });
    }
  }
  return sealed;
}

/**
 * A plain document of the same JSON size as a sealed one: a random id, the record unencrypted
 * and a filler to make up the size (an envelope is always larger: padded, encrypted, base64).
 */
export function plainTwin(doc: SealedDocument): PouchDocument {
  const plain = { _id: newDocumentId(), table: doc.table, record: doc.record, filler: '' };
  const short = doc.size - JSON.stringify(plain).length;
  plain.filler = 'x'.repeat(Math.max(0, short));
  return plain;
}

/** Writes documents into a server database as its admin, in bulk requests. */
export async function adminBulkWrite(
  server: CouchServer,
  database: string,
  docs: readonly PouchDocument[],
  chunk = 2_000,
): Promise<void> {
  for (let start = 0; start < docs.length; start += chunk) {
    const response = await fetch(`${server.url}/${database}/_bulk_docs`, {
      method: 'POST',
      headers: { authorization: basicAuth(server.admin), 'content-type': 'application/json' },
      body: JSON.stringify({ docs: docs.slice(start, start + chunk) }),
    });
    if (!response.ok) throw new Error(`Bulk write to ${database}: HTTP ${response.status}`);
    const results = (await response.json()) as { ok?: boolean; error?: string }[];
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) throw new Error(`Bulk write to ${database}: ${failed[0]?.error}`);
  }
}

export interface BenchCaseload {
  coach: TeamCredentials;
  database: string;
  /** A database of the plain twins, with the same members. */
  plainDatabase: string;
  key: CaseloadKey;
  tables: TableRecords;
  records: number;
  bytes: number;
}

/**
 * The team on the server: the lead's account, and per coach an account, the caseload
 * database (provisionCoach: members the coach and the lead) with its sealed records, and a
 * database of the same members with the plain twins.
 */
export async function setUpTeam(
  server: CouchServer,
  lead: TeamCredentials,
  caseloads: TableRecords[],
  progress: (done: number) => void = () => undefined,
): Promise<BenchCaseload[]> {
  const created = await createTeamUser(server.url, server.admin, lead);
  if (!created.ok) throw new Error(created.problem.message);
  const out: BenchCaseload[] = [];
  for (const [index, tables] of caseloads.entries()) {
    const coach = { name: `coach-${index + 1}`, password: `coach password ${index + 1}` };
    const provisioned = await provisionCoach(server.url, server.admin, coach, lead.name);
    if (!provisioned.ok) throw new Error(provisioned.problem.message);
    const { database } = provisioned.value;
    const plain = await createCaseloadDatabase(server.url, server.admin, {
      coach: coach.name,
      lead: lead.name,
    });
    if (!plain.ok) throw new Error(plain.problem.message);
    const key = await createCaseloadKey(database);
    const sealed = await sealCaseload(key, tables);
    await adminBulkWrite(
      server,
      database,
      sealed.map((s) => s.envelope),
    );
    await adminBulkWrite(server, plain.value.database, sealed.map(plainTwin));
    out.push({
      coach,
      database,
      plainDatabase: plain.value.database,
      key,
      tables,
      records: sealed.length,
      bytes: sealed.reduce((sum, s) => sum + s.size, 0),
    });
    progress(index + 1);
  }
  return out;
}

/** A database on the server, signed in as `who`, with PouchDB's own fetch (not the app's). */
export function plainRemote(server: CouchServer, database: string, who: TeamCredentials) {
  return new PouchDB(`${server.url}/${database}`, {
    skip_setup: true,
    auth: { username: who.name, password: who.password },
  });
}

/** The lead's first full sync of one caseload and the read of it, as the app does it. */
export async function leadSyncCaseload(
  server: CouchServer,
  lead: TeamCredentials,
  caseload: BenchCaseload,
  prefix: string,
): Promise<{ local: Database; opened: OpenedCaseload }> {
  const local = openLocalCopy(caseload.database, prefix);
  const remote = openServerCopy({
    remoteUrl: `${server.url}/${caseload.database}`,
    credentials: lead,
  });
  try {
    await pullOnce(local, remote);
  } finally {
    await remote.close();
  }
  const opened = await readCaseload(local, caseload.database, [caseload.key]);
  return { local, opened };
}

/** PouchDB alone: a one-off pull of the plain twins into a fresh local database. */
export async function plainSyncCaseload(
  server: CouchServer,
  lead: TeamCredentials,
  caseload: BenchCaseload,
  name: string,
): Promise<Database> {
  const local = new PouchDB(name);
  const remote = plainRemote(server, caseload.plainDatabase, lead);
  try {
    await local.replicate.from(remote, { batch_size: 500 });
  } finally {
    await remote.close();
  }
  return local;
}

/** The team report over the opened caseloads (every young person, every date). */
export function teamReport(opened: readonly OpenedCaseload[]): ServiceReport {
  const records = {
    youngPeople: [] as YoungPerson[],
    goals: [] as Goal[],
    sessions: [] as Session[],
    ratings: [] as Rating[],
    closures: [] as Closure[],
  };
  for (const caseload of opened) {
    for (const table of ['youngPeople', 'goals', 'sessions', 'ratings', 'closures'] as const) {
      const list = caseload.records[table] as unknown[];
      for (const record of list) (records[table] as unknown[]).push(record);
    }
  }
  return buildServiceReport(records, {
    from: '2000-01-01',
    to: '2100-12-31',
    programme: null,
    threshold: 3,
  });
}

/** A session with three ratings (one per goal) for an open case of the caseload. */
export function newSessionWithRatings(tables: TableRecords, round: number, day: string) {
  const goals = tables.goals as Goal[];
  const person = (tables.youngPeople as YoungPerson[]).find(
    (p) => p.status === 'open' && goals.filter((g) => g.youngPersonId === p.id).length >= 3,
  );
  if (!person) throw new Error('No open case with three goals in this caseload.');
  const stamp = `${day}T10:${String(round % 60).padStart(2, '0')}:00.000Z`;
  const session: Session = {
    id: `bench-session-${round}-${crypto.randomUUID()}`,
    youngPersonId: person.id,
    date: day,
    durationMinutes: 45,
    location: 'school',
    moves: [],
    nobleTruths: [],
    notes: `Fictional notes for the benchmark's session ${round}.`,
    createdAt: stamp,
    updatedAt: stamp,
  };
  const ratings: Rating[] = goals
    .filter((g) => g.youngPersonId === person.id)
    .slice(0, 3)
    .map((goal, i) => ({
      id: `bench-rating-${round}-${i}-${crypto.randomUUID()}`,
      goalId: goal.id,
      sessionId: session.id,
      score: 5 + i,
      ratedAt: stamp,
      ratedBy: 'young-person',
      updatedAt: stamp,
    }));
  return { session, ratings };
}

/** Saves a session and its ratings on a device, in one transaction, as the session form does. */
export async function saveSession(
  device: Device,
  change: { session: Session; ratings: Rating[] },
): Promise<void> {
  const { db } = device;
  await db.transaction('rw', [db.sessions, db.ratings], async () => {
    await db.sessions.put(change.session);
    await db.ratings.bulkPut(change.ratings);
  });
}

/** The session and every one of its ratings are on the device. */
export async function hasSession(
  device: Device,
  change: { session: Session; ratings: Rating[] },
): Promise<boolean> {
  const { db } = device;
  if (!(await db.sessions.get(change.session.id))) return false;
  const ratings = await db.ratings.bulkGet(change.ratings.map((r) => r.id));
  return ratings.every((r) => r !== undefined);
}

/** How many records of each synced table a device holds. */
export async function deviceCount(device: Device): Promise<number> {
  const { db } = device;
  const counts = await Promise.all(
    (['youngPeople', 'goals', 'sessions', 'ratings', 'closures'] as const).map((t) =>
      db[t].count(),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * The local copy read and every document decrypted (all at once), nothing checked: no
 * schema, no document-id HMAC. What any reader of these envelopes spends at least.
 */
export async function readAndDecryptOnly(local: Database, caseload: BenchCaseload) {
  const page = await local.allDocs({ include_docs: true });
  const opened = await Promise.all(
    page.rows.map((row) =>
      openEnvelope(row.doc, {
        caseloadId: caseload.database,
        keys: [caseload.key],
        schema: z.unknown(),
      }),
    ),
  );
  return opened.filter((o) => o.ok).length;
}
