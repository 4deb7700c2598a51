import { MOVES, type DomainId } from '../../domain/framework';
import { DomainDisclosure } from './domain-disclosure';
import { MoveGroup } from './move-group';
import type { MoveGroup as MoveGroupData } from './move-search';
import { isFocusGroup, type PickerView } from './move-view';

interface MoveGroupsProps {
  groups: readonly MoveGroupData[];
  view: PickerView;
  idPrefix: string;
  selected: ReadonlySet<string>;
  onToggle: (moveId: string, checked: boolean) => void;
  onShowOthers: (show: boolean) => void;
  onOpenDomain: (domain: DomainId, open: boolean) => void;
}

/**
 * The picker's groups of moves, laid out for the view (see move-view.ts): one button per
 * domain when browsing; the suggested and highlighted groups with a "Show all" button for
 * the rest when focused; every matching group while searching.
 */
export function MoveGroups({
  groups,
  view,
  idPrefix,
  selected,
  onToggle,
  onShowOthers,
  onOpenDomain,
}: MoveGroupsProps) {
  const groupProps = { idPrefix, selected, onToggle };

  if (view.mode === 'browse' && !view.searching) {
    return (
      <div className="move-picker__domains">
        {groups.map((group) => (
          <DomainDisclosure
            key={group.key}
            group={group}
            {...groupProps}
            open={group.domain !== null && view.openDomains.has(group.domain)}
            onOpenChange={(open) => group.domain && onOpenDomain(group.domain, open)}
          />
        ))}
      </div>
    );
  }

  const focus = view.mode === 'focused' ? groups.filter(isFocusGroup) : [];
  const others = groups.filter((g) => !focus.includes(g));
  const othersOpen = view.searching || view.showOthers;
  const othersId = `${idPrefix}-others`;
  return (
    <>
      {focus.map((group) => (
        <MoveGroup key={group.key} group={group} {...groupProps} />
      ))}
      {others.length > 0 && !view.searching && (
        <button
          type="button"
          className="button button--secondary move-picker__more"
          aria-expanded={view.showOthers}
          aria-controls={othersId}
          onClick={() => onShowOthers(!view.showOthers)}
        >
          {view.showOthers ? 'Hide other moves' : `Show all ${MOVES.length} moves`}
        </button>
      )}
      {others.length > 0 && (
        <div id={othersId} className="move-picker__rest" hidden={!othersOpen}>
          {othersOpen && focus.length > 0 && (
            <p className="move-picker__others">Moves from the other domains</p>
          )}
          {othersOpen &&
            others.map((group) => <MoveGroup key={group.key} group={group} {...groupProps} />)}
        </div>
      )}
    </>
  );
}
