import { useId, useMemo, useRef, useState } from 'react';
import { MOVES, type DomainId } from '../../domain/framework';
import { MoveGroups } from './move-groups';
import { MoveSearch } from './move-search-field';
import { describeMoveCount, groupMoves } from './move-search';
import { countShown, pickerMode, type PickerView } from './move-view';
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
 * looks in both. To keep the form on one screen it starts compact: the suggested moves and
 * highlighted domains show and the rest sit behind "Show all 42 moves"; with nothing to
 * suggest, each domain opens on its own. While searching, every match shows.
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
  const [showOthers, setShowOthers] = useState(false);
  const [openDomains, setOpenDomains] = useState<ReadonlySet<DomainId>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);
  const mode = useMemo(
    () => pickerMode(groupMoves({ query: '', highlightDomains, suggested })),
    [highlightDomains, suggested],
  );
  const groups = useMemo(
    () => groupMoves({ query, highlightDomains, suggested }),
    [query, highlightDomains, suggested],
  );
  const selected = useMemo(() => new Set(value), [value]);
  const view: PickerView = { mode, searching: query.trim() !== '', showOthers, openDomains };
  const shown = countShown(groups, view);
  const noMatch = view.searching && shown === 0;
  const hintId = hint ? `${baseId}-hint` : undefined;
  const errorId = error ? `${baseId}-error` : undefined;

  function openDomain(domain: DomainId, open: boolean) {
    setOpenDomains((current) => {
      const next = new Set(current);
      if (open) next.add(domain);
      else next.delete(domain);
      return next;
    });
  }

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
        {noMatch
          ? `No moves match "${query.trim()}".`
          : describeMoveCount(shown, view.searching ? shown : MOVES.length)}
      </p>
      {noMatch && (
        <p className="move-picker__empty">
          Try another word, or{' '}
          <button type="button" className="button button--link" onClick={() => setQuery('')}>
            clear the search
          </button>{' '}
          to see the moves again.
        </p>
      )}
      <MoveGroups
        groups={groups}
        view={view}
        idPrefix={baseId}
        selected={selected}
        onToggle={toggle}
        onShowOthers={setShowOthers}
        onOpenDomain={openDomain}
      />
    </fieldset>
  );
}
