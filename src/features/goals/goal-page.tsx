import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/ui/page-header';
import { useYoungPersonDetail } from '../../db/hooks/core';
import { latestDisagreement } from '../../domain/disagreement';
import { getDomain, type MarkerShape } from '../../domain/framework';
import { describeProgress, goalProgress } from '../../domain/progress';
import type { Rating } from '../../domain/schemas';
import { GoalFacts } from './goal-facts';
import { GoalLinks } from './goal-links';
import { GoalLinksForm } from './goal-links-form';
import { goalPaths, progressRatersPhrase } from './goal-model';
import { GoalRatingsTable } from './goal-ratings-table';
import { GoalStatusActions } from './goal-status-actions';
import { GoalViews } from './goal-views';
import { MissingMessage } from '../../components/ui/missing-message';
import './goal-page.css';

/** What a progress chart needs; the app layer supplies the chart (features do not import each other). */
export interface GoalPageChart {
  title: string;
  ratings: readonly Rating[];
  colour: string;
  shape: MarkerShape;
}

export interface GoalPageProps {
  /** Draws the goal's progress chart, e.g. `(chart) => <GoalChart {...chart} />`. */
  renderChart?: (chart: GoalPageChart) => ReactNode;
}

/** One goal: its words, links to the framework, progress, ratings and what can be done next. */
export function GoalPage({ renderChart }: GoalPageProps) {
  const { youngPersonId, goalId } = useParams();
  const detail = useYoungPersonDetail(youngPersonId);
  const [editingLinks, setEditingLinks] = useState(false);

  if (detail === undefined) return <p role="status">Loading…</p>;
  const entry = detail?.goals.find((g) => g.goal.id === goalId);
  if (!detail || !entry) {
    return (
      <MissingMessage title="Goal not found">
        There is no goal at this address. It may have been removed, or the link may be wrong.
      </MissingMessage>
    );
  }

  const { youngPerson: yp, sessions } = detail;
  const { goal, ratings } = entry;
  const firstDomain = goal.domains[0] ? getDomain(goal.domains[0]) : null;
  const isOpen = yp.status === 'open';
  const raters = progressRatersPhrase(ratings);
  const disagreement = latestDisagreement(ratings);

  return (
    <>
      <PageHeader
        title={`${yp.name}'s goal`}
        documentTitle="A young person's goal"
        back={{ to: goalPaths.youngPerson(yp.id), label: `Back to ${yp.name}` }}
      >
        <p className="goal-page__words">“{goal.text}”</p>
        <GoalFacts goal={goal} />
      </PageHeader>

      <section aria-labelledby="goal-links-title" className="goal-page__section">
        <h2 id="goal-links-title">Links to the framework</h2>
        {editingLinks ? (
          <GoalLinksForm goal={goal} onDone={() => setEditingLinks(false)} />
        ) : (
          <>
            <GoalLinks goal={goal} />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setEditingLinks(true)}
            >
              Change the goal&apos;s links
            </button>
          </>
        )}
      </section>

      <section aria-labelledby="goal-progress-title" className="goal-page__section">
        <h2 id="goal-progress-title">Progress</h2>
        <p className="goal-page__progress">{describeProgress(goalProgress(ratings))}</p>
        {raters && <p className="goal-page__raters">{raters}</p>}
        {renderChart?.({
          title: goal.text,
          ratings,
          colour: firstDomain?.colour ?? '#1F2937',
          shape: firstDomain?.shape ?? 'circle',
        })}
      </section>

      {disagreement && (
        <section aria-labelledby="goal-views-title" className="goal-page__section">
          <h2 id="goal-views-title">Different views</h2>
          <GoalViews disagreement={disagreement} />
        </section>
      )}

      <section aria-labelledby="goal-ratings-title" className="goal-page__section">
        <h2 id="goal-ratings-title">Ratings</h2>
        <GoalRatingsTable youngPersonId={yp.id} ratings={ratings} sessions={sessions} />
      </section>

      <section aria-labelledby="goal-next-title" className="goal-page__section">
        <h2 id="goal-next-title">What next</h2>
        <GoalStatusActions goal={goal} />
        <p className="goal-page__words-note">
          A goal&apos;s words stay as they were set; to change them, change the goal. The old goal
          is stopped and keeps its ratings, and the new one gets its own starting score.
        </p>
        {isOpen && goal.status !== 'achieved' ? (
          <Link to={goalPaths.replace(yp.id, goal.id)} className="button button--secondary">
            Change this goal
          </Link>
        ) : (
          <p>
            {isOpen
              ? 'This goal was achieved, so it stays as it is.'
              : `${yp.name}'s case is closed, so this goal cannot be changed.`}
          </p>
        )}
      </section>
    </>
  );
}
