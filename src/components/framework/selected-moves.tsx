import { useEffect, useRef } from 'react';
import { findMove, getDomain, sortMoveIds } from '../../domain/framework';
import { DomainMarker } from '../ui/domain-marker';

interface SelectedMovesProps {
  /** The chosen move ids (unknown ids are left out of the chips). */
  value: readonly string[];
  onRemove: (moveId: string) => void;
  /** Called after the last chip is removed, so focus can go somewhere useful. */
  onEmptied: () => void;
}

/** The chosen moves as removable chips, in framework order. */
export function SelectedMoves({ value, onRemove, onEmptied }: SelectedMovesProps) {
  const ids = sortMoveIds(value);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // After a removal, focus moves to the neighbouring chip rather than being lost.
  const focusAfterRemove = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    const target = focusAfterRemove.current;
    if (target === undefined) return;
    focusAfterRemove.current = undefined;
    if (target === null) onEmptied();
    else buttons.current.get(target)?.focus();
  });

  function remove(id: string) {
    const index = ids.indexOf(id);
    focusAfterRemove.current = ids[index + 1] ?? ids[index - 1] ?? null;
    onRemove(id);
  }

  if (ids.length === 0) {
    return <p className="selected-moves__none">No moves chosen yet.</p>;
  }
  return (
    <div className="selected-moves">
      <p className="selected-moves__title">
        Chosen: {ids.length} {ids.length === 1 ? 'move' : 'moves'}
      </p>
      <ul className="selected-moves__list" aria-label="Chosen moves">
        {ids.map((id) => {
          const move = findMove(id);
          if (!move) return null;
          const domain = getDomain(move.domain);
          return (
            <li key={id}>
              <button
                type="button"
                className="move-chip"
                style={{ borderColor: domain.colour, backgroundColor: domain.tint }}
                ref={(el) => {
                  if (el) buttons.current.set(id, el);
                  else buttons.current.delete(id);
                }}
                onClick={() => remove(id)}
              >
                <DomainMarker domain={domain.id} size={12} />
                <span>
                  <span className="visually-hidden">Remove</span> {move.practitioner}
                </span>
                <span className="move-chip__cross" aria-hidden="true">
                  ×
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
