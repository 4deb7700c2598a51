/**
 * The resilience map: which moves a young person already does (strengths) and would like
 * to try, by domain, and how the map grew between snapshots. Pure TypeScript: no React,
 * no Dexie, no clock.
 */
import { DOMAIN_IDS, MOVES, getDomain, type DomainId } from './framework';
import type { MapExamples, MapTileState, MapTiles } from './schemas';

/** Anything with tiles: a saved snapshot or the map being edited. */
export interface MapLike {
  tiles: Readonly<MapTiles>;
}

/** Move ids per domain, each in framework order. */
export type MovesByDomain = Record<DomainId, string[]>;

/** One domain's strengths at the first map and now. */
export interface DomainGrowth {
  domain: DomainId;
  /** The domain's name, e.g. "Coping". */
  name: string;
  first: number;
  now: number;
  /** now - first */
  difference: number;
}

export type MapWording = 'coach' | 'young-person';

function byDomain(map: MapLike | null | undefined, state: MapTileState): MovesByDomain {
  const out: MovesByDomain = {
    basics: [],
    belonging: [],
    learning: [],
    coping: [],
    'core-self': [],
  };
  for (const move of MOVES) {
    if (map?.tiles[move.id] === state) out[move.domain].push(move.id);
  }
  return out;
}

/** The moves marked "I already do this", by domain, in framework order. */
export function strengthsByDomain(map: MapLike | null | undefined): MovesByDomain {
  return byDomain(map, 'strength');
}

/** The moves marked "I'd like to try this", by domain, in framework order. */
export function tryByDomain(map: MapLike | null | undefined): MovesByDomain {
  return byDomain(map, 'try');
}

/** The moves marked "I'd like to try this", in framework order. */
export function movesToTry(map: MapLike | null | undefined): string[] {
  return MOVES.filter((m) => map?.tiles[m.id] === 'try').map((m) => m.id);
}

/** The moves marked "I already do this", in framework order. */
export function strengths(map: MapLike | null | undefined): string[] {
  return MOVES.filter((m) => map?.tiles[m.id] === 'strength').map((m) => m.id);
}

/**
 * Strengths per domain at the first map and now, in framework order. With no first map
 * every domain starts from 0.
 */
export function mapGrowth(
  first: MapLike | null | undefined,
  latest: MapLike | null | undefined,
): DomainGrowth[] {
  const before = strengthsByDomain(first);
  const after = strengthsByDomain(latest);
  return DOMAIN_IDS.map((domain) => {
    const was = before[domain].length;
    const now = after[domain].length;
    return { domain, name: getDomain(domain).name, first: was, now, difference: now - was };
  });
}

const things = (n: number) => (n === 1 ? 'thing' : 'things');
const strengthWord = (n: number) => (n === 1 ? 'strength' : 'strengths');

function sentence(row: DomainGrowth, wording: MapWording): string {
  const n = Math.abs(row.difference);
  if (wording === 'young-person') {
    return row.difference > 0
      ? `You found ${n} more ${things(n)} you already do in ${row.name}.`
      : `You marked ${n} fewer ${things(n)} you already do in ${row.name} than on your first map.`;
  }
  return row.difference > 0
    ? `${n} more ${strengthWord(n)} in ${row.name} since the first map.`
    : `${n} fewer ${strengthWord(n)} in ${row.name} than at the first map.`;
}

/**
 * The growth in words, one sentence per domain that changed, in framework order:
 * "You found 4 more things you already do in Coping." (young person) or
 * "4 more strengths in Coping since the first map." (coach). One sentence when nothing changed.
 */
export function growthWords(growth: readonly DomainGrowth[], wording: MapWording): string[] {
  const changed = growth.filter((row) => row.difference !== 0);
  if (changed.length > 0) return changed.map((row) => sentence(row, wording));
  return wording === 'young-person'
    ? ['You have the same number of things you already do as on your first map.']
    : ['The same number of strengths in every domain as at the first map.'];
}

/** The tiles with one tile set to a state, or made blank with null. Never changes the input. */
export function setTile(
  tiles: Readonly<MapTiles>,
  moveId: string,
  state: MapTileState | null,
): MapTiles {
  const next: MapTiles = { ...tiles };
  if (state === null) delete next[moveId];
  else next[moveId] = state;
  return next;
}

/**
 * Pressing a tile's button: sets that state, or clears the tile when the state is already
 * set (the two buttons are exclusive).
 */
export function toggleTile(
  tiles: Readonly<MapTiles>,
  moveId: string,
  state: MapTileState,
): MapTiles {
  return setTile(tiles, moveId, tiles[moveId] === state ? null : state);
}

/** The examples with one example changed; an empty example is removed. */
export function setExample(
  examples: Readonly<MapExamples>,
  moveId: string,
  text: string,
): MapExamples {
  const next: MapExamples = { ...examples };
  if (text === '') delete next[moveId];
  else next[moveId] = text;
  return next;
}
