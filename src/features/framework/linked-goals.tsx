import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ShowMore } from '../../components/ui/show-more';
import { useShowMore } from '../../components/ui/use-show-more';
import { GOAL_STATUS_LABELS } from '../../domain/schemas';
import { countGoals, type GoalWithOwner } from './framework-model';
import '../../components/ui/ui.css';

/** How many linked goals an opened move shows at first, and adds with each "Show more". */
export const LINKED_GOALS_PAGE_SIZE = 50;

interface LinkedGoalsProps {
  /** The move's number, to tell one move's button from another's. */
  moveNumber: number;
  /** Undefined while the caseload is loading. */
  goals: GoalWithOwner[] | undefined;
}

/**
 * The caseload's goals linked to one move: how many, as a button that opens the list (the
 * young person's words, then their name). A big caseload links thousands of goals, so the
 * lists are drawn only when opened, and a long one 50 at a time.
 */
export function LinkedGoals({ moveNumber, goals }: LinkedGoalsProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const { limit, focusIndex, focusRef, showMore } =
    useShowMore<HTMLAnchorElement>(LINKED_GOALS_PAGE_SIZE);
  if (goals === undefined) return null;
  if (goals.length === 0) {
    return <p className="framework-move__none">No goals linked yet</p>;
  }
  const visible = goals.slice(0, limit);
  return (
    <div className="framework-move__linked">
      <button
        type="button"
        className="framework-move__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <span className="chevron" aria-hidden="true" />
        {countGoals(goals.length)} linked{' '}
        <span className="visually-hidden">to move {moveNumber}</span>
      </button>
      <div id={panelId} hidden={!open}>
        {open && (
          <>
            <ul className="framework-move__goals" aria-label={`Goals linked to move ${moveNumber}`}>
              {visible.map(({ goal, youngPerson }, index) => {
                const notes = [
                  goal.status !== 'active' ? GOAL_STATUS_LABELS[goal.status].toLowerCase() : null,
                  youngPerson.status === 'closed' ? 'case closed' : null,
                ].filter(Boolean);
                return (
                  <li key={goal.id}>
                    <Link
                      className="framework-move__goal"
                      to={`/young-people/${youngPerson.id}/goals/${goal.id}`}
                      ref={index === focusIndex ? focusRef : undefined}
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
            {goals.length > LINKED_GOALS_PAGE_SIZE && (
              <ShowMore
                shown={visible.length}
                total={goals.length}
                step={LINKED_GOALS_PAGE_SIZE}
                onShowMore={() => showMore(visible.length)}
              />
            )}
          </>
        )}
      </div>
    </div>
  );
}
