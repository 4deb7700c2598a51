import { useId } from 'react';
import './show-more.css';

const numbers = new Intl.NumberFormat('en-GB');
const count = (n: number) => numbers.format(n);

interface ShowMoreProps {
  /** How many are on the page now. */
  shown: number;
  /** How many there are in all (after any search). */
  total: number;
  /** How many one press adds, at most. */
  step: number;
  onShowMore: () => void;
}

/** "Showing 50 of 3,000" under a long list, with a button that shows the next ones. */
export function ShowMore({ shown, total, step, onShowMore }: ShowMoreProps) {
  const countId = useId();
  const more = Math.min(step, total - shown);
  return (
    <div className="show-more">
      <p id={countId} className="show-more__count">
        {shown >= total
          ? `Showing all ${count(total)}`
          : `Showing ${count(shown)} of ${count(total)}`}
      </p>
      {more > 0 && (
        <button
          type="button"
          className="button button--secondary"
          aria-describedby={countId}
          onClick={onShowMore}
        >
          Show {count(more)} more
        </button>
      )}
    </div>
  );
}
