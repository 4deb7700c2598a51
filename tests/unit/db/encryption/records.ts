import type { Draft } from '../../../../src/domain/draft';
import type {
  Closure,
  Goal,
  ResilienceMap,
  Session,
  YoungPerson,
} from '../../../../src/domain/schemas';

const T = '2026-11-23T10:00:00.000Z';

/** Words that must never be found in the raw database once encrypted. */
export const SECRET_WORDS = [
  'Zephyrine',
  'Quartermaine',
  'Hollowbrook',
  '2013-04-12',
  'trombone',
  'kestrel',
  'Aberystwyth',
  'lighthouse',
  'Priyanka',
  'skatepark',
  'Reopened after Grandad',
  'calmer at home',
  'Kirkwall',
];

export function youngPerson(overrides: Partial<YoungPerson> = {}): YoungPerson {
  return {
    id: 'yp1',
    name: 'Zephyrine Quartermaine',
    dateOfBirth: '2013-04-12',
    school: 'Hollowbrook Academy',
    programme: 'Mentoring',
    referralDate: '2026-09-01',
    status: 'open',
    closedOn: null,
    closureReason: null,
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

export function goal(overrides: Partial<Goal> = {}): Goal {
  return {
    id: 'g1',
    youngPersonId: 'yp1',
    text: 'Practise the trombone with Grandad',
    domains: ['belonging'],
    moves: [],
    setBy: 'young-person',
    status: 'active',
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 's1',
    youngPersonId: 'yp1',
    date: '2026-11-02',
    durationMinutes: 45,
    location: 'school',
    moves: [],
    nobleTruths: [],
    notes: 'Talked about the allotment and the kestrel 🐦 — قال',
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

export function closure(overrides: Partial<Closure> = {}): Closure {
  return {
    id: 'c1',
    youngPersonId: 'yp1',
    closedOn: '2026-11-20',
    reason: 'moved-away',
    reasonDetail: 'Moved to Aberystwyth',
    goalOutcomes: { g1: 'reached' },
    youngPersonSatisfaction: 9,
    parentCarerSatisfaction: null,
    youngPersonComments: 'I liked the walks to the lighthouse',
    parentCarerComments: 'Much calmer at home since the summer',
    reopenedOn: '2026-11-22',
    reopenReason: 'Reopened after Grandad asked',
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

export function resilienceMap(overrides: Partial<ResilienceMap> = {}): ResilienceMap {
  return {
    id: 'm1',
    youngPersonId: 'yp1',
    savedAt: T,
    updatedAt: T,
    savedBy: 'young-person',
    tiles: { 'belonging-somewhere': 'strength' },
    examples: { 'belonging-somewhere': 'Sits with Priyanka at lunch' },
    ...overrides,
  };
}

export function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    id: 'session:yp1',
    kind: 'session',
    youngPersonId: 'yp1',
    values: { notes: 'Half-written note about the skatepark', durationMinutes: 30, moves: [] },
    updatedAt: T,
    ...overrides,
  };
}
