import { DOMAINS, MOVES, type Domain, type DomainId, type Move } from '../../domain/framework';
import type { Goal, YoungPerson } from '../../domain/schemas';
import { compareNames, compareText } from '../../lib/compare-text';

/** A goal with the young person it belongs to. */
export interface GoalWithOwner {
  goal: Goal;
  youngPerson: YoungPerson;
}

const fold = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-GB').replace(/\s+/g, ' ').trim();

/** True when the query is empty or found in either wording of the move (ignoring case and accents). */
export function moveMatches(move: Move, query: string): boolean {
  const q = fold(query);
  if (!q) return true;
  return fold(move.practitioner).includes(q) || fold(move.youngPerson).includes(q);
}

/** The five domains in framework order, each with its moves that match the query. */
export function domainsWithMoves(query: string): { domain: Domain; moves: Move[] }[] {
  return DOMAINS.map((domain) => ({
    domain,
    moves: MOVES.filter((m) => m.domain === domain.id && moveMatches(m, query)),
  }));
}

const STATUS_ORDER = { active: 0, achieved: 1, stopped: 2 } as const;

/** Active goals of open cases first, then by young person's name, then by the goal's words. */
function compareGoals(a: GoalWithOwner, b: GoalWithOwner): number {
  const open = Number(b.youngPerson.status === 'open') - Number(a.youngPerson.status === 'open');
  return (
    open ||
    STATUS_ORDER[a.goal.status] - STATUS_ORDER[b.goal.status] ||
    compareNames(a.youngPerson.name, b.youngPerson.name) ||
    compareText(a.goal.text, b.goal.text)
  );
}

/** The goals linked to each move, keyed by move id, in a stable reading order. */
export function goalsByMove(rows: readonly GoalWithOwner[]): Map<string, GoalWithOwner[]> {
  const byMove = new Map<string, GoalWithOwner[]>();
  for (const row of [...rows].sort(compareGoals)) {
    for (const moveId of row.goal.moves) {
      const list = byMove.get(moveId);
      if (list) list.push(row);
      else byMove.set(moveId, [row]);
    }
  }
  return byMove;
}

/** How many goals are linked to each domain (a goal linked to two domains counts in both). */
export function goalCountsByDomain(rows: readonly GoalWithOwner[]): Map<DomainId, number> {
  const counts = new Map<DomainId, number>(DOMAINS.map((d) => [d.id, 0]));
  for (const { goal } of rows) {
    for (const id of new Set(goal.domains)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** "1 goal" / "3 goals" */
export function countGoals(n: number): string {
  return `${n} ${n === 1 ? 'goal' : 'goals'}`;
}
