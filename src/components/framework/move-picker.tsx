import { useId, useMemo, useRef, useState } from 'react';
import type { DomainId } from '../../domain/framework';
import { MoveGroup } from './move-group';
import { MoveSearch } from './move-search-field';
import { describeMoveCount, groupMoves } from './move-search';
import { SelectedMoves } from './selected-moves';
import './move-picker.css';

export interface MovePickerProps {
  /** The group's visible label (the fieldset legend). */
  label: string;
  /** The chosen move ids. */
  value: string[];
  onChange: (ids: string[]) => void;
  /** Domains to show first (the goal's domains); the others follow and stay available. */
  highlightDomains?: DomainId[];
  /** Move ids to offer first, in a "Suggested" group. */
  suggested?: string[];
  hint?: string;
  error?: string;
}

/**
 * A searchable checklist of the 42 resilient moves, grouped by domain, with the chosen
 * moves shown above as removable chips. Every move shows both wordings, and the search
 * looks in both.
 */
export function MovePicker({
  label,
  value,
  onChange,
  highlightDomains,
  suggested,
  hint,
  error,
}: MovePickerProps) {
  const baseId = `move-picker${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const groups = useMemo(
    () => groupMoves({ query, highlightDomains, suggested }),
    [query, highlightDomains, suggested],
  );
  const selected = useMemo(() => new Set(value), [value]);
  const shown = groups.reduce((sum, g) => sum + g.moves.length, 0);
  const hasHighlight = groups.some((g) => g.highlighted);
  const firstOther = groups.find((g) => g.domain !== null && !g.highlighted);
  const hintId = hint ? `${baseId}-hint` : undefined;
  const errorId = error ? `${baseId}-error` : undefined;

  function toggle(id: string, checked: boolean) {
    if (checked) onChange(value.includes(id) ? value : [...value, id]);
    else onChange(value.filter((v) => v !== id));
  }

  return (
    <fieldset
      className={error ? 'field move-picker field--error' : 'field move-picker'}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{label}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <SelectedMoves
        value={value}
        onRemove={(id) => toggle(id, false)}
        onEmptied={() => searchRef.current?.focus()}
      />
      <MoveSearch ref={searchRef} id={`${baseId}-search`} value={query} onChange={setQuery} />
      <p className="move-picker__count" role="status">
        {shown === 0 ? `No moves match "${query.trim()}".` : describeMoveCount(shown)}
      </p>
      {shown === 0 && (
        <p className="move-picker__empty">
          Try another word, or{' '}
          <button type="button" className="button button--link" onClick={() => setQuery('')}>
            clear the search
          </button>{' '}
          to see all 42 moves.
        </p>
      )}
      {groups.map((group) => (
        <div key={group.key}>
          {hasHighlight && group === firstOther && (
            <p className="move-picker__others">Moves from the other domains</p>
          )}
          <MoveGroup group={group} idPrefix={baseId} selected={selected} onToggle={toggle} />
        </div>
      ))}
    </fieldset>
  );
}
