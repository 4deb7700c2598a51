import { describe, expect, it } from 'vitest';
import {
  baselineOf,
  chartSeries,
  describeProgress,
  formatChange,
  goalProgress,
  latestOf,
  reliableChange,
  sortRatings,
  type GoalProgress,
} from '../../../src/domain/progress';
import type { Rater, Rating, Session } from '../../../src/domain/schemas';

// Midday UTC keeps the local calendar date the same in any time zone within 11 hours of UTC.
function rating(id: string, day: string, score: number, ratedBy: Rater = 'young-person'): Rating {
  return {
    id,
    goalId: 'g1',
    sessionId: null,
    score,
    ratedAt: `${day}T12:00:00.000Z`,
    ratedBy,
    updatedAt: `${day}T12:00:00.000Z`,
  };
}

const sessionStub: Session = {
  id: 'stub',
  youngPersonId: 'yp1',
  date: '2026-01-01',
  durationMinutes: 60,
  location: 'school',
  moves: [],
  nobleTruths: [],
  notes: '',
  createdAt: '2026-01-01T12:00:00.000Z',
  updatedAt: '2026-01-01T12:00:00.000Z',
};

const a = rating('a', '2026-11-12', 2);
const b = rating('b', '2026-11-19', 5, 'coach');
const c = rating('c', '2026-11-26', 6);

describe('sortRatings', () => {
  it.each([
    { name: 'empty', input: [], expected: [] },
    { name: 'one rating', input: [a], expected: ['a'] },
    { name: 'out of insertion order', input: [c, a, b], expected: ['a', 'b', 'c'] },
    {
      name: 'ties in ratedAt, by id',
      input: [rating('z', '2026-11-12', 1), rating('m', '2026-11-12', 2)],
      expected: ['m', 'z'],
    },
    {
      name: 'instants with different offsets, by time',
      input: [
        { ...a, id: 'later', ratedAt: '2026-11-12T10:00:00.000Z' },
        { ...a, id: 'earlier', ratedAt: '2026-11-12T10:30:00.000+01:00' },
      ],
      expected: ['earlier', 'later'],
    },
  ])('$name', ({ input, expected }) => {
    expect(sortRatings(input).map((r) => r.id)).toEqual(expected);
  });

  it('does not change the array it is given', () => {
    const input = [c, a];
    sortRatings(input);
    expect(input).toEqual([c, a]);
  });
});

describe('baselineOf and latestOf', () => {
  it.each([
    { name: 'empty', input: [], baseline: null, latest: null },
    { name: 'one rating', input: [b], baseline: 'b', latest: 'b' },
    { name: 'out of insertion order', input: [c, a, b], baseline: 'a', latest: 'c' },
    {
      name: 'ties in ratedAt',
      input: [rating('z', '2026-11-12', 1), rating('m', '2026-11-12', 2)],
      baseline: 'm',
      latest: 'z',
    },
  ])('$name', ({ input, baseline, latest }) => {
    expect(baselineOf(input)?.id ?? null).toBe(baseline);
    expect(latestOf(input)?.id ?? null).toBe(latest);
  });
});

describe('goalProgress', () => {
  it.each<{ name: string; input: Rating[]; expected: GoalProgress }>([
    {
      name: 'empty',
      input: [],
      expected: {
        baseline: null,
        latest: null,
        change: null,
        count: 0,
        latestRatedAt: null,
        latestRatedBy: null,
      },
    },
    {
      name: 'one rating: no change yet',
      input: [a],
      expected: {
        baseline: 2,
        latest: 2,
        change: null,
        count: 1,
        latestRatedAt: a.ratedAt,
        latestRatedBy: 'young-person',
      },
    },
    {
      name: 'two ratings out of insertion order',
      input: [b, a],
      expected: {
        baseline: 2,
        latest: 5,
        change: 3,
        count: 2,
        latestRatedAt: b.ratedAt,
        latestRatedBy: 'coach',
      },
    },
    {
      name: 'negative change',
      input: [rating('x', '2026-11-12', 5), rating('y', '2026-12-01', 3, 'parent-carer')],
      expected: {
        baseline: 5,
        latest: 3,
        change: -2,
        count: 2,
        latestRatedAt: '2026-12-01T12:00:00.000Z',
        latestRatedBy: 'parent-carer',
      },
    },
  ])('$name', ({ input, expected }) => {
    expect(goalProgress(input)).toEqual(expected);
  });
});

describe('reliableChange', () => {
  it.each([
    { change: null, threshold: undefined, expected: null },
    { change: 3, threshold: undefined, expected: 'improvement' },
    { change: 4, threshold: undefined, expected: 'improvement' },
    { change: 2, threshold: undefined, expected: 'none' },
    { change: 0, threshold: undefined, expected: 'none' },
    { change: -2, threshold: undefined, expected: 'none' },
    { change: -3, threshold: undefined, expected: 'deterioration' },
    { change: -7, threshold: undefined, expected: 'deterioration' },
    { change: 2, threshold: 2.45, expected: 'none' },
    { change: 3, threshold: 2.45, expected: 'improvement' },
    { change: -3, threshold: 2.45, expected: 'deterioration' },
  ])('change $change, threshold $threshold -> $expected', ({ change, threshold, expected }) => {
    expect(reliableChange(change, threshold)).toBe(expected);
  });
});

describe('formatChange', () => {
  it.each([
    [4, '+4'],
    [-2, '-2'],
    [0, '0'],
    [10, '+10'],
  ])('%d -> %s', (change, expected) => {
    expect(formatChange(change)).toBe(expected);
  });
});

describe('describeProgress', () => {
  it.each([
    { input: [], expected: 'Not rated yet' },
    { input: [rating('x', '2026-11-12', 4)], expected: 'Baseline 4, not rated again yet' },
    {
      input: [rating('y', '2026-11-19', 6), rating('x', '2026-11-12', 2)],
      expected: 'Started at 2, now 6 (+4)',
    },
    {
      input: [rating('x', '2026-11-12', 5), rating('y', '2026-11-19', 3)],
      expected: 'Started at 5, now 3 (-2)',
    },
    {
      input: [rating('x', '2026-11-12', 4), rating('y', '2026-11-19', 4)],
      expected: 'Started at 4, no change yet (0)',
    },
  ])('$expected', ({ input, expected }) => {
    expect(describeProgress(goalProgress(input))).toBe(expected);
  });
});

describe('chartSeries', () => {
  it('is empty with no ratings', () => {
    expect(chartSeries([])).toEqual([]);
  });

  it('gives one point per rating, in order, the first marked as the baseline', () => {
    const points = chartSeries([c, a, b]);
    expect(points.map((p) => [p.id, p.x, p.score, p.isBaseline])).toEqual([
      ['a', 0, 2, true],
      ['b', 1, 5, false],
      ['c', 2, 6, false],
    ]);
    expect(points[0]).toMatchObject({
      date: '2026-11-12',
      dateLabel: '12 Nov 2026',
      ratedBy: 'young-person',
      raterLabel: 'Young person',
      sessionId: null,
      label: '12 Nov 2026: 2 out of 10, rated by the young person (baseline)',
    });
    expect(points[1]?.label).toBe('19 Nov 2026: 5 out of 10, rated by the coach');
    expect(chartSeries([rating('p', '2026-11-12', 7, 'parent-carer'), a])[1]?.label).toBe(
      '12 Nov 2026: 7 out of 10, rated by a parent or carer',
    );
  });

  it("uses the session's date for a rating taken in a session", () => {
    const sessions: Session[] = [{ ...sessionStub, id: 's1', date: '2026-11-10' }];
    const points = chartSeries(
      [a, { ...b, sessionId: 's1' }, { ...c, sessionId: 'gone' }],
      sessions,
    );
    expect(points.map((p) => p.date)).toEqual(['2026-11-12', '2026-11-10', '2026-11-26']);
    expect(points[1]?.dateLabel).toBe('10 Nov 2026');
    expect(points[1]?.sessionId).toBe('s1');
  });
});
