import { describe, expect, it } from 'vitest';
import { SERVICE_SIZE, buildFakeService } from '../../../support/fake-data';
import type { DomainId, NobleTruthId } from '../../../../src/domain/framework';
import {
  buildServiceReport,
  casesInReport,
  currentClosure,
  goalsPerDomain,
  pairedScores,
  programmesOf,
  restsOnFewClosedCases,
  topMoves,
  type ServiceReportOptions,
  type ServiceReportRecords,
} from '../../../../src/domain/report';
import {
  closureSchema,
  goalSchema,
  ratingSchema,
  sessionSchema,
  youngPersonSchema,
  type Closure,
  type Goal,
  type GoalStatus,
  type Location,
  type Rating,
  type Session,
  type YoungPerson,
} from '../../../../src/domain/schemas';

// A small caseload with every figure worked out by hand below. Instants are made from local
// times, so the tests pass in any time zone.

const STAMP = '2025-01-01T00:00:00.000Z';

/** The instant of a local date and hour: at('2026-02-20', 16). */
function at(date: string, hour = 12): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, hour).toISOString();
}

function person(
  id: string,
  fields: Partial<YoungPerson> & Pick<YoungPerson, 'programme' | 'referralDate'>,
): YoungPerson {
  return {
    id,
    name: `Name ${id}`,
    dateOfBirth: '2012-05-05',
    school: 'Fictional School',
    status: fields.closedOn ? 'closed' : 'open',
    closedOn: null,
    closureReason: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...fields,
  };
}

function goal(
  id: string,
  youngPersonId: string,
  domains: DomainId[],
  status: GoalStatus = 'active',
  createdAt = STAMP,
): Goal {
  return {
    id,
    youngPersonId,
    text: `Goal ${id} in my own words`,
    domains,
    moves: [],
    setBy: 'together',
    status,
    createdAt,
    updatedAt: createdAt,
  };
}

let ratingCount = 0;
function rating(
  goalId: string,
  score: number,
  date: string,
  hour = 12,
  sessionId: string | null = null,
): Rating {
  ratingCount += 1;
  return {
    id: `r${String(ratingCount).padStart(3, '0')}`,
    goalId,
    sessionId,
    score,
    ratedAt: at(date, hour),
    ratedBy: 'young-person',
    updatedAt: at(date, hour),
  };
}

function session(
  id: string,
  youngPersonId: string,
  date: string,
  location: Location,
  moves: string[] = [],
  nobleTruths: NobleTruthId[] = [],
): Session {
  return {
    id,
    youngPersonId,
    date,
    durationMinutes: 45,
    location,
    moves,
    nobleTruths,
    notes: 'Private notes that must never leave the device.',
    createdAt: at(date),
    updatedAt: at(date),
  };
}

function closure(
  id: string,
  youngPersonId: string,
  closedOn: string,
  fields: Partial<Closure> = {},
): Closure {
  return {
    id,
    youngPersonId,
    closedOn,
    reason: 'support-completed',
    reasonDetail: null,
    goalOutcomes: {},
    youngPersonSatisfaction: null,
    parentCarerSatisfaction: null,
    youngPersonComments: 'I liked it',
    parentCarerComments: null,
    reopenedOn: null,
    reopenReason: null,
    createdAt: at(closedOn, 17),
    updatedAt: at(closedOn, 17),
    ...fields,
  };
}

const F_MOVES = [
  'basics-housing',
  'basics-money',
  'basics-safe',
  'basics-transport',
  'basics-diet',
  'basics-exercise',
  'basics-play',
  'belonging-somewhere',
  'belonging-make-friends',
];

/**
 * Seven young people; the report for 2026-01-01 to 2026-06-30 counts A, B, C, F and G.
 * - A (P1, closed 2026-02-20): 3 sessions; goals +5, +1 and a stopped goal -3.
 * - B (P2, open): first session 2026-04-01; a goal +3 and a goal with one rating.
 * - C (P1, closed 2026-03-15): no sessions, no referral date, a goal with no ratings.
 * - D (P1): first session and closing both in 2025: not counted.
 * - E (P2): first session 2026-07-05: not counted.
 * - F (P1, closed 2026-01-15 inside the range, first session before it): 9 sessions; a goal
 *   +7 with a stray rating after closing; an older closure that was reopened.
 * - G (no programme, open): one session, no goals.
 */
function reportFixture(): ServiceReportRecords {
  ratingCount = 0;
  const youngPeople = [
    person('A', { programme: 'P1', referralDate: '2025-12-01', closedOn: '2026-02-20' }),
    person('B', { programme: 'P2', referralDate: '2026-01-01' }),
    person('C', { programme: 'P1', referralDate: null, closedOn: '2026-03-15' }),
    person('D', { programme: 'P1', referralDate: '2025-06-01', closedOn: '2025-12-20' }),
    person('E', { programme: 'P2', referralDate: '2026-05-01' }),
    person('F', { programme: 'P1', referralDate: '2025-10-01', closedOn: '2026-01-15' }),
    person('G', { programme: null, referralDate: '2025-10-01' }),
  ];
  const goals = [
    goal('A1', 'A', ['coping'], 'achieved', '2026-01-03T09:00:00.000Z'),
    goal('A2', 'A', ['belonging', 'core-self'], 'active', '2026-01-03T09:01:00.000Z'),
    goal('A3', 'A', ['learning'], 'stopped', '2026-01-03T09:02:00.000Z'),
    goal('B1', 'B', ['coping', 'basics']),
    goal('B2', 'B', ['basics']),
    goal('C1', 'C', ['core-self']),
    goal('D1', 'D', ['learning']),
    goal('E1', 'E', ['learning']),
    goal('F1', 'F', ['learning']),
  ];
  const sessions = [
    session(
      'A-s1',
      'A',
      '2026-01-10',
      'school',
      ['core-self-know-yourself', 'coping-calm-down'],
      ['accepting'],
    ),
    session(
      'A-s2',
      'A',
      '2026-01-24',
      'outdoors',
      ['core-self-know-yourself', 'coping-calm-down', 'core-self-know-yourself'],
      ['accepting', 'commitment'],
    ),
    session('A-s3', 'A', '2026-02-07', 'school', ['core-self-know-yourself'], ['accepting']),
    session('B-s1', 'B', '2026-04-01', 'home', ['basics-sleep'], ['conserving']),
    session('D-s1', 'D', '2025-07-01', 'school', ['learning-mentors'], ['enlisting']),
    session('D-s2', 'D', '2025-08-01', 'school', ['learning-mentors'], ['enlisting']),
    session('E-s1', 'E', '2026-07-05', 'phone', ['learning-mentors'], ['enlisting']),
    ...F_MOVES.map((move, i) =>
      session(
        `F-s${i + 1}`,
        'F',
        `2025-11-${String(i + 1).padStart(2, '0')}`,
        'online',
        [move],
        i === 0 ? ['enlisting'] : [],
      ),
    ),
    session('G-s1', 'G', '2026-02-01', 'community', ['coping-calm-down']),
  ];
  const ratings = [
    rating('A1', 2, '2026-01-03'),
    rating('A1', 4, '2026-01-10', 12, 'A-s1'),
    rating('A1', 7, '2026-02-07', 12, 'A-s3'),
    rating('A2', 5, '2026-01-03'),
    // The closing rating, taken late on the closing day.
    rating('A2', 6, '2026-02-20', 23),
    rating('A3', 6, '2026-01-03'),
    rating('A3', 3, '2026-01-24', 12, 'A-s2'),
    rating('B1', 3, '2026-03-25'),
    rating('B1', 6, '2026-04-01', 12, 'B-s1'),
    rating('B2', 4, '2026-03-25'),
    rating('D1', 0, '2025-06-20'),
    rating('D1', 10, '2025-12-20'),
    rating('E1', 1, '2026-07-01'),
    rating('E1', 9, '2026-07-05'),
    rating('F1', 1, '2025-10-25'),
    rating('F1', 8, '2026-01-15'),
    // After the closing date (the next morning): not the closing score.
    rating('F1', 2, '2026-01-16', 0),
  ];
  const closures = [
    closure('A-c', 'A', '2026-02-20', {
      youngPersonSatisfaction: 9,
      parentCarerSatisfaction: 10,
      goalOutcomes: { A1: 'reached', A2: 'partly' },
    }),
    closure('C-c', 'C', '2026-03-15', { youngPersonSatisfaction: 7, reason: 'moved-away' }),
    closure('D-c', 'D', '2025-12-20', { youngPersonSatisfaction: 0, parentCarerSatisfaction: 0 }),
    closure('F-old', 'F', '2025-12-01', {
      youngPersonSatisfaction: 1,
      parentCarerSatisfaction: 1,
      reopenedOn: '2025-12-05',
      reopenReason: 'Asked for more help',
    }),
    closure('F-c', 'F', '2026-01-15', {
      youngPersonSatisfaction: 8,
      parentCarerSatisfaction: 9,
      goalOutcomes: { F1: 'reached' },
    }),
  ];
  return { youngPeople, goals, sessions, ratings, closures };
}

const RANGE = { from: '2026-01-01', to: '2026-06-30' } as const;

const ALL: ServiceReportOptions = { ...RANGE, programme: null, threshold: 3 };

describe('casesInReport', () => {
  it('counts cases whose first session or closing date falls in the range', () => {
    // D: first session and closing in 2025; E: first session in July.
    // F: first session in 2025 but closed in the range. C: no sessions, closed in the range.
    const ids = casesInReport(reportFixture(), ALL).map((c) => c.youngPerson.id);
    expect(ids).toEqual(['A', 'B', 'C', 'F', 'G']);
  });

  it('keeps to one programme when asked, leaving out cases with no programme', () => {
    const p1 = casesInReport(reportFixture(), { ...ALL, programme: 'P1' });
    expect(p1.map((c) => c.youngPerson.id)).toEqual(['A', 'C', 'F']);
    const p2 = casesInReport(reportFixture(), { ...ALL, programme: 'P2' });
    expect(p2.map((c) => c.youngPerson.id)).toEqual(['B']);
  });

  it('includes the first and last day of the range', () => {
    const records = reportFixture();
    expect(
      casesInReport(records, { ...ALL, from: '2026-04-01', to: '2026-04-01' }).map(
        (c) => c.youngPerson.id,
      ),
    ).toEqual(['B']);
    expect(
      casesInReport(records, { ...ALL, from: '2026-02-20', to: '2026-02-20' }).map(
        (c) => c.youngPerson.id,
      ),
    ).toEqual(['A']);
  });

  it('does not count a reopened case by its old closing date', () => {
    const records = reportFixture();
    const reopened = records.youngPeople.map((p) =>
      p.id === 'C' ? { ...p, status: 'open' as const, closedOn: null } : p,
    );
    const ids = casesInReport({ ...records, youngPeople: reopened }, ALL).map(
      (c) => c.youngPerson.id,
    );
    expect(ids).not.toContain('C');
  });
});

describe('buildServiceReport over the hand-worked caseload', () => {
  const report = buildServiceReport(reportFixture(), ALL);

  it('counts young people, closed cases and goals', () => {
    expect(report.youngPeople.value).toBe(5);
    expect(report.closedCases.value).toBe(3); // A, C, F
    expect(report.goals.value).toBe(7); // A 3, B 2, C 1, F 1, G 0
  });

  it('gives goals per young person: least, most and mean (goals / young people)', () => {
    expect(report.goalsPerYoungPerson.value).toEqual({ least: 0, most: 3, mean: 7 / 5 });
  });

  it('counts a goal in each of its domains and says how many goals have two or more', () => {
    const counts = Object.fromEntries(
      report.goalsPerDomain.value.domains.map((d) => [d.domain, d.count]),
    );
    // A1 coping; A2 belonging + core-self; A3 learning; B1 coping + basics; B2 basics;
    // C1 core-self; F1 learning.
    expect(counts).toEqual({ basics: 2, belonging: 1, learning: 2, coping: 2, 'core-self': 2 });
    expect(report.goalsPerDomain.value.multiDomainGoals).toBe(2);
    expect(report.goalsPerDomain.value.domains.map((d) => d.name)).toEqual([
      'Basics',
      'Belonging',
      'Learning',
      'Coping',
      'Core Self',
    ]);
  });

  it('works out baseline, closing score and change over goals with two ratings', () => {
    // Paired goals: A1 2->7 (+5), A2 5->6 (+1, closing rating late on the closing day),
    // A3 6->3 (-3, stopped before closure), B1 3->6 (+3, open case: latest),
    // F1 1->8 (+7; the rating of 2 the day after closing does not count).
    // Not paired: B2 (one rating), C1 (no ratings).
    expect(report.meanBaseline.value).toBeCloseTo(17 / 5);
    expect(report.meanClosingScore.value).toBeCloseTo(30 / 5);
    expect(report.meanChange.value).toBeCloseTo(13 / 5);
    expect(report.meanChange.basis).toEqual({
      count: 5,
      unit: 'goals with two ratings',
      closedCases: 2, // A and F; B is open, C has no paired goal
    });
  });

  it('gives the shares of goals improved, reliably improved and reliably deteriorated', () => {
    expect(report.goalsImproved.value).toBeCloseTo(4 / 5); // +5, +1, +3, +7
    expect(report.goalsReliablyImproved.value).toBeCloseTo(3 / 5); // +5, +3 (exactly 3), +7
    expect(report.goalsReliablyDeteriorated.value).toBeCloseTo(1 / 5); // -3 (exactly -3)
  });

  it('gives the same per young person', () => {
    // A: +5, +1, -3 (mean +1: improved; a reliable deterioration, so not reliably improved).
    // B: +3 (reliable improvement). F: +7 (reliable improvement).
    expect(report.youngPeopleImproved.value).toBeCloseTo(3 / 3);
    expect(report.youngPeopleReliablyImproved.value).toBeCloseTo(2 / 3);
    expect(report.youngPeopleReliablyDeteriorated.value).toBeCloseTo(1 / 3);
    expect(report.youngPeopleImproved.basis).toEqual({
      count: 3,
      unit: 'young people with a goal with two ratings',
      closedCases: 2,
    });
  });

  it('counts sessions and the share in each place', () => {
    expect(report.sessions.value).toBe(14); // A 3, B 1, C 0, F 9, G 1
    const byPlace = Object.fromEntries(
      report.sessionLocations.value.map((l) => [l.location, [l.count, l.share]]),
    );
    expect(byPlace).toEqual({
      school: [2, 2 / 14],
      home: [1, 1 / 14],
      outdoors: [1, 1 / 14],
      community: [1, 1 / 14],
      online: [9, 9 / 14],
      phone: [0, 0],
      other: [0, 0],
    });
  });

  it('works out length of support from closed cases, a case with no sessions included', () => {
    // A 3 sessions, C 0, F 9.
    expect(report.meanSessionsPerClosedCase.value).toBeCloseTo(12 / 3);
    expect(report.closedWithinEightSessions.value).toBeCloseTo(2 / 3);
    expect(report.closedWithinEightSessions.basis).toEqual({
      count: 3,
      unit: 'closed cases',
      closedCases: 3,
    });
  });

  it('works out waiting time from referral to first session', () => {
    // A 2025-12-01 -> 2026-01-10: 40 days; B 2026-01-01 -> 2026-04-01: 90;
    // F 2025-10-01 -> 2025-11-01: 31; G 2025-10-01 -> 2026-02-01: 123; C has no referral date.
    expect(report.meanWaitingDays.value).toBeCloseTo((40 + 90 + 31 + 123) / 4);
    expect(report.seenWithin56Days.value).toBeCloseTo(2 / 4);
    expect(report.seenWithin126Days.value).toBeCloseTo(4 / 4);
    expect(report.seenWithin56Days.basis).toEqual({
      count: 4,
      unit: 'cases with a referral date and a session',
      closedCases: null,
    });
  });

  it('averages satisfaction from the closure in force, not from a reopened one', () => {
    // Young people: A 9, C 7, F 8 (F's reopened closure gave 1). Parents: A 10, F 9.
    expect(report.meanYoungPersonSatisfaction.value).toBeCloseTo(8);
    expect(report.meanYoungPersonSatisfaction.basis.count).toBe(3);
    expect(report.meanParentCarerSatisfaction.value).toBeCloseTo(9.5);
    expect(report.meanParentCarerSatisfaction.basis).toEqual({
      count: 2,
      unit: "parents' and carers' scores",
      closedCases: 2,
    });
  });

  it('lists the ten moves made in most sessions, once per session, ties in framework order', () => {
    expect(report.topMoves.value.map((m) => [m.moveId, m.count])).toEqual([
      ['coping-calm-down', 3], // A-s1, A-s2, G-s1
      ['core-self-know-yourself', 3], // A-s1, A-s2 (twice in it: once), A-s3
      ['basics-housing', 1],
      ['basics-money', 1],
      ['basics-safe', 1],
      ['basics-transport', 1],
      ['basics-diet', 1],
      ['basics-exercise', 1],
      ['basics-sleep', 1],
      ['basics-play', 1],
    ]);
    expect(report.topMoves.value[0]?.name).toBe('Calming down and self-soothing');
  });

  it('counts the noble truths drawn on, most first', () => {
    expect(report.nobleTruths.value.map((t) => [t.name, t.count])).toEqual([
      ['Accepting', 3],
      ['Conserving', 1],
      ['Commitment', 1],
      ['Enlisting', 1],
    ]);
  });

  it('flags figures resting on fewer than 10 closed cases, and never plain counts', () => {
    expect(restsOnFewClosedCases(report.meanChange)).toBe(true);
    expect(restsOnFewClosedCases(report.closedWithinEightSessions)).toBe(true);
    expect(restsOnFewClosedCases(report.meanYoungPersonSatisfaction)).toBe(true);
    expect(restsOnFewClosedCases(report.sessions)).toBe(false);
    expect(restsOnFewClosedCases(report.youngPeople)).toBe(false);
  });
});

describe('buildServiceReport by programme', () => {
  it('gives the figures of one programme', () => {
    const p1 = buildServiceReport(reportFixture(), { ...ALL, programme: 'P1' });
    expect(p1.youngPeople.value).toBe(3);
    expect(p1.goals.value).toBe(5);
    // A1 +5, A2 +1, A3 -3, F1 +7
    expect(p1.meanChange.value).toBeCloseTo(10 / 4);
    expect(p1.sessions.value).toBe(12);
    const p2 = buildServiceReport(reportFixture(), { ...ALL, programme: 'P2' });
    expect(p2.youngPeople.value).toBe(1);
    expect(p2.meanChange.value).toBe(3);
    expect(p2.closedCases.value).toBe(0);
    expect(p2.closedWithinEightSessions.value).toBeNull();
    expect(p2.meanChange.basis.closedCases).toBe(0);
    expect(restsOnFewClosedCases(p2.meanChange)).toBe(true);
  });
});

describe('buildServiceReport edge cases', () => {
  it('gives nothing to average when no case falls in the range', () => {
    const empty = buildServiceReport(reportFixture(), {
      ...ALL,
      from: '2030-01-01',
      to: '2030-12-31',
    });
    expect(empty.youngPeople.value).toBe(0);
    expect(empty.goals.value).toBe(0);
    expect(empty.goalsPerYoungPerson.value).toBeNull();
    expect(empty.meanBaseline.value).toBeNull();
    expect(empty.meanChange.value).toBeNull();
    expect(empty.goalsImproved.value).toBeNull();
    expect(empty.youngPeopleImproved.value).toBeNull();
    expect(empty.meanWaitingDays.value).toBeNull();
    expect(empty.meanYoungPersonSatisfaction.value).toBeNull();
    expect(empty.sessionLocations.value.every((l) => l.share === null)).toBe(true);
    expect(empty.topMoves.value).toEqual([]);
    expect(empty.nobleTruths.value.every((t) => t.count === 0)).toBe(true);
  });

  it('leaves goals with no ratings or one rating out of change but counts them as goals', () => {
    const records = {
      youngPeople: [person('X', { programme: null, referralDate: null, closedOn: '2026-02-01' })],
      goals: [goal('X1', 'X', ['coping']), goal('X2', 'X', ['coping'])],
      sessions: [],
      ratings: [rating('X2', 4, '2026-01-05')],
      closures: [closure('X-c', 'X', '2026-02-01')],
    };
    const report = buildServiceReport(records, ALL);
    expect(report.goals.value).toBe(2);
    expect(report.meanBaseline.value).toBeNull();
    expect(report.meanChange.basis.count).toBe(0);
    expect(report.sessions.value).toBe(0);
    expect(report.closedWithinEightSessions.value).toBe(1);
    expect(report.meanSessionsPerClosedCase.value).toBe(0);
    expect(report.meanWaitingDays.value).toBeNull();
  });

  it('uses the service threshold for reliable change', () => {
    const records = {
      youngPeople: [person('X', { programme: null, referralDate: null })],
      goals: [goal('X1', 'X', ['coping']), goal('X2', 'X', ['learning'])],
      sessions: [session('X-s1', 'X', '2026-01-10', 'school')],
      ratings: [
        rating('X1', 2, '2026-01-01'),
        rating('X1', 5, '2026-01-10'), // +3
        rating('X2', 6, '2026-01-01'),
        rating('X2', 3, '2026-01-10'), // -3
      ],
      closures: [],
    };
    const strict = buildServiceReport(records, { ...ALL, threshold: 3.5 });
    expect(strict.goalsReliablyImproved.value).toBe(0);
    expect(strict.goalsReliablyDeteriorated.value).toBe(0);
    expect(strict.youngPeopleReliablyImproved.value).toBe(0);
    const lenient = buildServiceReport(records, { ...ALL, threshold: 2.45 });
    expect(lenient.goalsReliablyImproved.value).toBe(0.5);
    expect(lenient.goalsReliablyDeteriorated.value).toBe(0.5);
    // Any reliable deterioration makes the young person's change a deterioration.
    expect(lenient.youngPeopleReliablyImproved.value).toBe(0);
    expect(lenient.youngPeopleReliablyDeteriorated.value).toBe(1);
  });
});

describe('pairedScores', () => {
  it('takes the latest rating on or before the closing date as the closing score', () => {
    const ratings = [
      rating('g', 3, '2026-01-01'),
      rating('g', 7, '2026-03-01', 23),
      rating('g', 9, '2026-03-02', 0),
    ];
    expect(pairedScores(ratings, '2026-03-01')).toEqual({ baseline: 3, closing: 7, change: 4 });
    expect(pairedScores(ratings, null)).toEqual({ baseline: 3, closing: 9, change: 6 });
  });

  it('needs two ratings up to closing', () => {
    const ratings = [rating('g', 3, '2026-01-01'), rating('g', 7, '2026-03-05')];
    expect(pairedScores(ratings, '2026-03-01')).toBeNull();
    expect(pairedScores([], null)).toBeNull();
  });

  it('orders by when rated, not by the order given', () => {
    const ratings = [rating('g', 8, '2026-02-01'), rating('g', 2, '2026-01-01')];
    expect(pairedScores(ratings, null)).toEqual({ baseline: 2, closing: 8, change: 6 });
  });
});

describe('helpers', () => {
  it('lists the programmes present, sorted, once each', () => {
    expect(programmesOf(reportFixture().youngPeople)).toEqual(['P1', 'P2']);
  });

  it('finds the closure in force for a closed case only', () => {
    const records = reportFixture();
    const f = records.youngPeople.find((p) => p.id === 'F');
    const b = records.youngPeople.find((p) => p.id === 'B');
    if (!f || !b) throw new Error('fixture changed');
    expect(currentClosure(f, records.closures)?.id).toBe('F-c');
    expect(currentClosure(b, records.closures)).toBeNull();
    const reopenedOnly = records.closures.filter((c) => c.id === 'F-old');
    expect(currentClosure(f, reopenedOnly)).toBeNull();
  });

  it('counts a goal linked twice to one domain once', () => {
    const result = goalsPerDomain([goal('g', 'X', ['coping', 'coping'])]);
    expect(result.multiDomainGoals).toBe(0);
    expect(result.domains.find((d) => d.domain === 'coping')?.count).toBe(1);
  });

  it('skips moves this version does not know', () => {
    const s = session('s', 'X', '2026-01-01', 'school', ['not-a-move', 'coping-brave']);
    expect(topMoves([s]).map((m) => m.moveId)).toEqual(['coping-brave']);
  });

  it('makes instants from local times', () => {
    expect(new Date(at('2026-03-01', 23)).getDate()).toBe(1);
  });
});

describe('the fictional service data set', () => {
  const data = buildFakeService();

  it('has exactly the service size', () => {
    expect(data.youngPeople).toHaveLength(SERVICE_SIZE.youngPeople);
    expect(data.goals).toHaveLength(SERVICE_SIZE.goals);
    expect(data.sessions).toHaveLength(SERVICE_SIZE.sessions);
    expect(data.ratings).toHaveLength(SERVICE_SIZE.ratings);
    expect(data.closures.length).toBe(data.youngPeople.filter((p) => p.status === 'closed').length);
  });

  it('is the same every time for the same seed, and different for another', () => {
    expect(buildFakeService()).toEqual(data);
    expect(buildFakeService(SERVICE_SIZE, 7).ratings).not.toEqual(data.ratings);
  });

  it('holds only valid records with unique ids', () => {
    for (const [schema, rows] of [
      [youngPersonSchema, data.youngPeople],
      [goalSchema, data.goals],
      [sessionSchema, data.sessions],
      [ratingSchema, data.ratings],
      [closureSchema, data.closures],
    ] as const) {
      for (const row of rows) expect(schema.safeParse(row).success).toBe(true);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    }
  });

  it('makes a report over every case', () => {
    const report = buildServiceReport(data, {
      from: '2000-01-01',
      to: '2100-12-31',
      programme: null,
      threshold: 3,
    });
    expect(report.youngPeople.value).toBe(300);
    expect(report.goals.value).toBe(1200);
    expect(report.sessions.value).toBe(6000);
    expect(report.closedCases.value).toBe(data.closures.length);
    expect(report.meanChange.basis.count).toBeGreaterThan(1000);
    expect(restsOnFewClosedCases(report.meanChange)).toBe(false);
  });
});
