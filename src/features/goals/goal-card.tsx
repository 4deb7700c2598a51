import { Link } from 'react-router-dom';
import { DomainChip } from '../../components/ui/domain-chip';
import { latestDisagreement } from '../../domain/disagreement';
import { findMove } from '../../domain/framework';
import { describeProgress, goalProgress } from '../../domain/progress';
import { GOAL_STATUS_LABELS, type Goal, type Rating } from '../../domain/schemas';
import { goalPaths, progressRatersPhrase, setByPhrase } from './goal-model';
import { GoalViewsNote } from './goal-views';
import './goal-status.css';

interface GoalCardProps {
  youngPersonId: string;
  goal: Goal;
  ratings: readonly Rating[];
}

/**
 * One goal on the young person's page: the words first, then links, who set it, progress and
 * who gave its scores, and a note when the young person and the coach see it differently.
 */
export function GoalCard({ youngPersonId, goal, ratings }: GoalCardProps) {
  const progress = goalProgress(ratings);
  const raters = progressRatersPhrase(ratings);
  const disagreement = latestDisagreement(ratings);
  const moves = goal.moves.flatMap((id) => findMove(id)?.practitioner ?? []);
  return (
    <article className={`goal-card goal-card--${goal.status}`}>
      <p className="goal-card__words">
        <Link to={goalPaths.goal(youngPersonId, goal.id)}>“{goal.text}”</Link>
      </p>
      <ul className="goal-card__domains" aria-label="Domains">
        {goal.domains.map((d) => (
          <li key={d}>
            <DomainChip domain={d} />
          </li>
        ))}
      </ul>
      {moves.length > 0 && (
        <p className="goal-card__moves">
          <span className="goal-card__label">Moves: </span>
          {moves.join('; ')}
        </p>
      )}
      <p className="goal-card__meta">
        <span className={`goal-status goal-status--${goal.status}`}>
          <span className="visually-hidden">Status: </span>
          {GOAL_STATUS_LABELS[goal.status]}
        </span>{' '}
        <span>{setByPhrase(goal.setBy)}</span>
      </p>
      <p className="goal-card__progress">{describeProgress(progress)}</p>
      {raters && <p className="goal-card__raters">{raters}</p>}
      {disagreement && <GoalViewsNote disagreement={disagreement} />}
    </article>
  );
}
