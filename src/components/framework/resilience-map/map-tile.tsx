import { useEffect, useId, useRef, useState } from 'react';
import type { Move } from '../../../domain/framework';
import { MAP_EXAMPLE_MAX, type MapTileState } from '../../../domain/schemas';
import { FieldMessages, describedByIds } from '../../ui/field';
import { TILE_BUTTONS, moveName, tileStateWord, type MapWording } from './map-wording';

export interface MapTileProps {
  move: Move;
  state: MapTileState | undefined;
  example: string;
  wording: MapWording;
  /** Pressing a button: the grid sets that state, or clears it when it is already set. */
  onToggle: (moveId: string, state: MapTileState) => void;
  onExample: (moveId: string, text: string) => void;
  /** A message about this tile's example, shown by its field. */
  exampleError?: string | undefined;
}

const STATE_ICON: Record<MapTileState | 'blank', string> = {
  strength: '✓',
  try: '➜',
  blank: '○',
};

/**
 * One move: its name, its state in an icon and a word, two exclusive toggle buttons whose
 * state is announced (aria-pressed), and an optional example in the young person's words.
 */
export function MapTile({
  move,
  state,
  example,
  wording,
  onToggle,
  onExample,
  exampleError,
}: MapTileProps) {
  const nameId = useId();
  const exampleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [adding, setAdding] = useState(false);
  const [focusNext, setFocusNext] = useState(false);
  const name = moveName(move, wording);
  const showExample = example !== '' || Boolean(exampleError) || (adding && state !== undefined);

  useEffect(() => {
    if (focusNext && showExample) {
      inputRef.current?.focus();
      setFocusNext(false);
    }
  }, [focusNext, showExample]);

  return (
    <li className="map-tile" data-state={state ?? 'blank'} data-move={move.id}>
      <div role="group" aria-labelledby={nameId} className="map-tile__body">
        <p id={nameId} className="map-tile__name">
          {name}
        </p>
        {wording === 'coach' && move.youngPerson !== move.practitioner && (
          <p className="map-tile__alt">“{move.youngPerson}”</p>
        )}
        <p className="map-tile__state">
          <span className="map-tile__icon" aria-hidden="true">
            {STATE_ICON[state ?? 'blank']}
          </span>
          {tileStateWord(state, wording)}
        </p>
        <div className="map-tile__buttons">
          {TILE_BUTTONS.map((button) => {
            const pressed = state === button.state;
            return (
              <button
                key={button.state}
                type="button"
                className={`map-toggle map-toggle--${button.state}`}
                aria-pressed={pressed}
                // The move in the name, so each button stands alone in a screen reader's list.
                aria-label={`${button.label}: ${name}`}
                onClick={() => onToggle(move.id, button.state)}
              >
                <span className="map-toggle__box" aria-hidden="true">
                  {pressed ? '✓' : ''}
                </span>
                <span>{button.label}</span>
              </button>
            );
          })}
        </div>
        {showExample ? (
          <div className={exampleError ? 'map-tile__example field--error' : 'map-tile__example'}>
            <label htmlFor={exampleId} className="map-tile__example-label">
              {wording === 'young-person'
                ? 'An example, in your words'
                : 'An example, in their words'}
            </label>
            <FieldMessages id={exampleId} error={exampleError} />
            <input
              ref={inputRef}
              id={exampleId}
              aria-label={`${wording === 'young-person' ? 'An example, in your words' : 'An example, in their words'}: ${name}`}
              className="field__input map-tile__input"
              value={example}
              maxLength={MAP_EXAMPLE_MAX}
              onChange={(e) => onExample(move.id, e.target.value)}
              aria-invalid={exampleError ? true : undefined}
              aria-describedby={describedByIds(exampleId, undefined, exampleError)}
            />
          </div>
        ) : (
          state !== undefined && (
            <button
              type="button"
              className="button button--link map-tile__add"
              aria-label={`Add an example: ${name}`}
              onClick={() => {
                setAdding(true);
                setFocusNext(true);
              }}
            >
              Add an example
            </button>
          )
        )}
      </div>
    </li>
  );
}
