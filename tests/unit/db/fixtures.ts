import { getDb } from '../../../src/db/database';
import { createGoal } from '../../../src/db/repositories/goals';
import { createYoungPerson } from '../../../src/db/repositories/young-people';
import type { GoalInput, SessionInput, YoungPerson } from '../../../src/domain/schemas';
import { ValidationError } from '../../../src/domain/validation';

/** Monday 23 November 2026, 10:00 local time: "now" in every repository test. */
export const NOW = new Date(2026, 10, 23, 10, 0, 0);
export const TODAY = '2026-11-23';

/** A local Date on a given day, at the given hour (local time). */
export function at(isoDate: string, hour = 10, minute = 0): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, hour, minute, 0);
}

/** Empties the database so each test starts from nothing. */
export async function freshDb(): Promise<void> {
  await getDb().delete();
  await getDb().open();
}

export async function addYoungPerson(
  name = 'Mia',
  now: Date = at('2026-09-01'),
): Promise<YoungPerson> {
  return createYoungPerson(
    { name, dateOfBirth: '2013-04-12', school: '', programme: '', referralDate: '' },
    now,
  );
}

export function goalInput(overrides: Partial<GoalInput> = {}): GoalInput {
  return {
    text: 'Go to football on Saturdays',
    domains: ['belonging'],
    moves: ['belonging-make-friends'],
    setBy: 'young-person',
    baseline: 3,
    baselineRatedBy: 'young-person',
    ...overrides,
  };
}

export async function addGoal(
  youngPersonId: string,
  now: Date,
  overrides: Partial<GoalInput> = {},
) {
  return createGoal(youngPersonId, goalInput(overrides), now);
}

export function sessionInput(
  date: string,
  ratings: { goalId: string; score: number }[],
  overrides: Partial<SessionInput> = {},
): SessionInput {
  return {
    date,
    durationMinutes: 45,
    location: 'school',
    moves: [],
    nobleTruths: [],
    notes: '',
    ratedBy: 'young-person',
    ratings,
    ...overrides,
  };
}

/** The field errors of a rejected call; fails the test if it did not throw a ValidationError. */
export async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error('Expected a ValidationError, but the call succeeded.');
}

/** How many rows each table holds. */
export async function counts() {
  const db = getDb();
  const [youngPeople, goals, sessions, ratings] = await Promise.all([
    db.youngPeople.count(),
    db.goals.count(),
    db.sessions.count(),
    db.ratings.count(),
  ]);
  return { youngPeople, goals, sessions, ratings };
}

/** A stored id typed as a UUID, so crypto.randomUUID can be made to return it again. */
export function asUuid(id: string): ReturnType<typeof crypto.randomUUID> {
  const [a = '', b = '', c = '', d = '', e = '', ...rest] = id.split('-');
  if (rest.length > 0 || !e) throw new Error(`Not a UUID: ${id}`);
  return `${a}-${b}-${c}-${d}-${e}`;
}
