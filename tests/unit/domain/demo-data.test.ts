import { describe, expect, it } from 'vitest';
import { buildDemoRecords, type DemoRecords } from '../../../src/domain/demo-data';
import { baselineOf } from '../../../src/domain/progress';
import {
  goalSchema,
  ratingSchema,
  sessionSchema,
  youngPersonSchema,
} from '../../../src/domain/schemas';
import { instantToIsoDate, toIsoDate } from '../../../src/lib/dates';

/** Ids counted up from 1, so the output is the same on every run. */
function counter(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

// Mid-morning, just after midnight and just before midnight (local time): the demo is built
// relative to "now", so dates must hold up whichever time of day it is loaded.
const NOWS = [
  new Date(2026, 10, 23, 10, 0, 0),
  new Date(2026, 10, 23, 0, 30, 0),
  new Date(2026, 2, 1, 23, 30, 0),
];

function build(now: Date): DemoRecords {
  return buildDemoRecords(now, counter());
}

describe.each(NOWS.map((now) => [now.toString(), now] as const))(
  'buildDemoRecords at %s',
  (_label, now) => {
    const records = build(now);
    const { youngPeople, goals, sessions, ratings } = records;
    const today = toIsoDate(now);

    it('makes five fictional young people, each with goals', () => {
      expect(youngPeople).toHaveLength(5);
      for (const yp of youngPeople) {
        expect(yp.name).toMatch(/^Demo: \S/);
        expect(goals.some((g) => g.youngPersonId === yp.id)).toBe(true);
      }
      expect(youngPeople.filter((y) => y.status === 'closed')).toHaveLength(1);
      expect(sessions.length).toBeGreaterThan(0);
    });

    it('gives records that all pass the schemas', () => {
      for (const yp of youngPeople) expect(youngPersonSchema.parse(yp)).toEqual(yp);
      for (const goal of goals) expect(goalSchema.parse(goal)).toEqual(goal);
      for (const session of sessions) expect(sessionSchema.parse(session)).toEqual(session);
      for (const rating of ratings) expect(ratingSchema.parse(rating)).toEqual(rating);
    });

    it('gives every record its own id', () => {
      const ids = [...youngPeople, ...goals, ...sessions, ...ratings].map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('resolves every reference, within the same young person', () => {
      const people = new Set(youngPeople.map((y) => y.id));
      const goalOwner = new Map(goals.map((g) => [g.id, g.youngPersonId]));
      const sessionOwner = new Map(sessions.map((s) => [s.id, s.youngPersonId]));
      for (const goal of goals) expect(people.has(goal.youngPersonId)).toBe(true);
      for (const session of sessions) expect(people.has(session.youngPersonId)).toBe(true);
      for (const rating of ratings) {
        const owner = goalOwner.get(rating.goalId);
        expect(owner).toBeDefined();
        if (rating.sessionId !== null) expect(sessionOwner.get(rating.sessionId)).toBe(owner);
      }
    });

    it('gives every goal a baseline: its earliest rating, taken when the goal was set', () => {
      for (const goal of goals) {
        const own = ratings.filter((r) => r.goalId === goal.id);
        const baseline = baselineOf(own);
        expect(baseline, goal.text).not.toBeNull();
        expect(baseline?.sessionId, goal.text).toBeNull();
        expect(baseline?.ratedAt).toBe(goal.createdAt);
        // Only the baseline is outside a session, and every other rating is strictly later.
        const rest = own.filter((r) => r !== baseline);
        for (const r of rest) {
          expect(r.sessionId, goal.text).not.toBeNull();
          expect(Date.parse(r.ratedAt)).toBeGreaterThan(Date.parse(baseline?.ratedAt ?? ''));
        }
      }
    });

    it('rates a goal at most once per session, on the session date, after the baseline date', () => {
      const sessionDate = new Map(sessions.map((s) => [s.id, s.date]));
      const seen = new Set<string>();
      for (const rating of ratings) {
        if (rating.sessionId === null) continue;
        const key = `${rating.goalId}/${rating.sessionId}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
        expect(instantToIsoDate(rating.ratedAt)).toBe(sessionDate.get(rating.sessionId));
        const goal = goals.find((g) => g.id === rating.goalId);
        expect(instantToIsoDate(goal?.createdAt ?? '') <= instantToIsoDate(rating.ratedAt)).toBe(
          true,
        );
      }
    });

    it('puts nothing after now', () => {
      const nowMs = now.getTime();
      for (const session of sessions) {
        expect(session.date <= today, session.date).toBe(true);
        expect(Date.parse(session.createdAt)).toBeLessThanOrEqual(nowMs);
      }
      for (const r of ratings) expect(Date.parse(r.ratedAt)).toBeLessThanOrEqual(nowMs);
      for (const g of goals) expect(Date.parse(g.createdAt)).toBeLessThanOrEqual(nowMs);
      for (const yp of youngPeople) {
        expect(Date.parse(yp.createdAt)).toBeLessThanOrEqual(nowMs);
        if (yp.referralDate) expect(yp.referralDate <= today).toBe(true);
        if (yp.dateOfBirth) expect(yp.dateOfBirth < today).toBe(true);
      }
    });

    it('closes a case only after its last session, with a reason', () => {
      for (const yp of youngPeople.filter((y) => y.status === 'closed')) {
        const dates = sessions.filter((s) => s.youngPersonId === yp.id).map((s) => s.date);
        expect(yp.closedOn).not.toBeNull();
        expect(yp.closureReason).toBeTruthy();
        for (const d of dates) expect(d <= (yp.closedOn ?? '')).toBe(true);
        expect((yp.closedOn ?? '') <= today).toBe(true);
      }
      for (const yp of youngPeople.filter((y) => y.status === 'open')) {
        expect(yp.closedOn).toBeNull();
        expect(yp.closureReason).toBeNull();
      }
    });
  },
);

describe('buildDemoRecords', () => {
  it('is the same for the same now and id counter', () => {
    const now = NOWS[0] ?? new Date();
    expect(build(now)).toEqual(build(now));
  });

  it('uses the id maker it is given for every record', () => {
    const { youngPeople, goals, sessions, ratings } = build(new Date(2026, 10, 23, 10));
    for (const r of [...youngPeople, ...goals, ...sessions, ...ratings]) {
      expect(r.id).toMatch(/^id-\d+$/);
    }
  });
});
