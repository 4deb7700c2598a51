import { DomainMarker } from '../../components/ui/domain-marker';
import type { Domain, Move } from '../../domain/framework';
import { countGoals, type GoalWithOwner } from './framework-model';
import { MoveItem } from './move-item';

interface DomainSectionProps {
  domain: Domain;
  /** The domain's moves to show (all of them, or those matching a search). */
  moves: Move[];
  /** Every move's linked goals; undefined while loading. */
  goalsByMove: Map<string, GoalWithOwner[]> | undefined;
  /** Goals linked to this domain; undefined while loading. */
  goalCount: number | undefined;
  totalMoves: number;
}

/** One domain: its name and line under a rule in its colour, then its moves in order. */
export function DomainSection({
  domain,
  moves,
  goalsByMove,
  goalCount,
  totalMoves,
}: DomainSectionProps) {
  const nameId = `framework-${domain.id}-name`;
  const shown =
    moves.length === totalMoves ? `${totalMoves} moves` : `${moves.length} of ${totalMoves} moves`;
  return (
    <section
      className="framework-domain"
      data-domain={domain.id}
      id={`framework-${domain.id}`}
      aria-labelledby={nameId}
    >
      <h2 className="framework-domain__heading">
        <span className="framework-domain__name">
          <DomainMarker domain={domain.id} size={18} />
          <span id={nameId}>{domain.name}</span>
        </span>
        <span className="visually-hidden">: </span>
        <span className="framework-domain__about">{domain.about}</span>
      </h2>
      <p className="framework-domain__summary">
        {shown}
        {goalCount !== undefined && (
          <>
            {' · '}
            {countGoals(goalCount)} in the caseload linked to {domain.name}
          </>
        )}
      </p>
      <ol className="framework-domain__moves" aria-label={`${domain.name} moves`}>
        {moves.map((move) => (
          <MoveItem
            key={move.id}
            move={move}
            goals={goalsByMove ? (goalsByMove.get(move.id) ?? []) : undefined}
          />
        ))}
      </ol>
    </section>
  );
}
