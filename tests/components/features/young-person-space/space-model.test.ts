import { describe, expect, it } from 'vitest';
import type { Rating } from '../../../../src/domain/schemas';
import {
  celebrationFor,
  checkMyGoal,
  friendlyErrors,
  journeyCheer,
  journeyWords,
  keepMovesOf,
  latestOwnScore,
  ownRatings,
} from '../../../../src/features/young-person-space/space-model';

function rating(id: string, score: number, ratedBy: Rating['ratedBy'], day: number): Rating {
  return {
    id,
    goalId: 'g',
    sessionId: null,
    score,
    ratedBy,
    ratedAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
    updatedAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  };
}

describe('space model', () => {
  it.each([
    [4, 6, 'Brilliant! You moved up from 4 to 6.'],
    [8, 10, 'You reached your goal! You moved up from 8 to 10.'],
    [null, 10, 'You reached your goal!'],
    [10, 10, 'You reached your goal!'],
    [null, 6, null],
    [6, 6, null],
    [6, 3, null],
  ])('celebrates a move from %s to %s with %j', (from, to, words) => {
    expect(celebrationFor(from, to)).toBe(words);
  });

  it('keeps only the young person’s own ratings, oldest first', () => {
    const ratings = [
      rating('c', 9, 'coach', 3),
      rating('b', 6, 'young-person', 5),
      rating('p', 1, 'parent-carer', 6),
      rating('a', 2, 'young-person', 1),
    ];
    expect(ownRatings(ratings).map((r) => r.id)).toEqual(['a', 'b']);
    expect(latestOwnScore(ratings)).toBe(6);
    expect(latestOwnScore([rating('c', 9, 'coach', 3)])).toBeNull();
  });

  it('tells a journey in plain words', () => {
    expect(journeyWords([])).toBe('You have not said how close you are yet.');
    expect(journeyWords([rating('a', 2, 'young-person', 1)])).toBe(
      'You started at 2. Rate it again to see your journey.',
    );
    const two = [rating('a', 2, 'young-person', 1), rating('b', 6, 'young-person', 2)];
    expect(journeyWords(two)).toBe('You started at 2. Now you are at 6.');
    expect(journeyCheer(two)).toBe('You moved up 4 steps. Well done!');
    expect(journeyCheer([two[0]!, rating('c', 3, 'young-person', 3)])).toBe(
      'You moved up 1 step. Well done!',
    );
    expect(journeyCheer([two[1]!, rating('d', 5, 'young-person', 3)])).toBeNull();
  });

  it('checks a goal with friendly words and keeps moves of chosen domains only', () => {
    expect(checkMyGoal({ text: '  ', domains: [], moves: [], baseline: null })).toEqual({
      text: 'Write your goal in the box. Your own words are best.',
      domains: 'Tap at least one picture that fits your goal.',
      baseline: 'Choose a number from 0 to 10.',
    });
    expect(checkMyGoal({ text: 'Sleep', domains: ['basics'], moves: [], baseline: 0 })).toEqual({});
    expect(
      checkMyGoal({ text: 'x'.repeat(501), domains: ['basics'], moves: [], baseline: 1 }),
    ).toEqual({ text: 'Your goal is a bit long. Try to keep it under 500 letters.' });
    expect(keepMovesOf(['basics'], ['basics-sleep', 'coping-brave'])).toEqual(['basics-sleep']);
    expect(friendlyErrors({ 'moves.0': 'Unknown resilient move.', setBy: 'x' })).toEqual({
      moves: 'Something went wrong with the things that could help. Try ticking them again.',
      setBy: 'Something needs checking. Ask your coach to help.',
    });
  });
});
