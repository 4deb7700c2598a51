import { describe, expect, it } from 'vitest';
import {
  FAKE_SIZES,
  SERVICE_SIZE,
  STRESS_SIZE,
  buildFakeService,
  buildFakeServiceOfTotal,
  countRecords,
  isFakeSizeName,
  scaledSize,
} from '../support/fake-data';
import {
  closureSchema,
  goalSchema,
  ratingSchema,
  sessionSchema,
  youngPersonSchema,
} from '../../src/domain/schemas';

describe('fictional data sizes', () => {
  it('names the service and stress sizes, the stress one ten times the service', () => {
    expect(FAKE_SIZES).toEqual({ service: SERVICE_SIZE, stress: STRESS_SIZE });
    expect(STRESS_SIZE).toEqual({
      youngPeople: SERVICE_SIZE.youngPeople * 10,
      goals: SERVICE_SIZE.goals * 10,
      sessions: SERVICE_SIZE.sessions * 10,
      ratings: SERVICE_SIZE.ratings * 10,
    });
    expect(isFakeSizeName('stress')).toBe(true);
    expect(isFakeSizeName('huge')).toBe(false);
    expect(isFakeSizeName('toString')).toBe(false);
  });

  it('scales the service proportions to a total', () => {
    const size = scaledSize(100_000);
    expect(size.youngPeople + size.goals + size.sessions + size.ratings).toBe(100_000);
    expect(size.sessions / size.youngPeople).toBeCloseTo(20, 0);
    expect(() => scaledSize(3)).toThrow(/too few/);
  });
});

describe('buildFakeService at the stress size', () => {
  const records = buildFakeService(STRESS_SIZE);

  it('holds exactly the counts asked for, with unique ids and valid references', () => {
    expect(records.youngPeople).toHaveLength(3000);
    expect(records.goals).toHaveLength(12_000);
    expect(records.sessions).toHaveLength(60_000);
    expect(records.ratings).toHaveLength(150_000);
    const all = Object.values(records).flat();
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const people = new Set(records.youngPeople.map((p) => p.id));
    const goals = new Set(records.goals.map((g) => g.id));
    const sessions = new Set(records.sessions.map((s) => s.id));
    expect(records.goals.every((g) => people.has(g.youngPersonId))).toBe(true);
    expect(records.sessions.every((s) => people.has(s.youngPersonId))).toBe(true);
    expect(
      records.ratings.every(
        (r) => goals.has(r.goalId) && (r.sessionId === null || sessions.has(r.sessionId)),
      ),
    ).toBe(true);
  });

  it('makes records the app accepts', () => {
    // A sample of each kind, spread through the lists (parsing 230,000 records is slow).
    const every = <T>(list: T[], step: number) => list.filter((_, i) => i % step === 0);
    for (const p of every(records.youngPeople, 97)) youngPersonSchema.parse(p);
    for (const g of every(records.goals, 389)) goalSchema.parse(g);
    for (const s of every(records.sessions, 1997)) sessionSchema.parse(s);
    for (const r of every(records.ratings, 4999)) ratingSchema.parse(r);
    for (const c of every(records.closures, 97)) closureSchema.parse(c);
  });
});

describe('buildFakeServiceOfTotal', () => {
  it('makes exactly the number of records asked for, closures included, the same each time', () => {
    const records = buildFakeServiceOfTotal(20_000, 7);
    expect(countRecords(records)).toBe(20_000);
    expect(records.closures.length).toBeGreaterThan(0);
    expect(buildFakeServiceOfTotal(20_000, 7)).toEqual(records);
  });
});
