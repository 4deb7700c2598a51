import { RatingControl } from '../../components/ui/rating-control';
import type { Goal } from '../../domain/schemas';

interface GoalRatingItemProps {
  goal: Goal;
  value: number | null;
  previous: number | null;
  onChange: (score: number) => void;
  error?: string | undefined;
}

/** One goal's 0-10 rating in a session, with a quick way to confirm last time's score. */
export function GoalRatingItem({ goal, value, previous, onChange, error }: GoalRatingItemProps) {
  const label = `“${goal.text}”`;
  return (
    <li className="goal-rating">
      <RatingControl
        label={label}
        value={value}
        previous={previous}
        onChange={onChange}
        error={error}
      />
      {previous !== null && (
        <button
          type="button"
          className="button button--secondary goal-rating__keep"
          onClick={() => onChange(previous)}
        >
          Keep at {previous} <span className="visually-hidden">for {label}</span>
        </button>
      )}
    </li>
  );
}
