import { describe, expect, it } from 'vitest';
import type { ResilienceMap } from '../../../../src/domain/schemas';
import {
  latestMovesToTry,
  sessionMovesHint,
  suggestedSessionMoves,
} from '../../../../src/features/sessions/session-model';

describe('suggestedSessionMoves', () => {
  it('puts the moves to try first, then the goals’ moves, each once', () => {
    expect(
      suggestedSessionMoves(
        ['coping-brave', 'belonging-make-friends'],
        ['coping-calm-down', 'coping-brave'],
      ),
    ).toEqual(['coping-brave', 'belonging-make-friends', 'coping-calm-down']);
  });

  it('keeps the goals’ moves alone when there is no map', () => {
    expect(suggestedSessionMoves([], ['coping-calm-down'])).toEqual(['coping-calm-down']);
    expect(suggestedSessionMoves([], [])).toEqual([]);
  });
});

describe('sessionMovesHint', () => {
  it('says the map’s moves come first only when there are some', () => {
    expect(sessionMovesHint(['coping-brave'])).toMatch(/like to try \(from their resilience map\)/);
    expect(sessionMovesHint([])).toBe('Optional. Moves linked to the goals are suggested first.');
  });
});

describe('latestMovesToTry', () => {
  const snapshot = (tiles: ResilienceMap['tiles'], savedAt: string): ResilienceMap => ({
    id: `map-${savedAt}`,
    youngPersonId: 'yp-1',
    savedAt,
    updatedAt: savedAt,
    savedBy: 'coach',
    tiles,
    examples: {},
  });

  it('reads the last snapshot only, in framework order', () => {
    expect(
      latestMovesToTry([
        snapshot({ 'coping-laugh': 'try' }, '2026-01-01T10:00:00.000Z'),
        snapshot(
          { 'coping-brave': 'try', 'basics-sleep': 'try', 'coping-laugh': 'strength' },
          '2026-02-01T10:00:00.000Z',
        ),
      ]),
    ).toEqual(['basics-sleep', 'coping-brave']);
  });

  it('is empty before the first map', () => {
    expect(latestMovesToTry([])).toEqual([]);
  });
});
