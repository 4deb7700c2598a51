import type { Move } from '../../domain/framework';
import type { GoalWithOwner } from './framework-model';
import { LinkedGoals } from './linked-goals';

interface MoveItemProps {
  move: Move;
  goals: GoalWithOwner[] | undefined;
}

/** One resilient move: its number, both wordings and the goals linked to it. */
export function MoveItem({ move, goals }: MoveItemProps) {
  return (
    <li className="framework-move" data-move={move.id}>
      <h3 className="framework-move__title">
        <span className="framework-move__number">
          <span className="visually-hidden">Move </span>
          {move.number}
          <span className="visually-hidden">:</span>
        </span>{' '}
        <span>{move.practitioner}</span>
      </h3>
      <p className="framework-move__young-person">
        <span className="framework-move__label">In young people’s words:</span>{' '}
        <span>{move.youngPerson}</span>
      </p>
      <LinkedGoals moveNumber={move.number} goals={goals} />
    </li>
  );
}
