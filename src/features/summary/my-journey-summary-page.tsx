import { useId, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { MissingMessage } from '../../components/ui/missing-message';
import { PageHeader } from '../../components/ui/page-header';
import { PlainTextNote } from '../../components/ui/plain-text-note';
import { findMove, getDomain } from '../../domain/framework';
import { domainsInSummary, ownJourneyRow } from '../../domain/summary';
import { formatDate, toIsoDate } from '../../lib/dates';
import { JourneyGoal } from './journey-goal';
import { PrintRunningLine } from './print-running-line';
import type { SummaryChart } from './summary-chart';
import { useGoalSummary } from '../../db/hooks/records';
import './summary.css';

export interface MyJourneySummaryPageProps {
  /** Draws a goal's progress chart, e.g. `(chart) => <GoalChart {...chart} />`. */
  renderChart?: (chart: SummaryChart) => ReactNode;
}

/**
 * "My resilience journey": a page for the young person to keep, in their own wording,
 * celebrating what they did. No notes and nothing only the coach should see.
 */
export function MyJourneySummaryPage({ renderChart }: MyJourneySummaryPageProps) {
  const { youngPersonId } = useParams();
  const data = useGoalSummary(youngPersonId);
  const noteId = useId();

  if (data === undefined) return <p role="status">Loading…</p>;
  if (data === null) {
    return (
      <MissingMessage title="Young person not found">
        There is no young person at this address. They may have been removed, or the link may be
        wrong.
      </MissingMessage>
    );
  }

  const { summary } = data;
  const today = toIsoDate(new Date());
  const line = <PrintRunningLine name={summary.name} title="My resilience journey" date={today} />;
  const sessions = summary.sessionCount;
  const domains = domainsInSummary(summary);

  return (
    <div className="print-page summary-page summary-journey">
      <PageHeader
        title="My resilience journey"
        back={{ to: `/young-people/${summary.youngPersonId}`, label: `Back to ${summary.name}` }}
      >
        <p className="summary-journey__words">{summary.name}, look at everything you have done!</p>
        <p className="summary-page__made">{formatDate(today)}</p>
      </PageHeader>
      <PlainTextNote id={noteId}>
        the printout (or PDF) holds {summary.name}&apos;s goals and ratings in plain text. Anyone
        who finds it can read it: give it to {summary.name}, or keep it somewhere secure.
      </PlainTextNote>
      <div className="summary-actions">
        <button
          type="button"
          className="button"
          aria-describedby={noteId}
          onClick={() => window.print()}
        >
          Print or save as PDF
        </button>
      </div>
      {sessions > 0 && (
        <p>
          We met {sessions === 1 ? 'once' : `${sessions} times`}
          {summary.firstSessionDate && summary.lastSessionDate && sessions > 1
            ? `, from ${formatDate(summary.firstSessionDate)} to ${formatDate(summary.lastSessionDate)}`
            : ''}
          .
        </p>
      )}
      <section aria-labelledby="journey-goals-title">
        <h2 id="journey-goals-title">Your goals</h2>
        {summary.goals.length === 0 ? (
          <p>Your goals will appear here.</p>
        ) : (
          summary.goals.map((row) => (
            <JourneyGoal
              key={row.goalId}
              row={ownJourneyRow(row)}
              renderChart={renderChart}
              runningLine={line}
            />
          ))
        )}
      </section>
      {domains.length > 0 && (
        <section aria-labelledby="journey-areas-title" className="summary-block">
          {line}
          <h2 id="journey-areas-title">The parts of your life you worked on</h2>
          <ul>
            {domains.map((id) => (
              <li key={id}>
                <strong>{getDomain(id).name}</strong>: {getDomain(id).plain}
              </li>
            ))}
          </ul>
        </section>
      )}
      {summary.topMoves.length > 0 && (
        <section aria-labelledby="journey-moves-title" className="summary-block">
          {line}
          <h2 id="journey-moves-title">Things we worked on together</h2>
          <ul>
            {summary.topMoves.map(({ id }) => (
              <li key={id}>{findMove(id)?.youngPerson ?? id}</li>
            ))}
          </ul>
        </section>
      )}
      {summary.youngPersonComments && (
        <section aria-labelledby="journey-said-title" className="summary-block">
          <h2 id="journey-said-title">What you said</h2>
          <p>“{summary.youngPersonComments}”</p>
        </section>
      )}
      <p className="summary-journey__cheer">Well done, {summary.name}. Keep going!</p>
    </div>
  );
}
