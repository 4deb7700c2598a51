import { describe, expect, it } from 'vitest';
import {
  buildGoalSummary,
  currentClosure,
  domainsInSummary,
  initialsOf,
  journeyCheer,
  journeyLine,
  ownJourneyRow,
  moveCounts,
  nobleTruthCounts,
  summaryCsv,
  summaryFileName,
  SUMMARY_CSV_COLUMNS,
  type GoalSummaryInput,
} from '../../../src/domain/summary';
import type {
  Closure,
  Goal,
  Rater,
  Rating,
  Session,
  YoungPerson,
} from '../../../src/domain/schemas';

const STAMP = '2026-01-05T12:00:00.000Z';

function youngPerson(overrides: Partial<YoungPerson> = {}): YoungPerson {
  return {
    id: 'yp1',
    name: 'Kai Brown',
    dateOfBirth: '2013-04-01',
    school: 'Hillside',
    programme: 'Back on Track',
    referralDate: '2026-01-02',
    status: 'open',
    closedOn: null,
    closureReason: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

function goal(id: string, overrides: Partial<Goal> = {}): Goal {
  return {
    id,
    youngPersonId: 'yp1',
    text: `Goal ${id}`,
    domains: ['coping'],
    moves: [],
    setBy: 'together',
    status: 'active',
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

// Midday UTC keeps the local calendar date the same in any time zone within 11 hours of UTC.
function rating(
  id: string,
  goalId: string,
  day: string,
  score: number,
  ratedBy: Rater = 'young-person',
  sessionId: string | null = null,
): Rating {
  const ratedAt = `${day}T12:00:00.000Z`;
  return { id, goalId, sessionId, score, ratedAt, ratedBy, updatedAt: ratedAt };
}

function session(id: string, date: string, overrides: Partial<Session> = {}): Session {
  return {
    id,
    youngPersonId: 'yp1',
    date,
    durationMinutes: 60,
    location: 'school',
    moves: [],
    nobleTruths: [],
    notes: '',
    createdAt: `${date}T12:00:00.000Z`,
    updatedAt: `${date}T12:00:00.000Z`,
    ...overrides,
  };
}

function closure(overrides: Partial<Closure> = {}): Closure {
  return {
    id: 'c1',
    youngPersonId: 'yp1',
    closedOn: '2026-03-01',
    reason: 'support-completed',
    reasonDetail: null,
    goalOutcomes: {},
    youngPersonSatisfaction: null,
    parentCarerSatisfaction: null,
    youngPersonComments: null,
    parentCarerComments: null,
    reopenedOn: null,
    reopenReason: null,
    createdAt: '2026-03-01T12:00:00.000Z',
    updatedAt: '2026-03-01T12:00:00.000Z',
    ...overrides,
  };
}

function input(overrides: Partial<GoalSummaryInput> = {}): GoalSummaryInput {
  return {
    youngPerson: youngPerson(),
    goals: [],
    sessions: [],
    closure: null,
    threshold: 3,
    ...overrides,
  };
}

/** A closed case: referral 2 Jan, sessions 10 Jan .. 20 Feb, closed 1 Mar 2026. */
function closedCase(): GoalSummaryInput {
  const closed = youngPerson({
    status: 'closed',
    closedOn: '2026-03-01',
    closureReason: 'Support completed',
  });
  return input({
    youngPerson: closed,
    goals: [
      {
        // 2 -> 5 -> 7 (closing rating on the closing day): +5, reliable improvement.
        goal: goal('g1', {
          text: 'Feel calmer in class',
          domains: ['core-self', 'coping'],
          moves: ['core-self-know-yourself', 'coping-calm-down'],
          status: 'achieved',
        }),
        ratings: [
          rating('r3', 'g1', '2026-03-01', 7, 'coach'),
          rating('r1', 'g1', '2026-01-10', 2),
          rating('r2', 'g1', '2026-02-01', 5, 'young-person', 's2'),
        ],
      },
      {
        // 6 -> 4: -2, no reliable change.
        goal: goal('g2', { domains: ['belonging'] }),
        ratings: [rating('r4', 'g2', '2026-01-10', 6), rating('r5', 'g2', '2026-03-01', 4)],
      },
      {
        // One rating only: no change.
        goal: goal('g3', { status: 'stopped', domains: ['learning'] }),
        ratings: [rating('r6', 'g3', '2026-01-20', 3)],
      },
      {
        // No ratings at all.
        goal: goal('g4', { domains: ['coping'] }),
        ratings: [],
      },
    ],
    sessions: [
      session('s3', '2026-02-20', {
        moves: ['core-self-know-yourself', 'basics-housing'],
        nobleTruths: ['accepting', 'commitment'],
      }),
      session('s1', '2026-01-10', {
        moves: ['coping-calm-down', 'core-self-know-yourself'],
        nobleTruths: ['accepting'],
      }),
      session('s2', '2026-02-01', {
        moves: ['core-self-know-yourself', 'coping-calm-down', 'not-a-move'],
        nobleTruths: ['accepting', 'enlisting'],
      }),
    ],
    closure: closure({
      goalOutcomes: { g1: 'reached', g2: 'not-yet' },
      youngPersonSatisfaction: 9,
      parentCarerSatisfaction: 10,
      youngPersonComments: 'It helped, "a lot", thanks',
      parentCarerComments: null,
    }),
  });
}

describe('buildGoalSummary: the case', () => {
  it('gives the name, initials, programme, referral date and closing details', () => {
    const summary = buildGoalSummary(closedCase());
    expect(summary).toMatchObject({
      youngPersonId: 'yp1',
      name: 'Kai Brown',
      initials: 'KB',
      programme: 'Back on Track',
      referralDate: '2026-01-02',
      status: 'closed',
      closedOn: '2026-03-01',
      closureReason: 'support-completed',
      closureReasonText: 'Support completed',
      threshold: 3,
    });
  });

  it('counts sessions, the first and last, and the days of support to the closing date', () => {
    const summary = buildGoalSummary(closedCase());
    expect(summary.sessionCount).toBe(3);
    expect(summary.firstSessionDate).toBe('2026-01-10');
    expect(summary.lastSessionDate).toBe('2026-02-20');
    // 10 Jan to 1 Mar 2026: 21 + 28 + 1 = 50 days.
    expect(summary.supportDays).toBe(50);
  });

  it('measures the support of an open case to its last session', () => {
    const summary = buildGoalSummary(
      input({ sessions: [session('a', '2026-01-10'), session('b', '2026-01-17')] }),
    );
    expect(summary.closedOn).toBeNull();
    expect(summary.supportDays).toBe(7);
    expect(summary.closureReasonText).toBeNull();
  });

  it('handles a case with no sessions', () => {
    const summary = buildGoalSummary(input());
    expect(summary.sessionCount).toBe(0);
    expect(summary.firstSessionDate).toBeNull();
    expect(summary.lastSessionDate).toBeNull();
    expect(summary.supportDays).toBeNull();
    expect(summary.topMoves).toEqual([]);
    expect(summary.nobleTruths).toEqual([]);
    expect(summary.goals).toEqual([]);
  });

  it('takes satisfaction and comments from the closure, and none without one', () => {
    const summary = buildGoalSummary(closedCase());
    expect(summary.youngPersonSatisfaction).toBe(9);
    expect(summary.parentCarerSatisfaction).toBe(10);
    expect(summary.youngPersonComments).toBe('It helped, "a lot", thanks');
    expect(summary.parentCarerComments).toBeNull();
    const open = buildGoalSummary(input());
    expect(open.youngPersonSatisfaction).toBeNull();
    expect(open.parentCarerSatisfaction).toBeNull();
  });

  it('gives the detail as the reason when the reason is "other"', () => {
    const data = closedCase();
    const summary = buildGoalSummary({
      ...data,
      closure: closure({ reason: 'other', reasonDetail: 'Started college' }),
    });
    expect(summary.closureReason).toBe('other');
    expect(summary.closureReasonText).toBe('Started college');
  });

  it("falls back on the young person's closure reason when there is no closure record", () => {
    const summary = buildGoalSummary({ ...closedCase(), closure: null });
    expect(summary.closureReasonText).toBe('Support completed');
    expect(summary.closureReason).toBeNull();
  });
});

describe('buildGoalSummary: goals', () => {
  it('gives each goal its words, domains and moves in framework order', () => {
    const [first] = buildGoalSummary(closedCase()).goals;
    expect(first).toMatchObject({
      goalId: 'g1',
      number: 1,
      text: 'Feel calmer in class',
      domains: ['coping', 'core-self'],
      moves: ['coping-calm-down', 'core-self-know-yourself'],
      status: 'achieved',
      setBy: 'together',
    });
  });

  it('takes the earliest rating as baseline and the latest as closing score', () => {
    const [first] = buildGoalSummary(closedCase()).goals;
    expect(first?.ratings.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(first?.baseline).toEqual({ score: 2, date: '2026-01-10', ratedBy: 'young-person' });
    expect(first?.closing).toEqual({ score: 7, date: '2026-03-01', ratedBy: 'coach' });
    expect(first?.change).toBe(5);
    expect(first?.reliableChange).toBe('improvement');
    expect(first?.outcome).toBe('reached');
  });

  it('judges a change smaller than the threshold as no reliable change', () => {
    const second = buildGoalSummary(closedCase()).goals[1];
    expect(second?.change).toBe(-2);
    expect(second?.reliableChange).toBe('none');
    expect(second?.outcome).toBe('not-yet');
  });

  it('uses the threshold given: a -2 is a reliable deterioration at 2', () => {
    const second = buildGoalSummary({ ...closedCase(), threshold: 2 }).goals[1];
    expect(second?.reliableChange).toBe('deterioration');
  });

  it('works with a decimal threshold such as 2.45', () => {
    const summary = buildGoalSummary({ ...closedCase(), threshold: 2.45 });
    expect(summary.goals[0]?.reliableChange).toBe('improvement');
    expect(summary.goals[1]?.reliableChange).toBe('none');
  });

  it('gives no change for a goal with one rating (a goal stopped before closure)', () => {
    const third = buildGoalSummary(closedCase()).goals[2];
    expect(third?.status).toBe('stopped');
    expect(third?.baseline?.score).toBe(3);
    expect(third?.closing?.score).toBe(3);
    expect(third?.change).toBeNull();
    expect(third?.reliableChange).toBeNull();
    expect(third?.outcome).toBeNull();
  });

  it('gives nothing for a goal with no ratings', () => {
    const fourth = buildGoalSummary(closedCase()).goals[3];
    expect(fourth).toMatchObject({
      ratings: [],
      baseline: null,
      closing: null,
      change: null,
      reliableChange: null,
    });
  });

  it('ignores ratings after the closing date (a reopened and closed case)', () => {
    const data = closedCase();
    const [g1] = data.goals;
    if (!g1) throw new Error('fixture');
    const later = rating('late', 'g1', '2026-04-01', 1);
    const summary = buildGoalSummary({
      ...data,
      goals: [{ goal: g1.goal, ratings: [...g1.ratings, later] }],
    });
    expect(summary.goals[0]?.closing?.score).toBe(7);
    expect(summary.goals[0]?.ratings).toHaveLength(3);
  });

  it('takes the latest rating of an open case as its closing score', () => {
    const summary = buildGoalSummary(
      input({
        goals: [
          {
            goal: goal('g1'),
            ratings: [rating('a', 'g1', '2026-01-10', 4), rating('b', 'g1', '2026-06-01', 8)],
          },
        ],
      }),
    );
    expect(summary.goals[0]?.closing?.score).toBe(8);
    expect(summary.goals[0]?.change).toBe(4);
    expect(summary.goals[0]?.reliableChange).toBe('improvement');
    expect(summary.goals[0]?.outcome).toBeNull();
  });

  it('numbers the goals in the order they were set', () => {
    const summary = buildGoalSummary(
      input({
        goals: [
          { goal: goal('later', { createdAt: '2026-02-01T12:00:00.000Z' }), ratings: [] },
          { goal: goal('sooner', { createdAt: '2026-01-01T12:00:00.000Z' }), ratings: [] },
        ],
      }),
    );
    expect(summary.goals.map((g) => [g.number, g.goalId])).toEqual([
      [1, 'sooner'],
      [2, 'later'],
    ]);
  });

  it('lists the domains any goal links to, in framework order', () => {
    expect(domainsInSummary(buildGoalSummary(closedCase()))).toEqual([
      'belonging',
      'learning',
      'coping',
      'core-self',
    ]);
  });
});

describe('moves and noble truths', () => {
  it('counts the moves made most in sessions, most first, unknown ids left out', () => {
    expect(buildGoalSummary(closedCase()).topMoves).toEqual([
      { id: 'core-self-know-yourself', count: 3 },
      { id: 'coping-calm-down', count: 2 },
      { id: 'basics-housing', count: 1 },
    ]);
  });

  it('lists at most five moves, ties in framework order', () => {
    const moves = [
      'core-self-hope',
      'coping-laugh',
      'learning-mentors',
      'belonging-good-influences',
      'basics-housing',
      'basics-money',
    ];
    const counts = moveCounts([session('a', '2026-01-10', { moves })]);
    expect(counts.map((c) => c.id)[0]).toBe('basics-housing');
    const summary = buildGoalSummary(
      input({ sessions: [session('a', '2026-01-10', { moves: ['basics-housing', ...moves] })] }),
    );
    expect(summary.topMoves).toHaveLength(5);
    expect(summary.topMoves[0]).toEqual({ id: 'basics-housing', count: 1 });
  });

  it('counts a move once per session even if listed twice', () => {
    expect(
      moveCounts([session('a', '2026-01-10', { moves: ['basics-housing', 'basics-housing'] })]),
    ).toEqual([{ id: 'basics-housing', count: 1 }]);
  });

  it('counts the noble truths drawn on, most first, leaving out those never used', () => {
    expect(buildGoalSummary(closedCase()).nobleTruths).toEqual([
      { id: 'accepting', count: 3 },
      { id: 'commitment', count: 1 },
      { id: 'enlisting', count: 1 },
    ]);
    expect(nobleTruthCounts([])).toEqual([]);
  });
});

describe('currentClosure', () => {
  const closed = youngPerson({ status: 'closed', closedOn: '2026-06-01' });

  it('is null for an open case', () => {
    expect(currentClosure(youngPerson(), [closure()])).toBeNull();
  });

  it('is the newest closure not reopened', () => {
    const older = closure({ id: 'old', closedOn: '2026-03-01', reopenedOn: '2026-04-01' });
    const newer = closure({ id: 'new', closedOn: '2026-06-01' });
    expect(currentClosure(closed, [older, newer])?.id).toBe('new');
    expect(currentClosure(closed, [older])).toBeNull();
  });
});

describe('initialsOf', () => {
  it.each([
    ['Kai Brown', 'KB'],
    ['kai', 'K'],
    ['KB', 'KB'],
    ['Mary-Jane Watson', 'MJW'],
    ['Demo: Kai', 'DK'],
    ['  ', 'YP'],
    ['Zoë', 'Z'],
  ])('%s -> %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe('summaryCsv', () => {
  it('has the documented header and one row per goal', () => {
    const lines = summaryCsv(buildGoalSummary(closedCase())).split('\r\n');
    expect(lines[0]).toBe(SUMMARY_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 4 + 1); // header, four goals, the empty string after the last CRLF
  });

  it('writes the figures of each goal', () => {
    const lines = summaryCsv(buildGoalSummary(closedCase())).split('\r\n');
    expect(lines[1]).toBe(
      [
        'Kai Brown',
        'Back on Track',
        '2026-01-02',
        'closed',
        '2026-03-01',
        'Support completed',
        '2026-01-10',
        '2026-02-20',
        '3',
        '50',
        '1',
        'Feel calmer in class',
        'Coping; Core Self',
        'Calming down and self-soothing; Help the young person to know themselves',
        'Together',
        'Achieved',
        '3',
        '2',
        '2026-01-10',
        'Young person',
        '7',
        '2026-03-01',
        'Coach',
        '5',
        'Reliable improvement',
        '3',
        'Reached',
        '9',
        '10',
        '"It helped, ""a lot"", thanks"',
        '',
      ].join(','),
    );
  });

  it('keeps a negative change a number and leaves missing figures empty', () => {
    const lines = summaryCsv(buildGoalSummary(closedCase())).split('\r\n');
    const change = SUMMARY_CSV_COLUMNS.indexOf('change');
    expect(lines[2]?.split(',')[change]).toBe('-2');
    const fourth = lines[4]?.split(',') ?? [];
    expect(fourth[SUMMARY_CSV_COLUMNS.indexOf('baseline')]).toBe('');
    expect(fourth[SUMMARY_CSV_COLUMNS.indexOf('change')]).toBe('');
    expect(fourth[SUMMARY_CSV_COLUMNS.indexOf('reliable_change')]).toBe('');
  });

  it('neutralises a goal written like a formula', () => {
    const data = closedCase();
    const summary = buildGoalSummary({
      ...data,
      goals: [{ goal: goal('g1', { text: '=1+1 is easy' }), ratings: [] }],
    });
    expect(summaryCsv(summary)).toContain(",'=1+1 is easy,");
  });

  it('is only a header when there are no goals, and can start with a BOM', () => {
    const csv = summaryCsv(buildGoalSummary(input()), { bom: true });
    expect(csv).toBe(`\uFEFF${SUMMARY_CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('summaryFileName', () => {
  it("names the file by the start of the young person's id and the date, never the name", () => {
    const summary = buildGoalSummary(closedCase());
    const name = summaryFileName(summary, '2026-03-02', 'csv');
    expect(name).toBe(`summary-${summary.youngPersonId.slice(0, 8)}-2026-03-02.csv`);
    expect(name).not.toContain(summary.initials);
    expect(name).not.toContain(summary.name.split(' ')[0]);
  });

  it('keeps the extension asked for', () => {
    const summary = buildGoalSummary(input({ youngPerson: youngPerson({ name: 'Émile' }) }));
    expect(summaryFileName(summary, '2026-03-02', 'json')).toMatch(
      /^summary-[\w-]+-2026-03-02\.json$/,
    );
  });
});

describe('journeyLine and journeyCheer', () => {
  const rows = buildGoalSummary(closedCase()).goals;

  it('celebrates a goal that went up and was reached', () => {
    const [first] = rows;
    if (!first) throw new Error('fixture');
    expect(journeyLine(first)).toBe('You started at 2 and got to 7!');
    expect(journeyCheer(first)).toBe('You reached this goal!');
  });

  it('is kind about a goal that went down', () => {
    const second = rows[1];
    if (!second) throw new Error('fixture');
    expect(journeyLine(second)).toBe(
      "You started at 6 and you're at 4 now. Things go up and down, and you kept going.",
    );
    expect(journeyCheer(second)).toBeNull();
  });

  it('speaks of the start alone with one rating, and of beginning with none', () => {
    const [third, fourth] = [rows[2], rows[3]];
    if (!third || !fourth) throw new Error('fixture');
    expect(journeyLine(third)).toBe('You started at 3.');
    expect(journeyLine(fourth)).toBe('Your journey with this goal is just beginning.');
  });

  it('counts the steps of a goal moving on, and holds steady without change', () => {
    const summary = buildGoalSummary(
      input({
        goals: [
          {
            goal: goal('a'),
            ratings: [rating('1', 'a', '2026-01-10', 4), rating('2', 'a', '2026-02-10', 5)],
          },
          {
            goal: goal('b'),
            ratings: [rating('3', 'b', '2026-01-10', 4), rating('4', 'b', '2026-02-10', 4)],
          },
        ],
      }),
    );
    const [a, b] = summary.goals;
    if (!a || !b) throw new Error('fixture');
    expect(journeyCheer(a)).toBe("That's 1 step closer. Well done!");
    expect(journeyLine(b)).toBe('You started at 4 and held steady at 4.');
    expect(journeyCheer(b)).toBeNull();
  });
});

describe('ownJourneyRow', () => {
  it("keeps only the young person's own scores", () => {
    const [first] = buildGoalSummary(closedCase()).goals;
    if (!first) throw new Error('fixture');
    const own = ownJourneyRow(first);
    expect(own.ratings.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(own.baseline?.score).toBe(2);
    expect(own.closing?.score).toBe(5);
    expect(own.change).toBe(3);
    expect(own.outcome).toBe('reached');
    expect(journeyLine(own)).toBe('You started at 2 and got to 5!');
  });

  it('has nothing to show when the young person never rated the goal', () => {
    const row = buildGoalSummary(
      input({
        goals: [{ goal: goal('a'), ratings: [rating('1', 'a', '2026-01-10', 4, 'coach')] }],
      }),
    ).goals[0];
    if (!row) throw new Error('fixture');
    const own = ownJourneyRow(row);
    expect(own.baseline).toBeNull();
    expect(journeyLine(own)).toBe('Your journey with this goal is just beginning.');
  });
});
