import type { Move } from '../../domain/framework';
import { getDomain } from '../../domain/framework';
import { DomainMarker } from '../ui/domain-marker';

interface MoveOptionProps {
  move: Move;
  id: string;
  checked: boolean;
  onToggle: (moveId: string, checked: boolean) => void;
  /** In the suggested group the domain is not in the legend, so each move names it. */
  showDomain: boolean;
}

/**
 * One move as a compact checkbox row: the practitioner wording is its name, the young
 * person's wording sits smaller beneath and is its description. The whole row is the label,
 * so the touch target is the row.
 */
export function MoveOption({ move, id, checked, onToggle, showDomain }: MoveOptionProps) {
  const domain = getDomain(move.domain);
  const nameId = `${id}-name`;
  const wordingId = `${id}-young-person`;
  const domainId = `${id}-domain`;
  return (
    <li className="move-option">
      <input
        id={id}
        type="checkbox"
        value={move.id}
        checked={checked}
        aria-labelledby={nameId}
        aria-describedby={showDomain ? `${wordingId} ${domainId}` : wordingId}
        onChange={(e) => onToggle(move.id, e.target.checked)}
      />
      <label htmlFor={id}>
        <span id={nameId} className="move-option__practitioner">
          {move.practitioner}
        </span>
        <span className="move-option__details">
          <span id={wordingId} className="move-option__young-person">
            Young person: {move.youngPerson}
          </span>
          {showDomain && (
            <span
              id={domainId}
              className="move-option__domain"
              style={{ color: domain.colour, backgroundColor: domain.tint }}
            >
              <DomainMarker domain={domain.id} size={12} />
              <span className="visually-hidden">Domain:</span> {domain.name}
            </span>
          )}
        </span>
      </label>
    </li>
  );
}
