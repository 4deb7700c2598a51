import { DomainChip } from '../../components/ui/domain-chip';
import { findMove } from '../../domain/framework';
import type { Goal } from '../../domain/schemas';

/** The goal's domains as chips and its moves in both wordings. */
export function GoalLinks({ goal }: { goal: Goal }) {
  const moves = goal.moves.flatMap((id) => {
    const move = findMove(id);
    return move ? [move] : [];
  });
  return (
    <div className="goal-links">
      <h3>Domains</h3>
      <ul className="goal-links__domains" aria-label="Domains">
        {goal.domains.map((d) => (
          <li key={d}>
            <DomainChip domain={d} />
          </li>
        ))}
      </ul>
      <h3>Resilient moves</h3>
      {moves.length === 0 ? (
        <p>No moves linked yet.</p>
      ) : (
        <ul className="goal-links__moves" aria-label="Resilient moves">
          {moves.map((m) => (
            <li key={m.id}>
              <span className="goal-links__move">{m.practitioner}</span>{' '}
              <span className="goal-links__young-person">Young person: {m.youngPerson}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
