import { Link, useParams } from 'react-router-dom';
import { MissingMessage } from '../../components/ui/missing-message';
import { PageHeader } from '../../components/ui/page-header';
import { useYoungPersonDetail } from '../../db/hooks/core';
import { countRatingsBySession } from '../../domain/rating-rules';
import { GoalList } from '../../features/goals/goal-list';
import { GoalCharts } from '../../features/progress/goal-charts';
import { SessionList } from '../../features/sessions/session-list';
import { DamagedRecordsNotice } from '../../features/damaged-records/damaged-records-notice';
import { CaseSection } from './case-section';
import { HandOverButton } from './hand-over-button';
import { YoungPersonFacts } from '../../features/young-people/young-person-facts';
import './young-person-route.css';

/** A young person's page: their details, goals, progress charts and sessions. */
export function YoungPersonRoute() {
  const { youngPersonId } = useParams();
  const detail = useYoungPersonDetail(youngPersonId);

  if (detail === undefined) return <p role="status">Loading…</p>;
  if (detail === null) {
    return (
      <MissingMessage title="Young person not found">
        There is no young person at this address. They may have been removed.
      </MissingMessage>
    );
  }

  const { youngPerson: yp, goals, sessions } = detail;
  const base = `/young-people/${yp.id}`;
  const isOpen = yp.status === 'open';
  const ratingsBySession = countRatingsBySession(goals);
  const chartGoals = goals
    .filter(({ goal }) => goal.status !== 'stopped')
    .map(({ goal, ratings }) => ({ id: goal.id, text: goal.text, domains: goal.domains, ratings }));

  return (
    <>
      <PageHeader
        title={yp.name}
        documentTitle="Young person"
        back={{ to: '/', label: 'Back to caseload' }}
        actions={
          isOpen && (
            <>
              <Link to={`${base}/sessions/new`} className="button">
                Log session
              </Link>
              <Link to={`${base}/goals/new`} className="button button--secondary">
                Add goal
              </Link>
              <HandOverButton youngPerson={yp} />
            </>
          )
        }
      >
        <YoungPersonFacts youngPerson={yp} />
      </PageHeader>

      <DamagedRecordsNotice youngPersonId={yp.id} />

      <CaseSection youngPerson={yp} goals={goals.map(({ goal }) => goal)} />

      <section aria-labelledby="goals-title" className="yp-section">
        <h2 id="goals-title">Goals</h2>
        <GoalList youngPersonId={yp.id} goals={goals} />
      </section>

      <section aria-labelledby="progress-title" className="yp-section">
        <h2 id="progress-title">Progress</h2>
        <p className="yp-section__intro">
          Each goal's scores from 0 (not started) to 10 (reached it), over time. The dashed line is
          where the goal started.
        </p>
        <GoalCharts goals={chartGoals} />
      </section>

      <section aria-labelledby="sessions-title" className="yp-section">
        <h2 id="sessions-title">Sessions</h2>
        <SessionList
          youngPersonId={yp.id}
          sessions={sessions}
          ratingsBySession={ratingsBySession}
        />
      </section>
    </>
  );
}
