import type { ReactNode } from 'react';
import { findMove, getNobleTruth } from '../../domain/framework';
import type { GoalSummary } from '../../domain/summary';

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

/** The moves made most in sessions and the noble truths drawn on, with counts. */
export function SummaryPractice({
  summary,
  runningLine,
}: {
  summary: GoalSummary;
  runningLine: ReactNode;
}) {
  return (
    <section aria-labelledby="summary-practice-title" className="summary-block">
      {runningLine}
      <h2 id="summary-practice-title">In sessions</h2>
      <h3>Moves made most</h3>
      {summary.topMoves.length === 0 ? (
        <p>No moves recorded in sessions.</p>
      ) : (
        <ol className="summary-counts">
          {summary.topMoves.map(({ id, count }) => (
            <li key={id}>
              {findMove(id)?.practitioner ?? id}: {times(count)}
            </li>
          ))}
        </ol>
      )}
      <h3>Noble truths drawn on</h3>
      {summary.nobleTruths.length === 0 ? (
        <p>No noble truths recorded in sessions.</p>
      ) : (
        <ul className="summary-counts">
          {summary.nobleTruths.map(({ id, count }) => (
            <li key={id}>
              {getNobleTruth(id).name}: {times(count)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
