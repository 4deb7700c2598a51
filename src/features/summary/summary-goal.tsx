import type { ReactNode } from 'react';
import { DomainChip } from '../../components/ui/domain-chip';
import { findMove, getDomain } from '../../domain/framework';
import { formatChange } from '../../domain/progress';
import { GOAL_OUTCOME_LABELS, GOAL_STATUS_LABELS, RATER_LABELS } from '../../domain/schemas';
import { RELIABLE_CHANGE_LABELS, type GoalSummaryRow, type ScoreAt } from '../../domain/summary';
import { formatDate } from '../../lib/dates';
import { SummaryRatingsTable } from './summary-ratings-table';
import type { SummaryChart } from './summary-chart';

interface SummaryGoalProps {
  row: GoalSummaryRow;
  renderChart?: (chart: SummaryChart) => ReactNode;
  /** Printed at the top of the goal, so a page starting here says whose summary it is. */
  runningLine: ReactNode;
}

function scoreText(score: ScoreAt | null): string {
  if (!score) return 'Not rated';
  return `${score.score} out of 10 on ${formatDate(score.date)} (${RATER_LABELS[score.ratedBy]})`;
}

function changeText(row: GoalSummaryRow): string {
  if (row.change === null || row.reliableChange === null) return 'Needs two ratings';
  return `${formatChange(row.change)}: ${RELIABLE_CHANGE_LABELS[row.reliableChange].toLowerCase()}`;
}

/** One goal of the summary: words, domains, moves, scores, change, chart and ratings. */
export function SummaryGoal({ row, renderChart, runningLine }: SummaryGoalProps) {
  const headingId = `summary-goal-${row.goalId}`;
  const first = getDomain(row.domains[0] ?? 'basics');
  const moves = row.moves.flatMap((id) => findMove(id)?.practitioner ?? []);
  const facts: [string, string][] = [
    ['Starting score', scoreText(row.baseline)],
    ['Closing score', scoreText(row.closing)],
    ['Change', changeText(row)],
    ['Outcome', row.outcome ? GOAL_OUTCOME_LABELS[row.outcome] : 'Not recorded'],
    ['Status', GOAL_STATUS_LABELS[row.status]],
  ];
  return (
    <section
      className="summary-block summary-goal"
      aria-labelledby={headingId}
      style={{ borderLeftColor: first.colour }}
    >
      {runningLine}
      <h3 id={headingId}>
        Goal {row.number}: “{row.text}”
      </h3>
      <ul className="summary-goal__domains" aria-label="Domains">
        {row.domains.map((domain) => (
          <li key={domain}>
            <DomainChip domain={domain} />
          </li>
        ))}
      </ul>
      <p>
        <strong>Moves:</strong> {moves.length > 0 ? moves.join('; ') : 'None linked'}
      </p>
      <dl className="summary-facts">
        {facts.map(([term, value]) => (
          <div key={term} className="summary-facts__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {row.ratings.length > 0 &&
        renderChart?.({
          title: row.text,
          ratings: row.ratings,
          colour: first.colour,
          shape: first.shape,
        })}
      <SummaryRatingsTable ratings={row.ratings} goalText={row.text} />
    </section>
  );
}
