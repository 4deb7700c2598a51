import { describe, expect, it } from 'vitest';
import {
  MAX_SCORE,
  MIN_SCORE,
  RATING_STEP_MS,
  SCORES,
  baselineOf,
  baselinesByGoal,
  compareRatings,
  countRatingsBySession,
  goalsAskedAbout,
  goalsToRate,
  isScore,
  latestOf,
  previousScore,
  ratedAtFor,
  ratingBefore,
  scoreSchema,
  sortRatings,
  type StampRule,
} from '../../../src/domain/rating-rules';
import type { GoalStatus } from '../../../src/domain/schemas';

/** A local time (the device's zone), as the repositories are given `now`. */
function local(isoDate: string, hour: number, minute = 0, second = 0, ms = 0): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, hour, minute, second, ms);
}

const timed = (id: string, ratedAt: string, goalId = 'g1') => ({ id, goalId, ratedAt });

describe('score bounds', () => {
  it('are 0 and 10, and SCORES lists every score between', () => {
    expect([MIN_SCORE, MAX_SCORE]).toEqual([0, 10]);
    expect(SCORES).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it.each([
    { value: 0, ok: true },
    { value: 10, ok: true },
    { value: 7, ok: true },
    { value: -1, ok: false },
    { value: 11, ok: false },
    { value: 2.5, ok: false },
    { value: Number.NaN, ok: false },
    { value: Number.POSITIVE_INFINITY, ok: false },
    { value: '5', ok: false },
    { value: null, ok: false },
    { value: undefined, ok: false },
  ])('isScore and scoreSchema agree on $value', ({ value, ok }) => {
    expect(isScore(value)).toBe(ok);
    expect(scoreSchema.safeParse(value).success).toBe(ok);
  });

  it.each([
    { value: 'seven', message: 'Choose a score from 0 to 10.' },
    { value: 2.5, message: 'A score is a whole number from 0 to 10.' },
    { value: -1, message: 'A score is a whole number from 0 to 10.' },
    { value: 11, message: 'A score is a whole number from 0 to 10.' },
  ])('scoreSchema says why $value is not a score', ({ value, message }) => {
    const result = scoreSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

describe('order of ratings', () => {
  it.each([
    {
      name: 'earlier instant first',
      a: timed('b', '2026-11-12T09:00:00.000Z'),
      b: timed('a', '2026-11-12T10:00:00.000Z'),
      sign: -1,
    },
    {
      name: 'equal instants: lower id first',
      a: timed('a', '2026-11-12T10:00:00.000Z'),
      b: timed('b', '2026-11-12T10:00:00.000Z'),
      sign: -1,
    },
    {
      name: 'equal instants in different offsets: lower id first',
      a: timed('b', '2026-11-12T10:00:00.000Z'),
      b: timed('a', '2026-11-12T11:00:00.000+01:00'),
      sign: 1,
    },
    {
      // As text, "10:30+01:00" comes after "10:00Z"; as an instant it is half an hour before.
      name: 'an offset that sorts wrongly as text',
      a: timed('a', '2026-11-12T10:30:00+01:00'),
      b: timed('b', '2026-11-12T10:00:00.000Z'),
      sign: -1,
    },
    {
      // As text, "." comes before "Z", so the later instant would sort first.
      name: 'a precision that sorts wrongly as text',
      a: timed('a', '2026-11-12T10:00:00Z'),
      b: timed('b', '2026-11-12T10:00:00.500Z'),
      sign: -1,
    },
    {
      name: 'the same rating',
      a: timed('a', '2026-11-12T10:00:00Z'),
      b: timed('a', '2026-11-12T10:00:00Z'),
      sign: 0,
    },
  ])('compareRatings: $name', ({ a, b, sign }) => {
    expect(Math.sign(compareRatings(a, b))).toBe(sign);
    expect(Math.sign(compareRatings(b, a))).toBe(sign === 0 ? 0 : -sign);
  });

  const offsetFirst = timed('offset', '2026-11-12T10:30:00+01:00'); // 09:30 UTC
  const utc = timed('utc', '2026-11-12T10:00:00Z'); // 10:00 UTC
  const precise = timed('precise', '2026-11-12T10:00:00.500Z'); // 10:00:00.5 UTC
  const tieB = timed('tie-b', '2026-11-12T12:00:00.000Z');
  const tieA = timed('tie-a', '2026-11-12T13:00:00+01:00'); // the same instant as tieB

  it.each([
    { name: 'empty', input: [], sorted: [], baseline: null, latest: null },
    { name: 'one rating', input: [utc], sorted: ['utc'], baseline: 'utc', latest: 'utc' },
    {
      name: 'offsets and precision, as instants',
      input: [precise, utc, offsetFirst],
      sorted: ['offset', 'utc', 'precise'],
      baseline: 'offset',
      latest: 'precise',
    },
    {
      name: 'equal instants written differently, by id',
      input: [tieB, tieA],
      sorted: ['tie-a', 'tie-b'],
      baseline: 'tie-a',
      latest: 'tie-b',
    },
    {
      name: 'all together',
      input: [tieB, precise, tieA, offsetFirst, utc],
      sorted: ['offset', 'utc', 'precise', 'tie-a', 'tie-b'],
      baseline: 'offset',
      latest: 'tie-b',
    },
  ])('sortRatings, baselineOf and latestOf: $name', ({ input, sorted, baseline, latest }) => {
    expect(sortRatings(input).map((r) => r.id)).toEqual(sorted);
    expect(baselineOf(input)?.id ?? null).toBe(baseline);
    expect(latestOf(input)?.id ?? null).toBe(latest);
  });

  it('sortRatings leaves the array it is given as it was', () => {
    const input = [precise, utc];
    sortRatings(input);
    expect(input).toEqual([precise, utc]);
  });

  it('baselinesByGoal takes each goal its earliest rating, as an instant', () => {
    const ratings = [
      timed('g1-later', '2026-11-12T10:00:00Z', 'g1'),
      timed('g1-first', '2026-11-12T10:30:00+01:00', 'g1'),
      timed('g2-tie-b', '2026-11-01T12:00:00Z', 'g2'),
      timed('g2-tie-a', '2026-11-01T12:00:00.000Z', 'g2'),
      timed('g3-only', '2026-10-01T08:00:00Z', 'g3'),
    ];
    const baselines = baselinesByGoal(ratings);
    expect([...baselines].map(([goalId, r]) => [goalId, r.id])).toEqual([
      ['g1', 'g1-first'],
      ['g2', 'g2-tie-a'],
      ['g3', 'g3-only'],
    ]);
    expect(baselinesByGoal([]).size).toBe(0);
  });
});

describe('ratedAtFor', () => {
  // Monday 23 November 2026, 10:00:00.250 on the device: milliseconds show the time is kept.
  const now = local('2026-11-23', 10, 0, 0, 250);
  const iso = (date: Date) => date.toISOString();
  const plusStep = (date: Date) => new Date(date.getTime() + RATING_STEP_MS).toISOString();

  it.each<{ name: string; rule?: StampRule; expected: string }>([
    { name: 'no rule: now', expected: iso(now) },
    { name: 'no date, no rating before: now', rule: { after: null }, expected: iso(now) },
    { name: "today's date: now", rule: { on: '2026-11-23' }, expected: iso(now) },
    {
      name: "a back-dated date: now's time of day on that date",
      rule: { on: '2026-11-10' },
      expected: iso(local('2026-11-10', 10, 0, 0, 250)),
    },
    {
      name: 'a rating before, well before: unchanged',
      rule: { on: '2026-11-10', after: timed('b', iso(local('2026-10-01', 15))) },
      expected: iso(local('2026-11-10', 10, 0, 0, 250)),
    },
    {
      name: 'back-dated to the day of a later-in-the-day baseline: one second after it',
      rule: { on: '2026-11-10', after: timed('b', iso(local('2026-11-10', 15))) },
      expected: plusStep(local('2026-11-10', 15)),
    },
    {
      name: 'a baseline later than now: one second after it',
      rule: { after: timed('b', iso(local('2026-11-23', 10, 0, 30))) },
      expected: plusStep(local('2026-11-23', 10, 0, 30)),
    },
    {
      name: 'a baseline exactly one second before: now',
      rule: { after: timed('b', iso(new Date(now.getTime() - RATING_STEP_MS))) },
      expected: iso(now),
    },
    {
      name: 'a baseline at the same instant: one second after',
      rule: { on: '2026-11-23', after: timed('b', iso(now)) },
      expected: plusStep(now),
    },
    {
      name: 'a baseline written with another offset: read as an instant',
      rule: {
        after: {
          id: 'b',
          // Half an hour after now, written in +05:30 rather than UTC.
          ratedAt: new Date(now.getTime() + 30 * 60_000 + 5.5 * 3_600_000)
            .toISOString()
            .replace('Z', '+05:30'),
        },
      },
      expected: new Date(now.getTime() + 30 * 60_000 + RATING_STEP_MS).toISOString(),
    },
  ])('$name', ({ rule, expected }) => {
    expect(ratedAtFor(now, rule)).toBe(expected);
  });

  it('keeps two sessions logged for one past date in the order they were logged', () => {
    const first = ratedAtFor(local('2026-11-23', 9, 15), { on: '2026-11-10' });
    const second = ratedAtFor(local('2026-11-23', 16, 40), { on: '2026-11-10' });
    expect(first).toBe(iso(local('2026-11-10', 9, 15)));
    expect(second).toBe(iso(local('2026-11-10', 16, 40)));
    expect(Date.parse(first)).toBeLessThan(Date.parse(second));
  });

  it('keeps two ratings at one instant one second apart when each follows the other', () => {
    const first = ratedAtFor(now);
    const second = ratedAtFor(now, { after: { id: 'first', ratedAt: first } });
    expect(Date.parse(second) - Date.parse(first)).toBe(RATING_STEP_MS);
  });
});

describe('goalsToRate', () => {
  const goal = (id: string, status: GoalStatus = 'active') => ({ id, status });
  const baselineOn = (date: string, hour = 15) => ({ ratedAt: local(date, hour).toISOString() });
  const goals = [
    goal('old'),
    goal('same-day-late'),
    goal('next-day'),
    goal('achieved', 'achieved'),
    goal('stopped', 'stopped'),
    goal('no-baseline'),
  ];
  const baselines = new Map([
    ['old', baselineOn('2026-10-01')],
    ['same-day-late', baselineOn('2026-11-10', 23)],
    ['next-day', baselineOn('2026-11-11', 0)],
    ['achieved', baselineOn('2026-10-01')],
    ['stopped', baselineOn('2026-10-01')],
  ]);

  it.each<{ name: string; date: string; alreadyRated?: string[]; expected: string[] }>([
    { name: 'before any baseline', date: '2026-09-30', expected: [] },
    {
      name: 'a baseline taken later on the same day counts',
      date: '2026-11-10',
      expected: ['old', 'same-day-late'],
    },
    {
      name: 'a goal set the next day does not',
      date: '2026-11-11',
      expected: ['old', 'same-day-late', 'next-day'],
    },
    {
      name: 'goals already rated in the session stay, whatever their status or date',
      date: '2026-11-10',
      alreadyRated: ['stopped', 'next-day', 'no-baseline'],
      expected: ['old', 'same-day-late', 'next-day', 'stopped', 'no-baseline'],
    },
  ])('$name', ({ date, alreadyRated, expected }) => {
    const asked = goalsToRate(goals, baselines, date, new Set(alreadyRated));
    expect(asked.map((g) => g.id)).toEqual(expected);
  });
});

describe('countRatingsBySession', () => {
  const r = (sessionId: string | null) => ({ sessionId });

  it.each([
    { name: 'no goals', goals: [], expected: [] },
    {
      name: 'ratings outside sessions are left out',
      goals: [{ ratings: [r(null)] }],
      expected: [],
    },
    {
      name: 'counted across goals',
      goals: [{ ratings: [r('s1'), r('s2'), r(null)] }, { ratings: [r('s1')] }, { ratings: [] }],
      expected: [
        ['s1', 2],
        ['s2', 1],
      ],
    },
  ])('$name', ({ goals, expected }) => {
    expect([...countRatingsBySession(goals)]).toEqual(expected);
  });
});

describe('the scores around a session', () => {
  /** A rating at a local time on a date, in a session or not. */
  const rated = (
    id: string,
    date: string,
    hour: number,
    score: number,
    sessionId: string | null,
  ) => ({
    id,
    ratedAt: local(date, hour).toISOString(),
    score,
    sessionId,
  });
  const baseline = rated('r0', '2026-09-01', 9, 2, null);
  const first = rated('r1', '2026-09-08', 10, 4, 's1');
  const sameDayEarlier = rated('r2', '2026-09-15', 9, 5, 's2');
  const edited = rated('r3', '2026-09-15', 11, 6, 's3');
  const later = rated('r4', '2026-09-22', 10, 8, 's4');
  const ratings = [later, edited, baseline, sameDayEarlier, first];

  it.each([
    { date: '2026-08-31', sessionId: undefined, expected: null },
    { date: '2026-09-01', sessionId: undefined, expected: 2 },
    { date: '2026-09-10', sessionId: undefined, expected: 4 },
    // A new session on the 15th sees both of that day's ratings.
    { date: '2026-09-15', sessionId: undefined, expected: 6 },
    // Editing s3 on the 15th: its own rating and what came after it that day do not count.
    { date: '2026-09-15', sessionId: 's3', expected: 5 },
    // Editing s2, the earlier one that day: s3's later rating does not count either.
    { date: '2026-09-15', sessionId: 's2', expected: 4 },
    { date: '2026-12-01', sessionId: 's4', expected: 6 },
  ])('previousScore on $date editing $sessionId is $expected', ({ date, sessionId, expected }) => {
    expect(previousScore(ratings, date, sessionId)).toBe(expected);
  });

  it('ratingBefore gives the rating just before, never one of the same session', () => {
    expect(ratingBefore(ratings, later)?.id).toBe('r3');
    expect(ratingBefore(ratings, edited)?.id).toBe('r2');
    expect(ratingBefore(ratings, baseline)).toBeNull();
    const sameSession = { ...edited, id: 'r5', ratedAt: local('2026-09-15', 12).toISOString() };
    expect(ratingBefore([...ratings, sameSession], sameSession)?.id).toBe('r2');
  });

  it('ratingBefore compares instants, not their text', () => {
    const a = { id: 'a', ratedAt: '2026-09-15T10:00:00+01:00', sessionId: null };
    const b = { id: 'b', ratedAt: '2026-09-15T09:30:00Z', sessionId: null };
    // 09:00Z comes before 09:30Z, although "10:00+01:00" sorts after "09:30Z" as text.
    expect(ratingBefore([a, b], b)?.id).toBe('a');
    expect(ratingBefore([a, b], a)).toBeNull();
  });

  it("goalsAskedAbout takes each baseline from the goal's own ratings", () => {
    const goal = (id: string, status: GoalStatus) => ({ id, status });
    const goals = [
      { goal: goal('set-before', 'active'), ratings: [baseline, first] },
      { goal: goal('set-after', 'active'), ratings: [later] },
      { goal: goal('no-ratings', 'active'), ratings: [] },
      { goal: goal('stopped', 'stopped'), ratings: [baseline] },
    ];
    expect(goalsAskedAbout(goals, '2026-09-15').map((g) => g.id)).toEqual(['set-before']);
    expect(goalsAskedAbout(goals, '2026-09-15', new Set(['stopped'])).map((g) => g.id)).toEqual([
      'set-before',
      'stopped',
    ]);
  });
});
