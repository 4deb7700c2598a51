/**
 * The words the resilience map shows, for the coach's side and the young person's space.
 * Pure: no React.
 */
import { findMove, type Move } from '../../../domain/framework';
import type { MapTileState } from '../../../domain/schemas';

export type MapWording = 'coach' | 'young-person';

/** The two toggle buttons on every tile, in the young person's voice on both sides. */
export const TILE_BUTTONS: readonly { state: MapTileState; label: string }[] = [
  { state: 'strength', label: 'I already do this' },
  { state: 'try', label: "I'd like to try this" },
];

/** A move's name in the wording of the side it is shown on. */
export function moveName(move: Move, wording: MapWording): string {
  return wording === 'young-person' ? move.youngPerson : move.practitioner;
}

/** The tile's state in a word, so it never rests on colour alone. */
export function tileStateWord(state: MapTileState | undefined, wording: MapWording): string {
  if (state === 'strength') return wording === 'young-person' ? 'You already do this' : 'Strength';
  if (state === 'try') return wording === 'young-person' ? "You'd like to try this" : 'To try';
  return wording === 'young-person' ? 'Not chosen yet' : 'Not marked';
}

/** A domain's marked tiles in words: "3 already, 1 to try". */
export function domainCountWords(strengths: number, toTry: number): string {
  if (strengths === 0 && toTry === 0) return 'Nothing marked yet';
  return `${strengths} already, ${toTry} to try`;
}

/** Labels for the ErrorSummary: "examples.<moveId>" becomes "Example for <move>". */
export function mapErrorLabels(
  errors: Readonly<Record<string, string>>,
  wording: MapWording,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key of Object.keys(errors)) {
    const [field, moveId] = key.split('.');
    const move = moveId ? findMove(moveId) : undefined;
    if (!move) continue;
    labels[key] = `${field === 'examples' ? 'Example for' : 'Tile'} “${moveName(move, wording)}”`;
  }
  return labels;
}
