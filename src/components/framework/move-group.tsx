import { getDomain } from '../../domain/framework';
import { DomainMarker } from '../ui/domain-marker';
import type { MoveGroup as MoveGroupData } from './move-search';
import { MoveOption } from './move-option';
import './move-group.css';

export interface MoveGroupProps {
  group: MoveGroupData;
  /** Prefix for the checkbox ids, unique to the picker. */
  idPrefix: string;
  selected: ReadonlySet<string>;
  onToggle: (moveId: string, checked: boolean) => void;
  /** Keep the legend for screen readers only (a domain button above already names it). */
  legendHidden?: boolean;
}

/** One domain's moves (or the suggested ones) as checkboxes under the domain's name. */
export function MoveGroup({ group, idPrefix, selected, onToggle, legendHidden }: MoveGroupProps) {
  const domain = group.domain ? getDomain(group.domain) : null;
  return (
    <fieldset
      className={domain ? 'move-group' : 'move-group move-group--suggested'}
      data-domain={group.domain ?? undefined}
      style={domain ? { borderInlineStartColor: domain.colour } : undefined}
    >
      <legend className={legendHidden ? 'visually-hidden' : 'move-group__legend'}>
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
