import { describe, expect, it } from 'vitest';
import {
  findDisagreements,
  latestDisagreement,
  type Disagreement,
} from '../../../src/domain/disagreement';
import type { Rater, Rating } from '../../../src/domain/schemas';

function rating(id: string, ratedAt: string, score: number, ratedBy: Rater, goalId = 'g1'): Rating {
  return { id, goalId, sessionId: null, score, ratedAt, ratedBy, updatedAt: ratedAt };
}

const ids = (pairs: Disagreement[]) => pairs.map((p) => [p.youngPerson.id, p.coach.id]);

describe('findDisagreements', () => {
  it('pairs a young person and a coach who differ by 3 or more within 7 days', () => {
    const yp = rating('yp', '2026-11-12T10:00:00.000Z', 8, 'young-person');
    const coach = rating('coach', '2026-11-13T10:00:00.000Z', 4, 'coach');
    expect(findDisagreements([yp, coach])).toEqual([{ youngPerson: yp, coach, difference: 4 }]);
  });

  it('counts a difference either way, and exactly 3 points, but not 2', () => {
    const lowYp = rating('yp', '2026-11-12T10:00:00.000Z', 2, 'young-person');
    const highCoach = rating('coach', '2026-11-12T11:00:00.000Z', 5, 'coach');
    expect(findDisagreements([lowYp, highCoach])).toEqual([
      { youngPerson: lowYp, coach: highCoach, difference: 3 },
    ]);
    const closeCoach = rating('close', '2026-11-12T11:00:00.000Z', 4, 'coach');
    expect(findDisagreements([lowYp, closeCoach])).toEqual([]);
  });

  it('needs the two ratings within 7 days of each other, in either order', () => {
    const yp = rating('yp', '2026-11-12T10:00:00.000Z', 8, 'young-person');
    const weekLater = rating('week', '2026-11-19T10:00:00.000Z', 2, 'coach');
    const weekBefore = rating('before', '2026-11-05T10:00:00.000Z', 2, 'coach');
    const tooLate = rating('late', '2026-11-19T10:00:01.000Z', 2, 'coach');
    expect(ids(findDisagreements([yp, weekLater, weekBefore, tooLate]))).toEqual([
      ['yp', 'week'],
      ['yp', 'before'],
    ]);
  });

  it('takes a threshold and a number of days', () => {
    const yp = rating('yp', '2026-11-12T10:00:00.000Z', 6, 'young-person');
    const coach = rating('coach', '2026-11-14T10:00:00.000Z', 4, 'coach');
    expect(findDisagreements([yp, coach])).toEqual([]);
    expect(findDisagreements([yp, coach], { threshold: 2 })).toHaveLength(1);
    expect(findDisagreements([yp, coach], { threshold: 2, withinDays: 1 })).toEqual([]);
  });

  it('compares only the young person with the coach, on the same goal', () => {
    const yp = rating('yp', '2026-11-12T10:00:00.000Z', 9, 'young-person');
    const parent = rating('parent', '2026-11-12T10:00:00.000Z', 1, 'parent-carer');
    const otherGoal = rating('other', '2026-11-12T10:00:00.000Z', 1, 'coach', 'g2');
    const otherYp = rating('yp2', '2026-11-12T10:00:00.000Z', 1, 'young-person');
    expect(findDisagreements([yp, parent, otherGoal, otherYp])).toEqual([]);
  });

  it('finds pairs for several goals at once, the latest pair first', () => {
    const ratings = [
      rating('yp-old', '2026-10-01T10:00:00.000Z', 8, 'young-person'),
      rating('coach-old', '2026-10-02T10:00:00.000Z', 3, 'coach'),
      rating('yp-new', '2026-11-12T10:00:00.000Z', 1, 'young-person'),
      rating('coach-new', '2026-11-10T10:00:00.000Z', 6, 'coach'),
      rating('yp-g2', '2026-11-01T10:00:00.000Z', 0, 'young-person', 'g2'),
      rating('coach-g2', '2026-11-01T09:00:00.000Z', 10, 'coach', 'g2'),
    ];
    expect(ids(findDisagreements(ratings))).toEqual([
      ['yp-new', 'coach-new'],
      ['yp-g2', 'coach-g2'],
      ['yp-old', 'coach-old'],
    ]);
    expect(findDisagreements(ratings)[1]?.difference).toBe(10);
  });

  it('orders pairs with the same later rating by the earlier one', () => {
    const yp = rating('yp', '2026-11-12T10:00:00.000Z', 9, 'young-person');
    const coachA = rating('a', '2026-11-08T10:00:00.000Z', 2, 'coach');
    const coachB = rating('b', '2026-11-10T10:00:00.000Z', 3, 'coach');
    expect(ids(findDisagreements([coachA, yp, coachB]))).toEqual([
      ['yp', 'b'],
      ['yp', 'a'],
    ]);
  });

  it('compares instants, not strings, when offsets differ', () => {
    // 13:00+02:00 is 11:00Z: 7 days after the young person's rating exactly.
    const yp = rating('yp', '2026-11-12T11:00:00.000Z', 9, 'young-person');
    const coach = rating('coach', '2026-11-19T13:00:00.000+02:00', 2, 'coach');
    expect(findDisagreements([yp, coach])).toHaveLength(1);
  });

  it('does not change the ratings it is given', () => {
    const ratings = [
      rating('coach', '2026-11-13T10:00:00.000Z', 4, 'coach'),
      rating('yp', '2026-11-12T10:00:00.000Z', 8, 'young-person'),
    ];
    const copy = structuredClone(ratings);
    findDisagreements(ratings);
    expect(ratings).toEqual(copy);
  });
});

describe('latestDisagreement', () => {
  it('is the most recent pair, or null when the views are close', () => {
    const ratings = [
      rating('yp1', '2026-11-01T10:00:00.000Z', 8, 'young-person'),
      rating('c1', '2026-11-01T10:00:00.000Z', 4, 'coach'),
      rating('yp2', '2026-11-20T10:00:00.000Z', 2, 'young-person'),
      rating('c2', '2026-11-21T10:00:00.000Z', 7, 'coach'),
    ];
    expect(latestDisagreement(ratings)).toMatchObject({
      youngPerson: { id: 'yp2' },
      coach: { id: 'c2' },
      difference: 5,
    });
    expect(latestDisagreement([])).toBeNull();
    expect(latestDisagreement(ratings.slice(0, 1))).toBeNull();
  });
});
