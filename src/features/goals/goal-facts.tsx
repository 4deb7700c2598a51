import { GOAL_STATUS_LABELS, type Goal } from '../../domain/schemas';
import { formatInstantDate } from '../../lib/dates';
import { setByPhrase } from './goal-model';
import './goal-status.css';

/** Status (in words), who set the goal and when. */
export function GoalFacts({ goal }: { goal: Goal }) {
  return (
    <dl className="goal-facts">
      <div>
        <dt>Status</dt>
        <dd>
          <span className={`goal-status goal-status--${goal.status}`}>
            {GOAL_STATUS_LABELS[goal.status]}
          </span>
        </dd>
      </div>
      <div>
        <dt>Who set it</dt>
        <dd>{setByPhrase(goal.setBy)}</dd>
      </div>
      <div>
        <dt>Set on</dt>
        <dd>{formatInstantDate(goal.createdAt)}</dd>
      </div>
    </dl>
  );
}
