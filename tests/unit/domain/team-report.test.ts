/**
 * The team report's pure parts (src/domain/team-report.ts): caseloads put together for the
 * service report (a case in two caseloads during a move counted once, its newest version),
 * narrowed to one coach, each coach's sizes, and a caseload's case list.
 */
import { describe, expect, it } from 'vitest';
import type { Goal, YoungPerson } from '../../../src/domain/schemas';
import {
  caseRows,
  caseloadsOfCoach,
  coachSizes,
  coachesOf,
  mergeCaseloads,
  type CaseloadRecords,
} from '../../../src/domain/team-report';

const at = (day: string) => `2026-${day}T10:00:00.000Z`;

function person(
  id: string,
  name: string,
  status: 'open' | 'closed',
  updated = '09-01',
): YoungPerson {
  return {
    id,
    name,
    dateOfBirth: '2013-04-12',
    school: 'Hillside Academy',
    programme: status === 'open' ? 'Mentoring' : null,
    referralDate: '2026-09-01',
    status,
    closedOn: status === 'closed' ? '2026-11-01' : null,
    closureReason: status === 'closed' ? 'goals-met' : null,
    createdAt: at('09-01'),
    updatedAt: at(updated),
  } as YoungPerson;
}

function goal(id: string, youngPersonId: string, status: Goal['status']): Goal {
  return {
    id,
    youngPersonId,
    text: 'Go to football on Saturdays',
    domains: ['belonging'],
    moves: [],
    setBy: 'young-person',
    status,
    createdAt: at('09-01'),
    updatedAt: at('09-01'),
  };
}

function caseload(
  caseloadId: string,
  coaches: string[],
  youngPeople: YoungPerson[],
  goals: Goal[] = [],
  damaged = 0,
): CaseloadRecords {
  return {
    caseloadId,
    coaches,
    records: { youngPeople, goals, sessions: [], ratings: [], closures: [] },
    damaged,
  };
}

const amber = caseload(
  'caseload-a',
  ['coach-amber'],
  [person('p1', 'Mia Thornbury', 'open'), person('p2', 'Leo Castleford', 'closed')],
  [goal('g1', 'p1', 'active'), goal('g2', 'p1', 'achieved')],
  1,
);
const basil = caseload('caseload-b', ['coach-basil'], [person('p3', 'Ava Marsh', 'open')]);
const unheld = caseload('caseload-c', [], [person('p4', 'Noah Pike', 'open')]);

describe('the team report over several caseloads', () => {
  it('lists the coaches once each and narrows to one coach', () => {
    expect(coachesOf([basil, amber, amber])).toEqual(['coach-amber', 'coach-basil']);
    expect(caseloadsOfCoach([amber, basil], null)).toEqual([amber, basil]);
    expect(caseloadsOfCoach([amber, basil], 'coach-basil')).toEqual([basil]);
  });

  it('puts the records together, a case in two caseloads once (its newest version)', () => {
    const moved = caseload('caseload-b', ['coach-basil'], [person('p1', 'Mia T', 'open', '10-01')]);
    const merged = mergeCaseloads([amber, moved]);
    expect(merged.youngPeople.map((p) => p.name).sort()).toEqual(['Leo Castleford', 'Mia T']);
    expect(merged.goals).toHaveLength(2);
  });

  it("gives each coach's caseload sizes, caseloads with no coach last", () => {
    expect(coachSizes([unheld, basil, amber])).toEqual([
      { coach: 'coach-amber', caseloads: 1, youngPeople: 2, openCases: 1, damaged: 1 },
      { coach: 'coach-basil', caseloads: 1, youngPeople: 1, openCases: 1, damaged: 0 },
      { coach: null, caseloads: 1, youngPeople: 1, openCases: 1, damaged: 0 },
    ]);
  });

  it('lists a caseload’s cases by name, with their goals counted, no goal words', () => {
    const rows = caseRows(amber);
    expect(rows).toEqual([
      {
        youngPersonId: 'p2',
        caseloadId: 'caseload-a',
        name: 'Leo Castleford',
        programme: null,
        status: 'closed',
        referralDate: '2026-09-01',
        goals: 0,
        activeGoals: 0,
      },
      {
        youngPersonId: 'p1',
        caseloadId: 'caseload-a',
        name: 'Mia Thornbury',
        programme: 'Mentoring',
        status: 'open',
        referralDate: '2026-09-01',
        goals: 2,
        activeGoals: 1,
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('football');
  });
});
