import { Link } from 'react-router-dom';
import { GOAL_STATUS_LABELS } from '../../domain/schemas';
import type { GoalWithOwner } from './framework-model';

interface LinkedGoalsProps {
  /** Undefined while the caseload is loading. */
  goals: GoalWithOwner[] | undefined;
}

/** The caseload's goals linked to one move: the young person's words, then their name. */
export function LinkedGoals({ goals }: LinkedGoalsProps) {
  if (goals === undefined) return null;
  if (goals.length === 0) {
    return <p className="framework-move__none">No goals linked yet</p>;
  }
  return (
    <ul className="framework-move__goals" aria-label="Goals linked to this move">
      {goals.map(({ goal, youngPerson }) => {
        const notes = [
          goal.status !== 'active' ? GOAL_STATUS_LABELS[goal.status].toLowerCase() : null,
          youngPerson.status === 'closed' ? 'case closed' : null,
        ].filter(Boolean);
        return (
          <li key={goal.id}>
            <Link
              className="framework-move__goal"
              to={`/young-people/${youngPerson.id}/goals/${goal.id}`}
            >
              <span className="framework-move__goal-text">“{goal.text}”</span>{' '}
              <span className="framework-move__goal-owner">
                {youngPerson.name}
                {notes.length > 0 && ` (${notes.join(', ')})`}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
