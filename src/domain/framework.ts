/**
 * The Resilience Framework (Hart, Blincow & Thomas 2007) as typed data.
 *
 * The ids are a data contract: they are stored in IndexedDB and in backup files.
 * Never rename or reuse one. Order is the framework's own order.
 */

export const DOMAIN_IDS = ['basics', 'belonging', 'learning', 'coping', 'core-self'] as const;
export type DomainId = (typeof DOMAIN_IDS)[number];

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'star';

export interface Domain {
  id: DomainId;
  name: string;
  /** One line on what the domain is about (practitioner). */
  about: string;
  /** The plain line for young people. */
  plain: string;
  /** Text and line colour; meets 4.5:1 on white and on its tint. */
  colour: string;
  /** Background tint. */
  tint: string;
  /** Chart marker shape, so colour is never the only cue. */
  shape: MarkerShape;
}

export const DOMAINS: readonly Domain[] = [
  {
    id: 'basics',
    name: 'Basics',
    about: 'the basic things needed to get by: housing, money, safety, food, sleep, play',
    plain: 'the things everyone needs: a home, food, sleep, feeling safe, fun',
    colour: '#B45309',
    tint: '#FEF3C7',
    shape: 'circle',
  },
  {
    id: 'belonging',
    name: 'Belonging',
    about: 'good relationships, people to count on, feeling you fit somewhere',
    plain: 'people and places where you fit in',
    colour: '#BE185D',
    tint: '#FCE7F3',
    shape: 'square',
  },
  {
    id: 'learning',
    name: 'Learning',
    about:
      'school or college, mentors, plans for the future, organising, achievements, life skills',
    plain: 'school, skills and plans for the future',
    colour: '#047857',
    tint: '#D1FAE5',
    shape: 'triangle',
  },
  {
    id: 'coping',
    name: 'Coping',
    about:
      'day-to-day ways to get through tough times: boundaries, bravery, problem solving, calming down',
    plain: 'ways to get through tough times',
    colour: '#1D4ED8',
    tint: '#DBEAFE',
    shape: 'diamond',
  },
  {
    id: 'core-self',
    name: 'Core Self',
    about:
      'hope, knowing yourself, understanding others, taking responsibility, talents, using existing help',
    plain: 'knowing and believing in yourself',
    colour: '#6D28D9',
    tint: '#EDE9FE',
    shape: 'star',
  },
];

export interface Move {
  id: string;
  /** Position in the framework, 1-42. */
  number: number;
  domain: DomainId;
  /** Wording for coach screens and reports. */
  practitioner: string;
  /** Wording for young-person screens (Blackpool's young people's version). */
  youngPerson: string;
}

export const MOVES: readonly Move[] = [
  // basics
  {
    id: 'basics-housing',
    number: 1,
    domain: 'basics',
    practitioner: 'Good enough housing',
    youngPerson: 'Good housing',
  },
  {
    id: 'basics-money',
    number: 2,
    domain: 'basics',
    practitioner: 'Enough money to live',
    youngPerson: 'Money to live',
  },
  {
    id: 'basics-safe',
    number: 3,
    domain: 'basics',
    practitioner: 'Being safe',
    youngPerson: 'Being safe',
  },
  {
    id: 'basics-transport',
    number: 4,
    domain: 'basics',
    practitioner: 'Access and transport',
    youngPerson: 'Transport and getting to places',
  },
  {
    id: 'basics-diet',
    number: 5,
    domain: 'basics',
    practitioner: 'Healthy diet',
    youngPerson: 'Healthy diet',
  },
  {
    id: 'basics-exercise',
    number: 6,
    domain: 'basics',
    practitioner: 'Exercise and fresh air',
    youngPerson: 'Exercise and fresh air',
  },
  {
    id: 'basics-sleep',
    number: 7,
    domain: 'basics',
    practitioner: 'Enough sleep',
    youngPerson: 'Enough sleep',
  },
  {
    id: 'basics-play',
    number: 8,
    domain: 'basics',
    practitioner: 'Play and leisure',
    youngPerson: 'Play and hobbies',
  },
  {
    id: 'basics-free-from-prejudice',
    number: 9,
    domain: 'basics',
    practitioner: 'Being free from prejudice and discrimination',
    youngPerson: 'Not being judged',
  },
  // belonging
  {
    id: 'belonging-somewhere',
    number: 10,
    domain: 'belonging',
    practitioner: 'Find somewhere for the young person to belong',
    youngPerson: 'Find somewhere you feel like you belong',
  },
  {
    id: 'belonging-place-in-world',
    number: 11,
    domain: 'belonging',
    practitioner: 'Help the young person understand their place in the world',
    youngPerson: 'Understand your place in the world',
  },
  {
    id: 'belonging-good-influences',
    number: 12,
    domain: 'belonging',
    practitioner: 'Tap into good influences',
    youngPerson: 'Spend time with good people and in good places',
  },
  {
    id: 'belonging-keep-relationships',
    number: 13,
    domain: 'belonging',
    practitioner: 'Keep relationships going',
    youngPerson: 'Keep relationships going',
  },
  {
    id: 'belonging-healthy-relationships',
    number: 14,
    domain: 'belonging',
    practitioner: 'The more healthy relationships the better',
    youngPerson: 'The more healthy relationships the better',
  },
  {
    id: 'belonging-relationships-with-hope',
    number: 15,
    domain: 'belonging',
    practitioner: 'Take what you can from relationships where there is some hope',
    youngPerson: 'Take what you can from relationships where there is some hope',
  },
  {
    id: 'belonging-people-to-count-on',
    number: 16,
    domain: 'belonging',
    practitioner: 'Get together people the young person can count on',
    youngPerson: 'Get together with people you can rely on',
  },
  {
    id: 'belonging-responsibilities',
    number: 17,
    domain: 'belonging',
    practitioner: 'Responsibilities and obligations',
    youngPerson:
      'Responsibilities and obligations, like looking after a brother or sister or going to school',
  },
  {
    id: 'belonging-good-times',
    number: 18,
    domain: 'belonging',
    practitioner: 'Focus on good times and places',
    youngPerson: 'Focus on good times and places',
  },
  {
    id: 'belonging-where-from',
    number: 19,
    domain: 'belonging',
    practitioner: 'Make sense of where the young person has come from',
    youngPerson: 'Make sense of what has happened in your life',
  },
  {
    id: 'belonging-new-experiences',
    number: 20,
    domain: 'belonging',
    practitioner: 'Predict a good experience of someone or something new',
    youngPerson: 'Predict a good experience of someone or something new',
  },
  {
    id: 'belonging-make-friends',
    number: 21,
    domain: 'belonging',
    practitioner: 'Make friends and mix with other young people',
    youngPerson: 'Make friends and mix with other people',
  },
  // learning
  {
    id: 'learning-school-life',
    number: 22,
    domain: 'learning',
    practitioner: 'Make school or college life work as well as possible',
    youngPerson: 'Make school or college work as well as possible',
  },
  {
    id: 'learning-mentors',
    number: 23,
    domain: 'learning',
    practitioner: 'Engage mentors for the young person',
    youngPerson: 'Engage mentors',
  },
  {
    id: 'learning-life-plan',
    number: 24,
    domain: 'learning',
    practitioner: 'Map out a career or life plan',
    youngPerson: 'Plan out your future',
  },
  {
    id: 'learning-organise',
    number: 25,
    domain: 'learning',
    practitioner: 'Help the young person to organise themselves',
    youngPerson: 'Organise yourself',
  },
  {
    id: 'learning-achievements',
    number: 26,
    domain: 'learning',
    practitioner: 'Highlight achievements',
    youngPerson: 'Highlight achievements',
  },
  {
    id: 'learning-life-skills',
    number: 27,
    domain: 'learning',
    practitioner: 'Develop life skills',
    youngPerson: 'Develop life skills',
  },
  // coping
  {
    id: 'coping-boundaries',
    number: 28,
    domain: 'coping',
    practitioner: 'Understand boundaries and keep within them',
    youngPerson: 'Understand right from wrong',
  },
  {
    id: 'coping-brave',
    number: 29,
    domain: 'coping',
    practitioner: 'Being brave',
    youngPerson: 'Be brave',
  },
  {
    id: 'coping-solve-problems',
    number: 30,
    domain: 'coping',
    practitioner: 'Solving problems',
    youngPerson: 'Solve problems',
  },
  {
    id: 'coping-rose-tinted',
    number: 31,
    domain: 'coping',
    practitioner: 'Put on rose-tinted glasses',
    youngPerson: 'Focus on the good things in life: put on your positivity glasses',
  },
  {
    id: 'coping-interests',
    number: 32,
    domain: 'coping',
    practitioner: 'Foster their interests',
    youngPerson: 'Find time for your interests',
  },
  {
    id: 'coping-calm-down',
    number: 33,
    domain: 'coping',
    practitioner: 'Calming down and self-soothing',
    youngPerson: 'Calm down and make yourself feel better',
  },
  {
    id: 'coping-tomorrow',
    number: 34,
    domain: 'coping',
    practitioner: 'Remember tomorrow is another day',
    youngPerson: 'Remember tomorrow is another day',
  },
  {
    id: 'coping-lean-on-others',
    number: 35,
    domain: 'coping',
    practitioner: 'Lean on others when necessary',
    youngPerson: 'Lean on others when necessary',
  },
  {
    id: 'coping-laugh',
    number: 36,
    domain: 'coping',
    practitioner: 'Have a laugh',
    youngPerson: 'Have a laugh',
  },
  // core-self
  {
    id: 'core-self-hope',
    number: 37,
    domain: 'core-self',
    practitioner: 'Instil a sense of hope',
    youngPerson: 'Instil a sense of hope',
  },
  {
    id: 'core-self-others-feelings',
    number: 38,
    domain: 'core-self',
    practitioner: "Help the young person understand other people's feelings",
    youngPerson: "Understand other people's feelings",
  },
  {
    id: 'core-self-know-yourself',
    number: 39,
    domain: 'core-self',
    practitioner: 'Help the young person to know themselves',
    youngPerson: 'Know and understand yourself',
  },
  {
    id: 'core-self-responsibility',
    number: 40,
    domain: 'core-self',
    practitioner: 'Help the young person take responsibility for themselves',
    youngPerson: 'Take responsibility for yourself',
  },
  {
    id: 'core-self-talents',
    number: 41,
    domain: 'core-self',
    practitioner: 'Foster their talents',
    youngPerson: 'Find time for your talents',
  },
  {
    id: 'core-self-existing-help',
    number: 42,
    domain: 'core-self',
    practitioner: 'There are tried and tested treatments for specific problems: use them',
    youngPerson: 'There is existing help and solutions for problems: use them',
  },
];

export const NOBLE_TRUTH_IDS = ['accepting', 'conserving', 'commitment', 'enlisting'] as const;
export type NobleTruthId = (typeof NOBLE_TRUTH_IDS)[number];

export interface NobleTruth {
  id: NobleTruthId;
  name: string;
  meaning: string;
}

export const NOBLE_TRUTHS: readonly NobleTruth[] = [
  {
    id: 'accepting',
    name: 'Accepting',
    meaning: 'starting from where the young person and family are, without judging',
  },
  {
    id: 'conserving',
    name: 'Conserving',
    meaning: 'holding on to what is good and has worked so far, and not losing it',
  },
  {
    id: 'commitment',
    name: 'Commitment',
    meaning: 'staying with the young person over time, reliably',
  },
  {
    id: 'enlisting',
    name: 'Enlisting',
    meaning: 'bringing in other people and services to help',
  },
];

const domainById = new Map(DOMAINS.map((d) => [d.id, d]));
const moveById = new Map(MOVES.map((m) => [m.id, m]));
const truthById = new Map(NOBLE_TRUTHS.map((t) => [t.id, t]));

export const MOVE_IDS: readonly string[] = MOVES.map((m) => m.id);

export function isDomainId(id: string): id is DomainId {
  return domainById.has(id as DomainId);
}

export function isMoveId(id: string): boolean {
  return moveById.has(id);
}

/** The domain with this id; throws on an unknown id (ids are validated at the boundary). */
export function getDomain(id: DomainId): Domain {
  const domain = domainById.get(id);
  if (!domain) throw new Error(`Unknown domain id: ${id}`);
  return domain;
}

/** The move with this id, or undefined for an id this version does not know. */
export function findMove(id: string): Move | undefined {
  return moveById.get(id);
}

export function getNobleTruth(id: NobleTruthId): NobleTruth {
  const truth = truthById.get(id);
  if (!truth) throw new Error(`Unknown noble truth id: ${id}`);
  return truth;
}

/** The moves of one domain, in framework order. */
export function movesOfDomain(id: DomainId): Move[] {
  return MOVES.filter((m) => m.domain === id);
}

/** Sorts move ids into framework order, dropping unknown ids. */
export function sortMoveIds(ids: readonly string[]): string[] {
  return ids
    .filter((id) => moveById.has(id))
    .sort((a, b) => (moveById.get(a)?.number ?? 0) - (moveById.get(b)?.number ?? 0));
}

/** Sorts domain ids into framework order. */
export function sortDomainIds(ids: readonly DomainId[]): DomainId[] {
  return [...ids].sort((a, b) => DOMAIN_IDS.indexOf(a) - DOMAIN_IDS.indexOf(b));
}
