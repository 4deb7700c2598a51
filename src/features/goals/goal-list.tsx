import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { Goal, GoalStatus, Rating } from '../../domain/schemas';
import { GoalCard } from './goal-card';
import { goalPaths, groupByStatus } from './goal-model';
import './goal-list.css';

export interface GoalListProps {
  youngPersonId: string;
  /** Active goals first (the query already orders them). */
  goals: { goal: Goal; ratings: Rating[] }[];
}

const GROUP_TITLES: Record<GoalStatus, string> = {
  active: 'Active goals',
  achieved: 'Achieved goals',
  stopped: 'Stopped goals',
};

/** A young person's goals as cards, grouped by status: active, then achieved, then stopped. */
export function GoalList({ youngPersonId, goals }: GoalListProps) {
  const idPrefix = `goal-list${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  if (goals.length === 0) {
    return (
      <div className="empty-state">
        <p>No goals yet</p>
        <Link to={goalPaths.add(youngPersonId)} className="button">
          Add goal
        </Link>
      </div>
    );
  }
  const groups = groupByStatus(goals);
  return (
    <div className="goal-list">
      {(['active', 'achieved', 'stopped'] as const).map((status) => {
        const items = groups[status];
        if (items.length === 0 && status !== 'active') return null;
        const titleId = `${idPrefix}-${status}`;
        return (
          <section key={status} aria-labelledby={titleId} className="goal-list__group">
            <h3 id={titleId}>
              {GROUP_TITLES[status]} ({items.length})
            </h3>
            {items.length === 0 ? (
              <p>No active goals right now.</p>
            ) : (
              <ul className="goal-list__cards">
                {items.map(({ goal, ratings }) => (
                  <li key={goal.id}>
                    <GoalCard youngPersonId={youngPersonId} goal={goal} ratings={ratings} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
