import { describe, expect, it } from 'vitest';
import {
  DOMAINS,
  DOMAIN_IDS,
  MOVES,
  NOBLE_TRUTHS,
  findMove,
  movesOfDomain,
  sortMoveIds,
} from '../../../src/domain/framework';

// Copied from shared/reference/resilience-framework.md (number, id, domain): the data contract.
const REFERENCE_MOVES: [number, string, string][] = [
  [1, 'basics-housing', 'basics'],
  [2, 'basics-money', 'basics'],
  [3, 'basics-safe', 'basics'],
  [4, 'basics-transport', 'basics'],
  [5, 'basics-diet', 'basics'],
  [6, 'basics-exercise', 'basics'],
  [7, 'basics-sleep', 'basics'],
  [8, 'basics-play', 'basics'],
  [9, 'basics-free-from-prejudice', 'basics'],
  [10, 'belonging-somewhere', 'belonging'],
  [11, 'belonging-place-in-world', 'belonging'],
  [12, 'belonging-good-influences', 'belonging'],
  [13, 'belonging-keep-relationships', 'belonging'],
  [14, 'belonging-healthy-relationships', 'belonging'],
  [15, 'belonging-relationships-with-hope', 'belonging'],
  [16, 'belonging-people-to-count-on', 'belonging'],
  [17, 'belonging-responsibilities', 'belonging'],
  [18, 'belonging-good-times', 'belonging'],
  [19, 'belonging-where-from', 'belonging'],
  [20, 'belonging-new-experiences', 'belonging'],
  [21, 'belonging-make-friends', 'belonging'],
  [22, 'learning-school-life', 'learning'],
  [23, 'learning-mentors', 'learning'],
  [24, 'learning-life-plan', 'learning'],
  [25, 'learning-organise', 'learning'],
  [26, 'learning-achievements', 'learning'],
  [27, 'learning-life-skills', 'learning'],
  [28, 'coping-boundaries', 'coping'],
  [29, 'coping-brave', 'coping'],
  [30, 'coping-solve-problems', 'coping'],
  [31, 'coping-rose-tinted', 'coping'],
  [32, 'coping-interests', 'coping'],
  [33, 'coping-calm-down', 'coping'],
  [34, 'coping-tomorrow', 'coping'],
  [35, 'coping-lean-on-others', 'coping'],
  [36, 'coping-laugh', 'coping'],
  [37, 'core-self-hope', 'core-self'],
  [38, 'core-self-others-feelings', 'core-self'],
  [39, 'core-self-know-yourself', 'core-self'],
  [40, 'core-self-responsibility', 'core-self'],
  [41, 'core-self-talents', 'core-self'],
  [42, 'core-self-existing-help', 'core-self'],
];

describe('the Resilience Framework data', () => {
  it('has the five domains in framework order with their reference ids', () => {
    expect(DOMAINS.map((d) => d.id)).toEqual([
      'basics',
      'belonging',
      'learning',
      'coping',
      'core-self',
    ]);
    expect(DOMAINS.map((d) => d.name)).toEqual([
      'Basics',
      'Belonging',
      'Learning',
      'Coping',
      'Core Self',
    ]);
    expect(DOMAIN_IDS).toHaveLength(5);
  });

  it('has 42 moves split 9/12/6/9/6 across the domains', () => {
    expect(MOVES).toHaveLength(42);
    expect(DOMAIN_IDS.map((id) => movesOfDomain(id).length)).toEqual([9, 12, 6, 9, 6]);
  });

  it('uses unique move ids and numbers 1 to 42 in order', () => {
    expect(new Set(MOVES.map((m) => m.id)).size).toBe(42);
    expect(MOVES.map((m) => m.number)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
  });

  it.each(REFERENCE_MOVES)('move %i is %s in %s', (number, id, domain) => {
    const move = findMove(id);
    expect(move).toBeDefined();
    expect(move?.number).toBe(number);
    expect(move?.domain).toBe(domain);
  });

  it('has both wordings for every move', () => {
    for (const move of MOVES) {
      expect(move.practitioner.length).toBeGreaterThan(0);
      expect(move.youngPerson.length).toBeGreaterThan(0);
    }
    expect(findMove('core-self-know-yourself')?.youngPerson).toBe('Know and understand yourself');
    expect(findMove('basics-free-from-prejudice')?.youngPerson).toBe('Not being judged');
  });

  it('has the four noble truths', () => {
    expect(NOBLE_TRUTHS.map((t) => t.id)).toEqual([
      'accepting',
      'conserving',
      'commitment',
      'enlisting',
    ]);
  });

  it('sorts move ids into framework order and drops unknown ones', () => {
    expect(sortMoveIds(['coping-laugh', 'nope', 'basics-sleep'])).toEqual([
      'basics-sleep',
      'coping-laugh',
    ]);
  });
});
