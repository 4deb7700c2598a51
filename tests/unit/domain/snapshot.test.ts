import { describe, expect, it } from 'vitest';
import { UTF8_BOM } from '../../../src/domain/csv';
import type { ServiceReportRecords } from '../../../src/domain/report';
import type { Closure, Goal, Rating, Session, YoungPerson } from '../../../src/domain/schemas';
import {
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

describe('buildEvaluationSnapshot', () => {
  it('has the case columns then each goal side by side, as many as the most goals', () => {
    const { header } = buildEvaluationSnapshot(records(), RANGE);
    expect(header).toEqual([
      ...SNAPSHOT_CASE_COLUMNS,
      'goal1_domains',
      'goal1_status',
      'goal1_outcome',
      'goal1_t1_score',
      'goal1_t1_date',
      'goal1_t2_score',
      'goal1_t2_date',
      'goal2_domains',
      'goal2_status',
      'goal2_outcome',
      'goal2_t1_score',
      'goal2_t1_date',
      'goal2_t2_score',
      'goal2_t2_date',
    ]);
  });

  it('writes one row per closed case, by closing date, with time 1 and time 2 scores', () => {
    const { rows } = buildEvaluationSnapshot(records(), RANGE);
    expect(rows).toEqual([
      // Zak: one goal with only a baseline; goal 2 left empty.
      [
        'C001',
        'Back on Track',
        null,
        '2026-02',
        'moved-away',
        1,
        1,
        null,
        null,
        'Learning',
        'active',
        null,
        6,
        '2026-01-02',
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
      [
        'C002',
        'Walk and Talk',
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
        '2026-01-05',
        9,
        '2026-03-20',
        // Stopped before closure: one rating, no outcome; domains in framework order.
        'Belonging; Core Self',
        'stopped',
        null,
        4,
        '2026-01-06',
        null,
        null,
      ],
    ]);
  });

  it('never includes names, dates of birth, schools, goal words, notes or comments', () => {
    const csv = evaluationSnapshotCsv(records(), RANGE);
    for (const secret of [
      'Mia',
      'Zak',
      '2012-05-05',
      'Fictional School',
      'Secret words',
      'Private',
      'mia-1',
      'zak',
    ]) {
      expect(csv).not.toContain(secret);
    }
  });

  it('keeps to the range and programme a report would', () => {
    const { rows } = buildEvaluationSnapshot(records(), { ...RANGE, programme: 'Walk and Talk' });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[1]).toBe('Walk and Talk');
    const none = buildEvaluationSnapshot(records(), {
      ...RANGE,
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(none.rows).toEqual([]);
    expect(none.header).toEqual([...SNAPSHOT_CASE_COLUMNS]);
  });

  it('takes time 2 from ratings on or before the closing date and a session rating by its date', () => {
    const data = records();
    const late = {
      ...data,
      ratings: [...data.ratings, rating('late', 'mia-1', 3, at('2026-03-21', 9))],
    };
    const { rows } = buildEvaluationSnapshot(late, RANGE);
    expect(rows[1]?.slice(12, 16)).toEqual([2, '2026-01-05', 9, '2026-03-20']);
    const withoutClosing = { ...data, ratings: data.ratings.filter((r) => r.id !== 'r3') };
    const second = buildEvaluationSnapshot(withoutClosing, RANGE);
    expect(second.rows[1]?.slice(12, 16)).toEqual([2, '2026-01-05', 5, '2026-02-02']);
  });
});

describe('evaluationSnapshotCsv', () => {
  it('starts with a byte order mark and a header line, then CRLF rows', () => {
    const csv = evaluationSnapshotCsv(records(), RANGE);
    expect(csv.startsWith(`${UTF8_BOM}case,programme,referral_month`)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // header, two rows, the empty string after the last CRLF
    expect(lines[1]).toBe(
      'C001,Back on Track,,2026-02,moved-away,1,1,,,Learning,active,,6,2026-01-02,,,,,,,,,',
    );
  });

  it('numbers cases C001 upwards', () => {
    expect(caseNumber(0)).toBe('C001');
    expect(caseNumber(41)).toBe('C042');
  });
});
