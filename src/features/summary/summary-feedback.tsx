import type { ReactNode } from 'react';
import type { GoalSummary } from '../../domain/summary';

function outOfTen(value: number | null): string {
  return value === null ? 'Not given' : `${value} out of 10`;
}

/** Satisfaction out of 10 and comments given at closure, from the young person and a parent or carer. */
export function SummaryFeedback({
  summary,
  runningLine,
}: {
  summary: GoalSummary;
  runningLine: ReactNode;
}) {
  const voices = [
    {
      who: 'The young person',
      satisfaction: summary.youngPersonSatisfaction,
      comments: summary.youngPersonComments,
    },
    {
      who: 'A parent or carer',
      satisfaction: summary.parentCarerSatisfaction,
      comments: summary.parentCarerComments,
    },
  ];
  return (
    <section aria-labelledby="summary-feedback-title" className="summary-block">
      {runningLine}
      <h2 id="summary-feedback-title">Satisfaction and comments</h2>
      {summary.status !== 'closed' ? (
        <p>These are asked for when the case closes.</p>
      ) : (
        voices.map(({ who, satisfaction, comments }) => (
          <div key={who} className="summary-feedback__voice">
            <h3>{who}</h3>
            <p>Satisfaction: {outOfTen(satisfaction)}</p>
            <p>{comments ? `Comments: “${comments}”` : 'No comments given.'}</p>
          </div>
        ))
      )}
    </section>
  );
}
