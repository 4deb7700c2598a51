import { getDb } from '../../../src/db/database';
import type { BackupFile, FullBackupRecords } from '../../../src/domain/backup-format';
import type {
  Closure,
  Goal,
  Rating,
  ResilienceMap,
  Session,
  YoungPerson,
} from '../../../src/domain/schemas';

/** Builders of valid records and a valid backup file, for backup and restore tests. */

export const STAMP = '2026-01-05T12:00:00.000Z';

export function youngPerson(id: string, overrides: Partial<YoungPerson> = {}): YoungPerson {
  return {
    id,
    name: `YP ${id}`,
    dateOfBirth: '2013-04-12',
    school: 'Hillside Academy',
    programme: 'Walk and Talk',
    referralDate: '2026-01-02',
    status: 'open',
    closedOn: null,
    closureReason: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function goal(id: string, youngPersonId: string, overrides: Partial<Goal> = {}): Goal {
  return {
    id,
    youngPersonId,
    text: 'Sleep better on school nights',
    domains: ['basics'],
    moves: ['basics-sleep'],
    setBy: 'young-person',
    status: 'active',
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function session(
  id: string,
  youngPersonId: string,
  overrides: Partial<Session> = {},
): Session {
  return {
    id,
    youngPersonId,
    date: '2026-01-10',
    durationMinutes: 45,
    location: 'outdoors',
    moves: ['coping-calm-down'],
    nobleTruths: ['accepting'],
    notes: 'Walked by the sea.',
    createdAt: '2026-01-10T12:00:00.000Z',
    updatedAt: '2026-01-10T12:00:00.000Z',
    ...overrides,
  };
}

export function rating(
  id: string,
  goalId: string,
  sessionId: string | null,
  overrides: Partial<Rating> = {},
): Rating {
  const ratedAt = overrides.ratedAt ?? '2026-01-10T12:00:00.000Z';
  return {
    id,
    goalId,
    sessionId,
    score: 4,
    ratedAt,
    ratedBy: 'young-person',
    updatedAt: ratedAt,
    ...overrides,
  };
}

export function closure(
  id: string,
  youngPersonId: string,
  goalOutcomes: Closure['goalOutcomes'],
  overrides: Partial<Closure> = {},
): Closure {
  return {
    id,
    youngPersonId,
    closedOn: '2026-03-01',
    reason: 'support-completed',
    reasonDetail: null,
    goalOutcomes,
    youngPersonSatisfaction: 8,
    parentCarerSatisfaction: null,
    youngPersonComments: 'It helped.',
    parentCarerComments: null,
    reopenedOn: null,
    reopenReason: null,
    createdAt: '2026-03-01T12:00:00.000Z',
    updatedAt: '2026-03-01T12:00:00.000Z',
    ...overrides,
  };
}

export function resilienceMap(
  id: string,
  youngPersonId: string,
  overrides: Partial<ResilienceMap> = {},
): ResilienceMap {
  const savedAt = overrides.savedAt ?? '2026-01-10T12:30:00.000Z';
  return {
    id,
    youngPersonId,
    savedAt,
    updatedAt: savedAt,
    savedBy: 'young-person',
    tiles: { 'basics-sleep': 'try', 'coping-laugh': 'strength' },
    examples: { 'coping-laugh': 'Funny videos with my brother' },
    ...overrides,
  };
}

/** Two young people (one closed), with goals, sessions, ratings, a closure and a map. */
export function sampleRecords(): FullBackupRecords {
  return {
    youngPeople: [
      youngPerson('yp1'),
      youngPerson('yp2', {
        name: 'KB',
        status: 'closed',
        closedOn: '2026-03-01',
        closureReason: 'Support completed',
        updatedAt: '2026-03-01T12:00:00.000Z',
      }),
    ],
    goals: [
      goal('g1', 'yp1'),
      goal('g2', 'yp1', { text: 'Make a friend at football', domains: ['belonging'], moves: [] }),
      goal('g3', 'yp2', { status: 'achieved' }),
    ],
    sessions: [session('s1', 'yp1'), session('s2', 'yp2', { durationMinutes: null })],
    ratings: [
      rating('r1', 'g1', null, { score: 2, ratedAt: '2026-01-05T12:00:00.000Z' }),
      rating('r2', 'g1', 's1', { score: 5 }),
      rating('r3', 'g2', 's1', { score: 0, ratedBy: 'coach' }),
      rating('r4', 'g3', 's2', { score: 10, ratedBy: 'parent-carer' }),
    ],
    closures: [closure('c1', 'yp2', { g3: 'reached' })],
    resilienceMaps: [resilienceMap('m1', 'yp1')],
  };
}

/** A valid backup file (version 2, as the app writes) holding sampleRecords(), no deletions. */
export function sampleBackup(): BackupFile {
  return {
    format: 'resilience-coaching-backup',
    version: 2,
    exportedAt: '2026-11-23T14:05:00.000Z',
    ...sampleRecords(),
    deletions: [],
  };
}

/** A deep copy through JSON, as a file would be read: plain objects to change freely. */
export function asJson(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** Writes every record as it is, through the app's database (encrypted on the way in). */
export async function seedRecords(records: FullBackupRecords): Promise<void> {
  const db = getDb();
  await db.transaction(
    'rw',
    [db.youngPeople, db.goals, db.sessions, db.ratings, db.closures, db.resilienceMaps],
    async () => {
      await db.youngPeople.bulkAdd(records.youngPeople);
      await db.goals.bulkAdd(records.goals);
      await db.sessions.bulkAdd(records.sessions);
      await db.ratings.bulkAdd(records.ratings);
      await db.closures.bulkAdd(records.closures);
      await db.resilienceMaps.bulkAdd(records.resilienceMaps);
    },
  );
}
