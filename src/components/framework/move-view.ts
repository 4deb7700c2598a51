import type { DomainId } from '../../domain/framework';
import type { MoveGroup } from './move-search';

/**
 * How the picker lays out its groups when the search box is empty:
 * - "focused": the suggested moves and the highlighted domains show, the other domains
 *   sit behind one "Show all" button;
 * - "browse": nothing is suggested or highlighted, so each domain opens on its own.
 * While searching, every group with a match shows, whatever the mode.
 */
export type PickerMode = 'focused' | 'browse';

export interface PickerView {
  mode: PickerMode;
  searching: boolean;
  /** Focused mode: the other domains are showing. */
  showOthers: boolean;
  /** Browse mode: the domains that are open. */
  openDomains: ReadonlySet<DomainId>;
}

/** The suggested group and the highlighted domains: the ones shown first in focused mode. */
export function isFocusGroup(group: MoveGroup): boolean {
  return group.domain === null || group.highlighted;
}

/** Focused when there is something to focus on (from the unfiltered groups). */
export function pickerMode(groups: readonly MoveGroup[]): PickerMode {
  return groups.some(isFocusGroup) ? 'focused' : 'browse';
}

/** Whether a group's moves are on screen. */
export function isGroupShown(group: MoveGroup, view: PickerView): boolean {
  if (view.searching) return true;
  if (view.mode === 'focused') return isFocusGroup(group) || view.showOthers;
  return group.domain !== null && view.openDomains.has(group.domain);
}

/** How many moves are on screen. */
export function countShown(groups: readonly MoveGroup[], view: PickerView): number {
  return groups.reduce((sum, g) => sum + (isGroupShown(g, view) ? g.moves.length : 0), 0);
}
