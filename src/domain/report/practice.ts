/** The report's "Moves and noble truths" section: what coaches drew on in sessions. */
import { NOBLE_TRUTHS, findMove, type NobleTruthId } from '../framework';
import type { Session } from '../schemas';
import { countBasis } from './figure-helpers';
import type { MoveCount, NobleTruthCount, ReportScope, ServiceReport } from './types';

/** How many moves the report lists. */
export const TOP_MOVES = 10;

/** The moves made in most sessions (a move counts once per session), most first, top ten. */
export function topMoves(sessions: readonly Session[], limit: number = TOP_MOVES): MoveCount[] {
  const counts = new Map<string, number>();
  for (const s of sessions) {
    for (const id of new Set(s.moves)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const rows: MoveCount[] = [];
  for (const [moveId, count] of counts) {
    const move = findMove(moveId);
    if (move) {
      rows.push({
        moveId,
        number: move.number,
        name: move.practitioner,
        domain: move.domain,
        count,
      });
    }
  }
  return rows.sort((a, b) => b.count - a.count || a.number - b.number).slice(0, limit);
}

/** All four noble truths with the number of sessions that drew on each, most first. */
export function nobleTruthCounts(sessions: readonly Session[]): NobleTruthCount[] {
  const counts = new Map<NobleTruthId, number>();
  for (const s of sessions) {
    for (const id of new Set(s.nobleTruths)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return NOBLE_TRUTHS.map((t, order) => ({
    id: t.id,
    name: t.name,
    count: counts.get(t.id) ?? 0,
    order,
  }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ id, name, count }) => ({ id, name, count }));
}

/** The moves made most and the noble truths drawn on, over the sessions counted. */
export function practiceSection(
  scope: ReportScope,
): Pick<ServiceReport, 'topMoves' | 'nobleTruths'> {
  const { sessions } = scope;
  const basis = countBasis(sessions.length, 'sessions');
  return {
    topMoves: { value: topMoves(sessions), basis },
    nobleTruths: { value: nobleTruthCounts(sessions), basis },
  };
}
