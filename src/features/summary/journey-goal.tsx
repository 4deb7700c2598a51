import type { ReactNode } from 'react';
import { DomainChip } from '../../components/ui/domain-chip';
import { findMove, getDomain } from '../../domain/framework';
import { journeyCheer, journeyLine, type GoalSummaryRow } from '../../domain/summary';
import type { SummaryChart } from './summary-chart';
import { SummaryRatingsTable } from './summary-ratings-table';

interface JourneyGoalProps {
  row: GoalSummaryRow;
  renderChart?: (chart: SummaryChart) => ReactNode;
  runningLine: ReactNode;
}

/** One goal in the young person's words: where they started, where they got to, and a cheer. */
export function JourneyGoal({ row, renderChart, runningLine }: JourneyGoalProps) {
  const headingId = `journey-goal-${row.goalId}`;
  const first = getDomain(row.domains[0] ?? 'basics');
  const cheer = journeyCheer(row);
  const moves = row.moves.flatMap((id) => findMove(id)?.youngPerson ?? []);
  return (
    <section
      className="summary-block summary-goal"
      aria-labelledby={headingId}
      style={{ borderLeftColor: first.colour }}
    >
      {runningLine}
      <h3 id={headingId}>“{row.text}”</h3>
      <ul className="summary-journey__domains" aria-label="What it is about">
        {row.domains.map((domain) => (
          <li key={domain}>
            <DomainChip domain={domain} wording="young-person" />
          </li>
        ))}
      </ul>
      <p className="summary-journey__words">{journeyLine(row)}</p>
      {cheer && <p className="summary-journey__cheer">{cheer}</p>}
      {moves.length > 0 && <p>Things that help: {moves.join('; ')}</p>}
      {row.ratings.length > 0 &&
        renderChart?.({
          title: row.text,
          ratings: row.ratings,
          colour: first.colour,
          shape: first.shape,
        })}
      <SummaryRatingsTable ratings={row.ratings} goalText={row.text} wording="young-person" />
    </section>
  );
}
