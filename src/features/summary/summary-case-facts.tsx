import type { GoalSummary } from '../../domain/summary';
import { formatDate } from '../../lib/dates';

function orNone(text: string | null | undefined): string {
  return text && text !== '' ? text : 'Not recorded';
}

function supportLength(summary: GoalSummary): string {
  const sessions = `${summary.sessionCount} ${summary.sessionCount === 1 ? 'session' : 'sessions'}`;
  if (summary.supportDays === null) return sessions;
  const days = `${summary.supportDays} ${summary.supportDays === 1 ? 'day' : 'days'}`;
  return `${sessions} over ${days}`;
}

/** The case at a glance: programme, dates, sessions, length of support and closure. */
export function SummaryCaseFacts({ summary }: { summary: GoalSummary }) {
  const facts: [string, string][] = [
    ['Programme', orNone(summary.programme)],
    ['Referral date', orNone(formatDate(summary.referralDate))],
    ['First session', orNone(formatDate(summary.firstSessionDate))],
    ['Last session', orNone(formatDate(summary.lastSessionDate))],
    ['Number of sessions', String(summary.sessionCount)],
    ['Length of support', supportLength(summary)],
    ['Case', summary.status === 'closed' ? `Closed on ${formatDate(summary.closedOn)}` : 'Open'],
  ];
  if (summary.status === 'closed') {
    facts.push(['Reason for closing', orNone(summary.closureReasonText)]);
  }
  return (
    <section aria-labelledby="summary-case-title" className="summary-block">
      <h2 id="summary-case-title">The case</h2>
      <dl className="summary-facts">
        {facts.map(([term, value]) => (
          <div key={term} className="summary-facts__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
