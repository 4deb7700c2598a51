import { describe, expect, it } from 'vitest';
import {
  growthWords,
  mapGrowth,
  movesToTry,
  setExample,
  setTile,
  strengths,
  strengthsByDomain,
  toggleTile,
  tryByDomain,
} from '../../../src/domain/resilience-map';
import type { MapTiles } from '../../../src/domain/schemas';

const first = {
  tiles: {
    'coping-laugh': 'strength',
    'basics-sleep': 'strength',
    'coping-brave': 'try',
    'learning-mentors': 'try',
    'basics-play': 'try',
  },
} satisfies { tiles: MapTiles };

const latest = {
  tiles: {
    'basics-sleep': 'strength',
    'coping-laugh': 'strength',
    'coping-brave': 'strength',
    'coping-calm-down': 'strength',
    'coping-boundaries': 'strength',
    'coping-tomorrow': 'strength',
    'belonging-make-friends': 'strength',
    'core-self-hope': 'try',
    'basics-play': 'try',
  },
} satisfies { tiles: MapTiles };

describe('strengthsByDomain and tryByDomain', () => {
  it('groups the marked moves by domain in framework order', () => {
    expect(strengthsByDomain(latest)).toEqual({
      basics: ['basics-sleep'],
      belonging: ['belonging-make-friends'],
      learning: [],
      coping: [
        'coping-boundaries',
        'coping-brave',
        'coping-calm-down',
        'coping-tomorrow',
        'coping-laugh',
      ],
      'core-self': [],
    });
    expect(tryByDomain(first)).toEqual({
      basics: ['basics-play'],
      belonging: [],
      learning: ['learning-mentors'],
      coping: ['coping-brave'],
      'core-self': [],
    });
  });

  it('gives every domain empty for no map', () => {
    expect(Object.values(strengthsByDomain(null)).flat()).toEqual([]);
  });
});

describe('movesToTry and strengths', () => {
  it('lists the moves in framework order, whatever order they were marked in', () => {
    expect(movesToTry(first)).toEqual(['basics-play', 'learning-mentors', 'coping-brave']);
    expect(movesToTry(latest)).toEqual(['basics-play', 'core-self-hope']);
    expect(strengths(first)).toEqual(['basics-sleep', 'coping-laugh']);
    expect(movesToTry(undefined)).toEqual([]);
  });
});

describe('mapGrowth', () => {
  it('counts strengths per domain at the first map and now', () => {
    expect(mapGrowth(first, latest)).toEqual([
      { domain: 'basics', name: 'Basics', first: 1, now: 1, difference: 0 },
      { domain: 'belonging', name: 'Belonging', first: 0, now: 1, difference: 1 },
      { domain: 'learning', name: 'Learning', first: 0, now: 0, difference: 0 },
      { domain: 'coping', name: 'Coping', first: 1, now: 5, difference: 4 },
      { domain: 'core-self', name: 'Core Self', first: 0, now: 0, difference: 0 },
    ]);
  });

  it('shows a strength no longer marked as a fall', () => {
    const coping = mapGrowth(latest, first).find((row) => row.domain === 'coping');
    expect(coping).toEqual({ domain: 'coping', name: 'Coping', first: 5, now: 1, difference: -4 });
  });

  it('starts every domain from 0 without a first map', () => {
    expect(mapGrowth(null, first).map((row) => row.first)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('growthWords', () => {
  it('says in the young person’s words what grew', () => {
    expect(growthWords(mapGrowth(first, latest), 'young-person')).toEqual([
      'You found 1 more thing you already do in Belonging.',
      'You found 4 more things you already do in Coping.',
    ]);
  });

  it('uses the practitioner wording for the coach, and says when a domain fell', () => {
    const growth = mapGrowth(first, latest).map((row) =>
      row.domain === 'basics' ? { ...row, now: 0, difference: -1 } : row,
    );
    expect(growthWords(growth, 'coach')).toEqual([
      '1 fewer strength in Basics than at the first map.',
      '1 more strength in Belonging since the first map.',
      '4 more strengths in Coping since the first map.',
    ]);
    expect(growthWords(mapGrowth(latest, first), 'young-person')).toContain(
      'You marked 4 fewer things you already do in Coping than on your first map.',
    );
  });

  it('says when nothing changed', () => {
    expect(growthWords(mapGrowth(first, first), 'young-person')).toEqual([
      'You have the same number of things you already do as on your first map.',
    ]);
    expect(growthWords(mapGrowth(first, first), 'coach')).toEqual([
      'The same number of strengths in every domain as at the first map.',
    ]);
  });
});

describe('setTile, toggleTile and setExample', () => {
  it('sets, switches and clears a tile without changing the input', () => {
    const tiles: MapTiles = { 'coping-brave': 'try' };
    expect(toggleTile(tiles, 'coping-brave', 'strength')).toEqual({ 'coping-brave': 'strength' });
    expect(toggleTile(tiles, 'coping-brave', 'try')).toEqual({});
    expect(toggleTile(tiles, 'basics-sleep', 'try')).toEqual({
      'coping-brave': 'try',
      'basics-sleep': 'try',
    });
    expect(setTile(tiles, 'coping-brave', null)).toEqual({});
    expect(tiles).toEqual({ 'coping-brave': 'try' });
  });

  it('sets an example and removes an emptied one', () => {
    const examples = { 'basics-sleep': 'Bed at nine' };
    expect(setExample(examples, 'coping-laugh', 'Funny videos')).toEqual({
      'basics-sleep': 'Bed at nine',
      'coping-laugh': 'Funny videos',
    });
    expect(setExample(examples, 'basics-sleep', '')).toEqual({});
    expect(examples).toEqual({ 'basics-sleep': 'Bed at nine' });
  });
});
