import { getDomain } from '../../domain/framework';
import { DomainMarker } from '../ui/domain-marker';
import { MoveGroup, type MoveGroupProps } from './move-group';
import { describeDomainCount } from './move-search';
import '../ui/ui.css';

interface DomainDisclosureProps extends Omit<MoveGroupProps, 'legendHidden'> {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * One domain as a button, "Basics (9 moves, 2 chosen)", that opens and closes its list of
 * moves. The count is in the button's text, so it never relies on colour.
 */
export function DomainDisclosure({ open, onOpenChange, ...groupProps }: DomainDisclosureProps) {
  const { group, idPrefix, selected } = groupProps;
  if (group.domain === null) return null;
  const domain = getDomain(group.domain);
  const panelId = `${idPrefix}-${domain.id}-moves`;
  const chosen = group.moves.filter((m) => selected.has(m.id)).length;
  return (
    <div className="move-domain" style={{ borderInlineStartColor: domain.colour }}>
      <button
        type="button"
        className="move-domain__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => onOpenChange(!open)}
      >
        <span className="chevron" aria-hidden="true" />
        <DomainMarker domain={domain.id} size={16} />
        <span className="move-domain__name" style={{ color: domain.colour }}>
          {domain.name}
        </span>{' '}
        <span className={chosen > 0 ? 'move-domain__count--chosen' : 'move-domain__count'}>
          {describeDomainCount(group.moves.length, chosen)}
        </span>
      </button>
      <div id={panelId} className="move-domain__panel" hidden={!open}>
        {open && <MoveGroup {...groupProps} legendHidden />}
      </div>
    </div>
  );
}
