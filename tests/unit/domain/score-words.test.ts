import { describe, expect, it } from 'vitest';
import { SCORES, isScore } from '../../../src/domain/rating-rules';
import { scoreInWords, scorePhrase } from '../../../src/domain/score-words';

describe('scoreInWords', () => {
  it.each([
    [0, '0 out of 10: not started'],
    [1, '1 out of 10: just started'],
    [2, '2 out of 10: just started'],
    [3, '3 out of 10: getting going'],
    [4, '4 out of 10: getting going, nearly half way'],
    [5, '5 out of 10: half way'],
    [6, '6 out of 10: more than half way'],
    [7, '7 out of 10: more than half way'],
    [8, '8 out of 10: nearly there'],
    [9, '9 out of 10: nearly there'],
    [10, '10 out of 10: reached it'],
  ])('says %i as "%s"', (score, words) => {
    expect(scoreInWords(score)).toBe(words);
  });

  it('celebrates 10 for young people and leaves other scores as they are', () => {
    expect(scoreInWords(10, 'young-person')).toBe('10 out of 10: reached it!');
    expect(scoreInWords(6, 'young-person')).toBe('6 out of 10: more than half way');
  });

  it.each([-1, 11, 2.5, Number.NaN])('refuses %s, which is not a score', (score) => {
    expect(() => scoreInWords(score)).toThrow(RangeError);
  });
});

describe('scorePhrase', () => {
  it('gives the words under the ends and middle of the scale', () => {
    expect([0, 5, 10].map((s) => scorePhrase(s))).toEqual([
      'not started',
      'half way',
      'reached it',
    ]);
  });

  it('never grades downwards: each phrase is at least as far along as the one before', () => {
    const order = [
      'not started',
      'just started',
      'getting going',
      'getting going, nearly half way',
      'half way',
      'more than half way',
      'nearly there',
      'reached it',
    ];
    const ranks = SCORES.map((s) => order.indexOf(scorePhrase(s)));
    expect(ranks.every((rank) => rank >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('isScore', () => {
  it.each([
    [0, true],
    [10, true],
    [7, true],
    [-1, false],
    [11, false],
    [3.5, false],
    [null, false],
    ['5', false],
  ])('%s -> %s', (value, expected) => {
    expect(isScore(value)).toBe(expected);
  });

  it('lists the eleven scores in order', () => {
    expect(SCORES).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
