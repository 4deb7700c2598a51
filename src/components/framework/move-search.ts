import { DOMAINS, findMove, movesOfDomain, type DomainId, type Move } from '../../domain/framework';

/** One group of moves as the picker shows it: "Suggested", or one domain's moves. */
export interface MoveGroup {
  key: string;
  /** The domain, or null for the "Suggested" group. */
  domain: DomainId | null;
  /** True for a domain the caller asked to show first (the goal's own domains). */
  highlighted: boolean;
  moves: Move[];
}

export interface GroupMovesOptions {
  query: string;
  highlightDomains?: readonly DomainId[];
  suggested?: readonly string[];
}

function normalise(text: string): string {
  return text
    .toLocaleLowerCase('en-GB')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when every word of the query appears in the move's practitioner or young-person
 * wording, ignoring case, so "be brave" finds "Being brave" and "yourself" finds the moves
 * whose young-person wording speaks to the young person.
 */
export function moveMatches(move: Move, query: string): boolean {
  const terms = normalise(query).split(' ').filter(Boolean);
  if (terms.length === 0) return true;
  const text = normalise(`${move.practitioner} ${move.youngPerson}`);
  return terms.every((term) => text.includes(term));
}

/**
 * The moves to show, grouped: the suggested moves first (in the order given), then the
 * highlighted domains and then the others, each domain in framework order. A move shows
 * once only, so a suggested move is left out of its domain's group. Groups with no move
 * matching the query are dropped.
 */
export function groupMoves({
  query,
  highlightDomains = [],
  suggested = [],
}: GroupMovesOptions): MoveGroup[] {
  const suggestedMoves = [...new Set(suggested)].flatMap((id) => {
    const move = findMove(id);
    return move ? [move] : [];
  });
  const suggestedIds = new Set(suggestedMoves.map((m) => m.id));
  const highlighted = new Set(highlightDomains);
  const domainOrder = [
    ...DOMAINS.filter((d) => highlighted.has(d.id)),
    ...DOMAINS.filter((d) => !highlighted.has(d.id)),
  ];
  const groups: MoveGroup[] = [
    { key: 'suggested', domain: null, highlighted: false, moves: suggestedMoves },
    ...domainOrder.map((d) => ({
      key: d.id,
      domain: d.id,
      highlighted: highlighted.has(d.id),
      moves: movesOfDomain(d.id).filter((m) => !suggestedIds.has(m.id)),
    })),
  ];
  return groups
    .map((group) => ({ ...group, moves: group.moves.filter((m) => moveMatches(m, query)) }))
    .filter((group) => group.moves.length > 0);
}

/**
 * The live count under the search box: "1 move shown", "12 moves shown", "12 of 42 moves
 * shown" when some groups are closed, or a nudge when every group is closed.
 */
export function describeMoveCount(shown: number, total = shown): string {
  if (shown === 0 && total > 0)
    return `${total} moves, grouped by domain: open a domain or search.`;
  const moves = `${shown === 1 ? 'move' : 'moves'} shown`;
  return shown === total ? `${shown} ${moves}` : `${shown} of ${total} ${moves}`;
}

/** The count on a domain's open/close button: "(9 moves)", "(9 moves, 2 chosen)". */
export function describeDomainCount(moves: number, chosen: number): string {
  const count = `${moves} ${moves === 1 ? 'move' : 'moves'}`;
  return chosen > 0 ? `(${count}, ${chosen} chosen)` : `(${count})`;
}
