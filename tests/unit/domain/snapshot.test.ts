import { describe, expect, it } from 'vitest';
import { UTF8_BOM } from '../../../src/domain/csv';
import type { ServiceReportRecords } from '../../../src/domain/report';
import type { Closure, Goal, Rating, Session, YoungPerson } from '../../../src/domain/schemas';
import {
  MIN_EXPORT_CASES,
  SNAPSHOT_CASE_COLUMNS,
  buildEvaluationSnapshot,
  caseNumber,
  evaluationSnapshotCsv,
} from '../../../src/domain/snapshot';

const STAMP = '2025-01-01T00:00:00.000Z';
const RANGE = { from: '2026-01-01', to: '2026-12-31', programme: null };

function at(date: string, hour = 12): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, hour).toISOString();
}

function person(id: string, name: string, fields: Partial<YoungPerson>): YoungPerson {
  return {
    id,
    name,
    dateOfBirth: '2012-05-05',
    school: 'Fictional School',
    programme: 'Walk and Talk',
    referralDate: '2025-12-10',
    status: 'open',
    closedOn: null,
    closureReason: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...fields,
  };
}

function goal(id: string, youngPersonId: string, createdAt: string, fields: Partial<Goal>): Goal {
  return {
    id,
    youngPersonId,
    text: `Secret words of goal ${id}`,
    domains: ['coping'],
    moves: [],
    setBy: 'young-person',
    status: 'active',
    createdAt,
    updatedAt: createdAt,
    ...fields,
  };
}

function rating(
  id: string,
  goalId: string,
  score: number,
  ratedAt: string,
  sessionId: string | null = null,
): Rating {
  return { id, goalId, sessionId, score, ratedAt, ratedBy: 'young-person', updatedAt: ratedAt };
}

function session(id: string, youngPersonId: string, date: string): Session {
  return {
    id,
    youngPersonId,
    date,
    durationMinutes: 45,
    location: 'outdoors',
    moves: [],
    nobleTruths: [],
    notes: 'Private notes',
    createdAt: at(date),
    updatedAt: at(date),
  };
}

function closure(
  id: string,
  youngPersonId: string,
  closedOn: string,
  fields: Partial<Closure>,
): Closure {
  return {
    id,
    youngPersonId,
    closedOn,
    reason: 'support-completed',
    reasonDetail: 'Private detail',
    goalOutcomes: {},
    youngPersonSatisfaction: null,
    parentCarerSatisfaction: null,
    youngPersonComments: 'Private comment',
    parentCarerComments: 'Another private comment',
    reopenedOn: null,
    reopenReason: null,
    createdAt: at(closedOn, 17),
    updatedAt: at(closedOn, 17),
    ...fields,
  };
}

/** Mia (closed in March, two goals), Zak (closed in February, one goal), Ola (open). */
function records(): ServiceReportRecords {
  return {
    youngPeople: [
      person('mia', 'Mia', { status: 'closed', closedOn: '2026-03-20' }),
      person('zak', 'Zak', {
        status: 'closed',
        closedOn: '2026-02-14',
        programme: 'Back on Track',
        referralDate: null,
      }),
      person('ola', 'Ola', {}),
    ],
    goals: [
      // Listed out of order: numbered by when they were set.
      goal('mia-2', 'mia', '2026-01-06T10:00:00.000Z', {
        domains: ['core-self', 'belonging'],
        status: 'stopped',
      }),
      goal('mia-1', 'mia', '2026-01-05T10:00:00.000Z', { status: 'achieved' }),
      goal('zak-1', 'zak', '2026-01-02T10:00:00.000Z', { domains: ['learning'] }),
      goal('ola-1', 'ola', '2026-01-02T10:00:00.000Z', {}),
    ],
    sessions: [
      session('mia-s1', 'mia', '2026-01-12'),
      // Logged two days late: the session's date is the rating's date.
      session('mia-s2', 'mia', '2026-02-02'),
      session('zak-s1', 'zak', '2026-01-09'),
      session('ola-s1', 'ola', '2026-01-09'),
    ],
    ratings: [
      rating('r1', 'mia-1', 2, at('2026-01-05')),
      rating('r2', 'mia-1', 5, at('2026-02-04'), 'mia-s2'),
      rating('r3', 'mia-1', 9, at('2026-03-20', 16)),
      rating('r4', 'mia-2', 4, at('2026-01-06')),
      rating('r5', 'zak-1', 6, at('2026-01-02')),
      rating('r6', 'ola-1', 1, at('2026-01-02')),
      rating('r7', 'ola-1', 8, at('2026-01-09'), 'ola-s1'),
    ],
    closures: [
      closure('mia-c', 'mia', '2026-03-20', {
        youngPersonSatisfaction: 10,
        parentCarerSatisfaction: 9,
        goalOutcomes: { 'mia-1': 'reached' },
      }),
      closure('zak-c', 'zak', '2026-02-14', { reason: 'moved-away' }),
    ],
  };
}

/**
 * The records above with four more closed cases on Walk and Talk (Eve, Finn, Gus, Hal, closed
 * in April to July, each with one goal rated 3 then 7), so the export has 6 closed cases: 5 on
 * Walk and Talk, 1 on Back on Track; 5 closed with "support completed", 1 "moved away".
 */
function sixClosedCases(): ServiceReportRecords {
  const base = records();
  const extra = ['eve', 'finn', 'gus', 'hal'].map((id, i) => {
    const closedOn = `2026-0${4 + i}-15`;
    return {
      person: person(id, id.toUpperCase(), {
        status: 'closed',
        closedOn,
        referralDate: '2026-01-20',
      }),
      goal: goal(`${id}-1`, id, '2026-02-01T10:00:00.000Z', { domains: ['basics'] }),
      ratings: [
        rating(`${id}-r1`, `${id}-1`, 3, at('2026-02-01')),
        rating(`${id}-r2`, `${id}-1`, 7, at(closedOn)),
      ],
      session: session(`${id}-s1`, id, '2026-02-01'),
      closure: closure(`${id}-c`, id, closedOn, { goalOutcomes: { [`${id}-1`]: 'partly' } }),
    };
  });
  return {
    youngPeople: [...base.youngPeople, ...extra.map((e) => e.person)],
    goals: [...base.goals, ...extra.map((e) => e.goal)],
    sessions: [...base.sessions, ...extra.map((e) => e.session)],
    ratings: [...base.ratings, ...extra.flatMap((e) => e.ratings)],
    closures: [...base.closures, ...extra.map((e) => e.closure)],
  };
}

describe('buildEvaluationSnapshot', () => {
  it('has the case columns then each goal side by side, as many as the most goals', () => {
    const { header } = buildEvaluationSnapshot(sixClosedCases(), RANGE);
    expect(header).toEqual([
      ...SNAPSHOT_CASE_COLUMNS,
      'goal1_domains',
      'goal1_status',
      'goal1_outcome',
      'goal1_t1_score',
      'goal1_t1_month',
      'goal1_t2_score',
      'goal1_t2_month',
      'goal2_domains',
      'goal2_status',
      'goal2_outcome',
      'goal2_t1_score',
      'goal2_t1_month',
      'goal2_t2_score',
      'goal2_t2_month',
    ]);
  });

  it('writes one row per closed case, by closing date, with time 1 and time 2 scores and months', () => {
    const { rows, closedCases } = buildEvaluationSnapshot(sixClosedCases(), RANGE);
    expect(closedCases).toBe(6);
    expect(rows).toHaveLength(6);
    expect(rows.slice(0, 3)).toEqual([
      // Zak: the only case on Back on Track, and the only one that moved away: both "<5".
      // One goal with only a baseline; goal 2 left empty.
      [
        'C001',
        '<5',
        null,
        '2026-02',
        '<5',
        1,
        1,
        null,
        null,
        'Learning',
        'active',
        null,
        6,
        '2026-01',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      // Mia: Walk and Talk (five cases) as its code.
      [
        'C002',
        'WAT',
        '2025-12',
        '2026-03',
        'support-completed',
        2,
        2,
        10,
        9,
        'Coping',
        'achieved',
        'reached',
        2,
        '2026-01',
        9,
        '2026-03',
        // Stopped before closure: one rating, no outcome; domains in framework order.
        'Belonging; Core Self',
        'stopped',
        null,
        4,
        '2026-01',
        null,
        null,
      ],
      [
        'C003',
        'WAT',
        '2026-01',
        '2026-04',
        'support-completed',
        1,
        1,
        null,
        null,
        'Basics',
        'active',
        'partly',
        3,
        '2026-02',
        7,
        '2026-04',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ]);
  });

  it('never includes names, dates of birth, schools, goal words, notes, comments, ids or days', () => {
    const csv = evaluationSnapshotCsv(sixClosedCases(), RANGE);
    for (const secret of [
      'Mia',
      'Zak',
      'EVE',
      '2012-05',
      'Fictional School',
      'Secret words',
      'Private',
      'mia-1',
      'zak',
      'Walk and Talk',
      'Back on Track',
    ]) {
      expect(csv).not.toContain(secret);
    }
    // No full date anywhere: months only.
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('has no rows at all with fewer than 5 closed cases, only the count', () => {
    expect(MIN_EXPORT_CASES).toBe(5);
    const two = buildEvaluationSnapshot(records(), RANGE);
    expect(two.closedCases).toBe(2);
    expect(two.rows).toEqual([]);
    expect(two.header).toEqual([...SNAPSHOT_CASE_COLUMNS]);
    expect(evaluationSnapshotCsv(records(), RANGE)).toBe(
      `${UTF8_BOM}${SNAPSHOT_CASE_COLUMNS.join(',')}\r\n`,
    );
    // Five Walk and Talk cases are enough: then every one shares its programme and reason.
    const five = buildEvaluationSnapshot(sixClosedCases(), {
      ...RANGE,
      programme: 'Walk and Talk',
    });
    expect(five.rows).toHaveLength(5);
    expect(five.rows.map((r) => [r[1], r[4]])).toEqual(
      Array.from({ length: 5 }, () => ['WAT', 'support-completed']),
    );
  });

  it('keeps to the range and programme a report would', () => {
    const one = buildEvaluationSnapshot(sixClosedCases(), { ...RANGE, programme: 'Back on Track' });
    expect(one.closedCases).toBe(1);
    expect(one.rows).toEqual([]);
    const none = buildEvaluationSnapshot(sixClosedCases(), {
      ...RANGE,
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(none.closedCases).toBe(0);
    expect(none.rows).toEqual([]);
  });

  it('takes time 2 from ratings on or before the closing date and a session rating by its date', () => {
    const data = sixClosedCases();
    const late = {
      ...data,
      ratings: [...data.ratings, rating('late', 'mia-1', 3, at('2026-03-21', 9))],
    };
    const { rows } = buildEvaluationSnapshot(late, RANGE);
    expect(rows[1]?.slice(12, 16)).toEqual([2, '2026-01', 9, '2026-03']);
    const withoutClosing = { ...data, ratings: data.ratings.filter((r) => r.id !== 'r3') };
    const second = buildEvaluationSnapshot(withoutClosing, RANGE);
    // The session on 2 February, logged on the 4th: the session's month.
    expect(second.rows[1]?.slice(12, 16)).toEqual([2, '2026-01', 5, '2026-02']);
  });
});

describe('evaluationSnapshotCsv', () => {
  it('starts with a byte order mark and a header line, then CRLF rows', () => {
    const csv = evaluationSnapshotCsv(sixClosedCases(), RANGE);
    expect(csv.startsWith(`${UTF8_BOM}case,programme,referral_month`)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(8); // header, six rows, the empty string after the last CRLF
    expect(lines[1]).toBe('C001,<5,,2026-02,<5,1,1,,,Learning,active,,6,2026-01,,,,,,,,,');
  });

  it('numbers cases C001 upwards', () => {
    expect(caseNumber(0)).toBe('C001');
    expect(caseNumber(41)).toBe('C042');
  });
});
