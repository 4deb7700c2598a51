import { useId, useRef, type KeyboardEvent } from 'react';
import { MAX_SCORE, MIN_SCORE, SCORES, isScore } from '../../domain/rating-rules';
import { scoreInWords, scorePhrase, type ScoreWording } from '../../domain/score-words';
import './rating-control.css';

export interface RatingControlProps {
  /** The visible group label: the goal's words, or e.g. 'Baseline score'. */
  label: string;
  value: number | null;
  onChange: (score: number) => void;
  /** The last score given, marked on its number and said in text. */
  previous?: number | null;
  error?: string;
  /** Id of the group (a fieldset); each radio gets `${id}-${score}`. */
  id?: string;
  /** Ids of other elements that describe the group, e.g. a hint. */
  describedBy?: string;
  wording?: ScoreWording;
}

/** Where a key press moves to from `from`; null for keys the control leaves alone. */
function scoreForKey(key: string, from: number): number | null {
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(MIN_SCORE, from - 1);
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(MAX_SCORE, from + 1);
    case 'Home':
      return MIN_SCORE;
    case 'End':
      return MAX_SCORE;
    default:
      return null;
  }
}

function change(from: number, to: number): string {
  if (to === from) return 'same as last time';
  return to > from ? `up ${to - from}` : `down ${from - to}`;
}

/**
 * The 0-10 Goal Based Outcomes rating: eleven native radios styled as big buttons in a
 * fieldset. Arrows, Home and End move and select; the group is one tab stop.
 */
export function RatingControl({
  label,
  value,
  onChange,
  previous = null,
  error,
  id,
  describedBy,
  wording = 'coach',
}: RatingControlProps) {
  const autoId = useId();
  const baseId = id ?? `rating${autoId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const errorId = `${baseId}-error`;
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const chosen = isScore(value) ? value : null;
  const last = isScore(previous) ? previous : null;
  // Roving tab stop: native radios with no checked one would otherwise be many stops.
  const tabStop = chosen ?? last ?? MIN_SCORE;
  const descriptions = [describedBy, error ? errorId : undefined].filter(Boolean).join(' ');

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>, from: number) {
    const to = scoreForKey(event.key, from);
    if (to === null) return;
    // Our own moves replace the browser's, which wrap round and know no Home or End.
    event.preventDefault();
    inputs.current[to]?.focus();
    if (to !== chosen) onChange(to);
  }

  return (
    <fieldset
      id={baseId}
      className={error ? 'rating rating--invalid' : 'rating'}
      aria-invalid={error ? true : undefined}
      aria-describedby={descriptions || undefined}
    >
      <legend className="rating__label">{label}</legend>
      {last !== null && (
        <p className="rating__previous">
          <span>Last time: {last}</span>
          {chosen !== null && <span className="rating__change"> ({change(last, chosen)})</span>}
        </p>
      )}
      <div className="rating__scale">
        <div className="rating__options">
          {SCORES.map((score) => (
            <label
              key={score}
              className={score === last ? 'rating__option rating__option--last' : 'rating__option'}
            >
              <input
                ref={(el) => {
                  inputs.current[score] = el;
                }}
                id={`${baseId}-${score}`}
                className="rating__input"
                type="radio"
                name={baseId}
                value={score}
                checked={score === chosen}
                tabIndex={score === tabStop ? 0 : -1}
                onChange={() => onChange(score)}
                onKeyDown={(event) => handleKeyDown(event, score)}
              />
              <span className="rating__face">
                {score === chosen && (
                  <span className="rating__tick" aria-hidden="true">
                    ✓
                  </span>
                )}
                <span className="rating__number">{score}</span>
                {/* The space is its own text node, so the name reads "5 (last time)" everywhere. */}
                {score === last && (
                  <>
                    <span className="rating__badge" aria-hidden="true">
                      last
                    </span>{' '}
                    <span className="visually-hidden">(last time)</span>
                  </>
                )}
              </span>
            </label>
          ))}
        </div>
        <div className="rating__ends">
          {[MIN_SCORE, 5, MAX_SCORE].map((score) => (
            <span key={score} className="rating__end">
              <span className="rating__end-number">{score} </span>
              {scorePhrase(score, wording)}
            </span>
          ))}
        </div>
      </div>
      <p className="rating__words" aria-live="polite" aria-atomic="true">
        {chosen === null ? 'No score chosen yet' : scoreInWords(chosen, wording)}
      </p>
      {error && (
        <p id={errorId} className="rating__error">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
    </fieldset>
  );
}
