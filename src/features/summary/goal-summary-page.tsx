import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { MissingMessage } from '../../components/ui/missing-message';
import { PageHeader } from '../../components/ui/page-header';
import { formatDate, toIsoDate } from '../../lib/dates';
import { PrintRunningLine } from './print-running-line';
import type { SummaryChart } from './summary-chart';
import { SummaryActions } from './summary-actions';
import { SummaryCaseFacts } from './summary-case-facts';
import { SummaryFeedback } from './summary-feedback';
import { SummaryGoal } from './summary-goal';
import { SummaryPractice } from './summary-practice';
import { useGoalSummary } from '../../db/hooks/records';
import './summary.css';

export interface GoalSummaryPageProps {
  /** Draws a goal's progress chart, e.g. `(chart) => <GoalChart {...chart} />`. */
  renderChart?: (chart: SummaryChart) => ReactNode;
}

/** One young person's goal summary, ready to print (A4) or download as CSV or JSON. */
export function GoalSummaryPage({ renderChart }: GoalSummaryPageProps) {
  const { youngPersonId } = useParams();
  const data = useGoalSummary(youngPersonId);

  if (data === undefined) return <p role="status">Loading…</p>;
  if (data === null) {
    return (
      <MissingMessage title="Young person not found">
        There is no young person at this address. They may have been removed, or the link may be
        wrong.
      </MissingMessage>
    );
  }

  const { summary, detail } = data;
  const today = toIsoDate(new Date());
  const line = <PrintRunningLine name={summary.name} title="Goal summary" date={today} />;

  return (
    <div className="print-page summary-page">
      <PageHeader
        title={`Goal summary: ${summary.name}`}
        documentTitle="Goal summary"
        back={{ to: `/young-people/${summary.youngPersonId}`, label: `Back to ${summary.name}` }}
      >
        <p className="summary-page__made">Made on {formatDate(today)}</p>
      </PageHeader>
      <SummaryActions summary={summary} detail={detail} today={today} />
      <SummaryCaseFacts summary={summary} />
      <section aria-labelledby="summary-goals-title">
        <h2 id="summary-goals-title">Goals</h2>
        <p>
          A change of {summary.threshold} points or more, up or down, counts as reliable change.
        </p>
        {summary.goals.length === 0 ? (
          <p>No goals were set.</p>
        ) : (
          summary.goals.map((row) => (
            <SummaryGoal key={row.goalId} row={row} renderChart={renderChart} runningLine={line} />
          ))
        )}
      </section>
      <SummaryPractice summary={summary} runningLine={line} />
      <SummaryFeedback summary={summary} runningLine={line} />
    </div>
  );
}
