import fc from 'fast-check';
import type { BackupFile, FullBackupRecords } from '../../../src/domain/backup-format';
import { DOMAIN_IDS, MOVE_IDS, NOBLE_TRUTH_IDS } from '../../../src/domain/framework';
import {
  CASE_STATUSES,
  CLOSURE_REASONS,
  GOAL_OUTCOMES,
  GOAL_STATUSES,
  LOCATIONS,
  MAP_SAVED_BY,
  MAP_TILE_STATES,
  RATERS,
  SET_BY,
  type Closure,
  type Goal,
  type Rating,
  type ResilienceMap,
  type Session,
  type YoungPerson,
} from '../../../src/domain/schemas';
import { toIsoDate } from '../../../src/lib/dates';

/**
 * fast-check arbitraries for valid databases: every record passes its schema exactly as
 * generated (strings already trimmed, so parsing changes nothing) and every reference
 * resolves. Ids include awkward ones ("constructor", "toString", unicode) besides UUIDs.
 */

export const idArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.uuid() },
  {
    weight: 1,
    arbitrary: fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'prototype'),
  },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }) },
);

/** A record id that may even be "__proto__" (not for goals: closures key outcomes by goal id). */
const anyIdArb = fc.oneof(
  { weight: 9, arbitrary: idArb },
  { weight: 1, arbitrary: fc.constant('__proto__') },
);

export const isoDateArb = fc
  .date({ min: new Date(2000, 0, 1), max: new Date(2035, 11, 31), noInvalidDate: true })
  .map(toIsoDate);

/** Instants as the app writes them (UTC "Z") and as another tool might (an offset). */
export const instantArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({
        min: new Date(Date.UTC(2000, 0, 1)),
        max: new Date(Date.UTC(2035, 0, 1)),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.date({
          min: new Date(Date.UTC(2000, 0, 1)),
          max: new Date(Date.UTC(2035, 0, 1)),
          noInvalidDate: true,
        }),
        fc.constantFrom('+01:00', '-05:30', '+00:00'),
      )
      .map(([d, offset]) => `${d.toISOString().slice(0, 19)}${offset}`),
  },
);

/** Text as zod's trim leaves it: no whitespace at either end. */
function trimmedArb(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const options = { minLength, maxLength };
  return fc
    .oneof(
      fc.string(options),
      fc.string({ ...options, unit: 'grapheme' }),
      fc.string({ ...options, unit: 'binary' }),
      fc.string({ ...options, unit: fc.constantFrom(' ', '\u00a0', 'é', '🌊', '"', '\\', 'a') }),
    )
    .map((s) => s.trim())
    .filter((s) => s.length >= minLength && s.length <= maxLength);
}

const optionalTextArb = (max: number) => fc.option(trimmedArb(0, max), { nil: null });
const scoreArb = fc.integer({ min: 0, max: 10 });

export const youngPersonArb: fc.Arbitrary<YoungPerson> = fc.record({
  id: anyIdArb,
  name: trimmedArb(1, 100),
  dateOfBirth: fc.option(isoDateArb, { nil: null }),
  school: optionalTextArb(200),
  programme: optionalTextArb(100),
  referralDate: fc.option(isoDateArb, { nil: null }),
  status: fc.constantFrom(...CASE_STATUSES),
  closedOn: fc.option(isoDateArb, { nil: null }),
  closureReason: optionalTextArb(500),
  createdAt: instantArb,
  updatedAt: instantArb,
});

function goalArb(owners: readonly string[]): fc.Arbitrary<Goal> {
  return fc.record({
    id: idArb,
    youngPersonId: fc.constantFrom(...owners),
    text: trimmedArb(1, 500),
    domains: fc.array(fc.constantFrom(...DOMAIN_IDS), { minLength: 1, maxLength: 3 }),
    moves: fc.array(fc.constantFrom(...MOVE_IDS), { maxLength: 3 }),
    setBy: fc.constantFrom(...SET_BY),
    status: fc.constantFrom(...GOAL_STATUSES),
    createdAt: instantArb,
    updatedAt: instantArb,
  });
}

function sessionArb(owners: readonly string[]): fc.Arbitrary<Session> {
  return fc.record({
    id: anyIdArb,
    youngPersonId: fc.constantFrom(...owners),
    date: isoDateArb,
    durationMinutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
    location: fc.constantFrom(...LOCATIONS),
    moves: fc.array(fc.constantFrom(...MOVE_IDS), { maxLength: 4 }),
    nobleTruths: fc.array(fc.constantFrom(...NOBLE_TRUTH_IDS), { maxLength: 4 }),
    // Notes are kept exactly as typed (not trimmed), lone surrogates and all.
    notes: fc.string({ maxLength: 200, unit: 'binary' }),
    createdAt: instantArb,
    updatedAt: instantArb,
  });
}

function ratingArb(
  goalIds: readonly string[],
  sessionIds: readonly string[],
): fc.Arbitrary<Rating> {
  const sessionId =
    sessionIds.length > 0
      ? fc.option(fc.constantFrom(...sessionIds), { nil: null })
      : fc.constant(null);
  return fc.record({
    id: anyIdArb,
    goalId: fc.constantFrom(...goalIds),
    sessionId,
    score: scoreArb,
    ratedAt: instantArb,
    ratedBy: fc.constantFrom(...RATERS),
    updatedAt: instantArb,
  });
}

function closureArb(owners: readonly string[], goals: readonly Goal[]): fc.Arbitrary<Closure> {
  return fc.constantFrom(...owners).chain((youngPersonId) => {
    const theirs = goals.filter((g) => g.youngPersonId === youngPersonId).map((g) => g.id);
    const outcomes = fc
      .subarray(theirs)
      .chain((ids) =>
        fc
          .tuple(...ids.map(() => fc.constantFrom(...GOAL_OUTCOMES)))
          .map((os) => Object.fromEntries(ids.map((id, i) => [id, os[i] ?? 'reached']))),
      );
    return fc.record({
      id: anyIdArb,
      youngPersonId: fc.constant(youngPersonId),
      closedOn: isoDateArb,
      reason: fc.constantFrom(...CLOSURE_REASONS),
      reasonDetail: optionalTextArb(2000),
      goalOutcomes: outcomes,
      youngPersonSatisfaction: fc.option(scoreArb, { nil: null }),
      parentCarerSatisfaction: fc.option(scoreArb, { nil: null }),
      youngPersonComments: optionalTextArb(2000),
      parentCarerComments: optionalTextArb(2000),
      reopenedOn: fc.option(isoDateArb, { nil: null }),
      reopenReason: optionalTextArb(2000),
      createdAt: instantArb,
      updatedAt: instantArb,
    });
  });
}

function mapArb(owners: readonly string[]): fc.Arbitrary<ResilienceMap> {
  const byMove = <T>(value: fc.Arbitrary<T>) =>
    fc
      .uniqueArray(fc.tuple(fc.constantFrom(...MOVE_IDS), value), {
        maxLength: 5,
        selector: ([m]) => m,
      })
      .map((entries) => Object.fromEntries(entries));
  return fc.record({
    id: anyIdArb,
    youngPersonId: fc.constantFrom(...owners),
    savedAt: instantArb,
    savedBy: fc.constantFrom(...MAP_SAVED_BY),
    tiles: byMove(fc.constantFrom(...MAP_TILE_STATES)),
    examples: byMove(trimmedArb(1, 200)),
    updatedAt: instantArb,
  });
}

const EMPTY: FullBackupRecords = {
  youngPeople: [],
  goals: [],
  sessions: [],
  ratings: [],
  closures: [],
  resilienceMaps: [],
};

const byId = { selector: (r: { id: string }) => r.id };

/** A valid database: 0-4 young people with goals, sessions, ratings, closures and maps. */
export const databaseArb: fc.Arbitrary<FullBackupRecords> = fc
  .uniqueArray(youngPersonArb, { maxLength: 4, ...byId })
  .chain((youngPeople) => {
    if (youngPeople.length === 0) return fc.constant(EMPTY);
    const owners = youngPeople.map((p) => p.id);
    return fc
      .record({
        goals: fc.uniqueArray(goalArb(owners), { maxLength: 6, ...byId }),
        sessions: fc.uniqueArray(sessionArb(owners), { maxLength: 5, ...byId }),
        resilienceMaps: fc.uniqueArray(mapArb(owners), { maxLength: 3, ...byId }),
      })
      .chain(({ goals, sessions, resilienceMaps }) =>
        fc
          .record({
            ratings:
              goals.length > 0
                ? fc.uniqueArray(
                    ratingArb(
                      goals.map((g) => g.id),
                      sessions.map((s) => s.id),
                    ),
                    { maxLength: 10, ...byId },
                  )
                : fc.constant<Rating[]>([]),
            closures: fc.uniqueArray(closureArb(owners, goals), { maxLength: 2, ...byId }),
          })
          .map(({ ratings, closures }) => ({
            youngPeople,
            goals,
            sessions,
            ratings,
            closures,
            resilienceMaps,
          })),
      );
  });

/** A valid backup file of a generated database. */
export const backupFileArb: fc.Arbitrary<BackupFile> = fc
  .tuple(databaseArb, instantArb)
  .map(([records, exportedAt]) => ({
    format: 'resilience-coaching-backup',
    version: 2,
    exportedAt,
    ...records,
    deletions: [],
  }));
