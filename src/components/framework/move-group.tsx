import type { Move } from '../../domain/framework';
import { getDomain } from '../../domain/framework';
import { DomainMarker } from '../ui/domain-marker';
import type { MoveGroup as MoveGroupData } from './move-search';

interface MoveGroupProps {
  group: MoveGroupData;
  /** Prefix for the checkbox ids, unique to the picker. */
  idPrefix: string;
  selected: ReadonlySet<string>;
  onToggle: (moveId: string, checked: boolean) => void;
}

/** One domain's moves (or the suggested ones) as checkboxes under the domain's name. */
export function MoveGroup({ group, idPrefix, selected, onToggle }: MoveGroupProps) {
  const domain = group.domain ? getDomain(group.domain) : null;
  return (
    <fieldset
      className={domain ? 'move-group' : 'move-group move-group--suggested'}
      data-domain={group.domain ?? undefined}
      style={domain ? { borderInlineStartColor: domain.colour } : undefined}
    >
      <legend className="move-group__legend">
        {domain ? (
          <>
            <DomainMarker domain={domain.id} size={16} />
            <span style={{ color: domain.colour }}>{domain.name}</span>
          </>
        ) : (
          'Suggested'
        )}
      </legend>
      <ul className="move-group__moves">
        {group.moves.map((move) => (
          <MoveOption
            key={move.id}
            move={move}
            id={`${idPrefix}-${move.id}`}
            checked={selected.has(move.id)}
            onToggle={onToggle}
            showDomain={domain === null}
          />
        ))}
      </ul>
    </fieldset>
  );
}

interface MoveOptionProps {
  move: Move;
  id: string;
  checked: boolean;
  onToggle: (moveId: string, checked: boolean) => void;
  /** In the suggested group the domain is not in the legend, so each move names it. */
  showDomain: boolean;
}

function MoveOption({ move, id, checked, onToggle, showDomain }: MoveOptionProps) {
  const domain = getDomain(move.domain);
  return (
    <li className="move-option">
      <input
        id={id}
        type="checkbox"
        value={move.id}
        checked={checked}
        onChange={(e) => onToggle(move.id, e.target.checked)}
      />
      <label htmlFor={id}>
        <span className="move-option__practitioner">{move.practitioner}</span>{' '}
        <span className="move-option__young-person">Young person: {move.youngPerson}</span>{' '}
        {showDomain && (
          <span className="move-option__domain" style={{ color: domain.colour }}>
            <DomainMarker domain={domain.id} size={12} />
            {domain.name}
          </span>
        )}
      </label>
    </li>
  );
}
