/**
 * Devices for the sync tests: each its own Dexie database (encrypted at rest, as the app's)
 * and its own local PouchDB database, with a SyncSession and a clock the test sets.
 */
import '../../../support/browser-globals';
import { CoachingDatabase } from '../../../../src/db/database';
import { installEncryption } from '../../../../src/db/encryption/middleware';
import { getDatabaseKey, getPreviousDataKey } from '../../../../src/db/encryption/session-key';
import type { Goal, Rating, Session, YoungPerson } from '../../../../src/domain/schemas';
import { createCaseloadKey, type CaseloadKey } from '../../../../src/team/keys/caseload-key';
import { provisionCoach, type TeamCredentials } from '../../../../src/team/provision';
import { SyncSession, type SyncCredentials, type SyncStatus } from '../../../../src/team/sync';

export interface Device {
  label: string;
  /** The name of the device's local PouchDB database. */
  localName: string;
  db: CoachingDatabase;
  session: SyncSession;
  /** The device's clock (for conflict entries and "saved at"). */
  clock: { now: Date };
  start(): Promise<void>;
}

export interface DeviceSetup {
  remoteUrl: string;
  credentials: SyncCredentials;
  caseloadKey: CaseloadKey;
}

export function makeDevice(
  label: string,
  setup: DeviceSetup,
  options: { pullBatchSize?: number; retryDelay?: (previous: number) => number } = {},
): Device {
  const unique = crypto.randomUUID();
  const db = new CoachingDatabase(`sync-test-${label}-${unique}`);
  installEncryption(db, getDatabaseKey, getPreviousDataKey);
  const clock = { now: new Date('2026-12-01T09:00:00Z') };
  const localName = `sync-replica-${label}-${unique}`;
  const session = new SyncSession({
    db,
    localName,
    now: () => clock.now,
    // PouchDB's retries come quickly in tests (the server is on loopback).
    retryDelay: () => 100,
    ...options,
  });
  return {
    label,
    localName,
    db,
    session,
    clock,
    start: () => session.start({ ...setup }),
  };
}

/** How long a test waits for a device to reach a state (a busy 2-core machine is slow). */
export const WAIT_MS = 20_000;

/**
 * Resolves once `check` passes, checking now and after each status the session reports: the
 * sync's own events, not a sleep. Fails after `WAIT_MS` with the last status seen.
 */
export function waitFor(
  device: Device,
  check: (status: SyncStatus) => boolean | Promise<boolean>,
  what: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let checking = Promise.resolve();
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const test = (status: SyncStatus) => {
      checking = checking.then(async () => {
        if (settled) return;
        try {
          if (await check(status)) finish();
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)));
        }
      });
    };
    const unsubscribe = device.session.subscribe(test);
    const timer = setTimeout(() => {
      finish(
        new Error(
          `${device.label}: gave up waiting for ${what}; last status ${JSON.stringify(device.session.status)}`,
        ),
      );
    }, WAIT_MS);
    test(device.session.status);
  });
}

/** Waits until everything on the device is on the server, and the server's changes here. */
export function saved(device: Device): Promise<void> {
  return waitFor(
    device,
    (s) => s.state === 'saved' && s.waiting === 0,
    'everything saved to the service',
  );
}

const at = (iso: string) => `${iso}T10:00:00.000Z`;

/** A young person with a goal, a session and three ratings (a baseline and two in the session). */
export function journey(name: string, goalText: string, notes: string) {
  const youngPerson: YoungPerson = {
    id: crypto.randomUUID(),
    name,
    dateOfBirth: '2013-04-12',
    school: 'Hillside Academy',
    programme: null,
    referralDate: '2026-09-01',
    status: 'open',
    closedOn: null,
    closureReason: null,
    createdAt: at('2026-09-01'),
    updatedAt: at('2026-09-01'),
  };
  const goal: Goal = {
    id: crypto.randomUUID(),
    youngPersonId: youngPerson.id,
    text: goalText,
    domains: ['belonging'],
    moves: ['belonging-make-friends'],
    setBy: 'young-person',
    status: 'active',
    createdAt: at('2026-09-01'),
    updatedAt: at('2026-09-01'),
  };
  const session: Session = {
    id: crypto.randomUUID(),
    youngPersonId: youngPerson.id,
    date: '2026-09-08',
    durationMinutes: 45,
    location: 'school',
    moves: [],
    nobleTruths: [],
    notes,
    createdAt: at('2026-09-08'),
    updatedAt: at('2026-09-08'),
  };
  const rating = (sessionId: string | null, score: number, day: string): Rating => ({
    id: crypto.randomUUID(),
    goalId: goal.id,
    sessionId,
    score,
    ratedAt: at(day),
    ratedBy: 'young-person',
    updatedAt: at(day),
  });
  const ratings = [
    rating(null, 3, '2026-09-01'),
    rating(session.id, 4, '2026-09-08'),
    rating(session.id, 5, '2026-09-08'),
  ];
  return { youngPerson, goal, session, ratings };
}

export type Journey = ReturnType<typeof journey>;

/** Adds a journey's records to a device, as the app's screens would have. */
export async function addJourney(db: CoachingDatabase, j: Journey): Promise<void> {
  await db.transaction('rw', [db.youngPeople, db.goals, db.sessions, db.ratings], async () => {
    await db.youngPeople.put(j.youngPerson);
    await db.goals.put(j.goal);
    await db.sessions.put(j.session);
    await db.ratings.bulkPut(j.ratings);
  });
}

/** A journey's records as a device holds them now (undefined where missing). */
export async function readJourney(db: CoachingDatabase, j: Journey) {
  return {
    youngPerson: await db.youngPeople.get(j.youngPerson.id),
    goal: await db.goals.get(j.goal.id),
    session: await db.sessions.get(j.session.id),
    ratings: await db.ratings.bulkGet(j.ratings.map((r) => r.id)),
  };
}

/** A coach's caseload set up on the test server, as a device syncs it. */
export type CaseloadSetup = DeviceSetup & { database: string; key: CaseloadKey };

/** A coach of their own: a fresh caseload database on `server` (the lead a member) and key. */
export async function newCaseload(
  server: { url: string; admin: TeamCredentials },
  leadName: string,
): Promise<CaseloadSetup> {
  const coach = { name: `coach-${crypto.randomUUID().slice(0, 8)}`, password: 'coach password' };
  const provisioned = await provisionCoach(server.url, server.admin, coach, leadName);
  if (!provisioned.ok) throw new Error(provisioned.problem.message);
  const { database } = provisioned.value;
  const key = await createCaseloadKey(database);
  return {
    database,
    key,
    remoteUrl: `${server.url}/${database}`,
    credentials: coach,
    caseloadKey: key,
  };
}
