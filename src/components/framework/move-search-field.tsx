import type { Ref } from 'react';

interface MoveSearchProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}

/** The "Search moves" box. Enter does not submit the surrounding form. */
export function MoveSearch({ id, value, onChange, ref }: MoveSearchProps) {
  return (
    <div className="move-search">
      <label htmlFor={id} className="move-search__label">
        Search moves
      </label>
      <p id={`${id}-hint`} className="field__hint">
        Type a word from either wording, for example &ldquo;brave&rdquo; or &ldquo;friends&rdquo;.
      </p>
      <input
        ref={ref}
        id={id}
        type="search"
        className="field__input field__input--medium"
        value={value}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.preventDefault();
          if (e.key === 'Escape' && value !== '') {
            e.preventDefault();
            onChange('');
          }
        }}
      />
    </div>
  );
}
