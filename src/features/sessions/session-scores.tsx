import type { GoalWithRatings } from '../../db/queries';
import { formatChange, raterPhrase } from '../../domain/progress';
import { ratingBefore } from '../../domain/rating-rules';
import type { Rating } from '../../domain/schemas';
import { scoreInWords } from '../../domain/score-words';

interface SessionScoresProps {
  /** The ratings made in the session. */
  ratings: readonly Rating[];
  goals: readonly GoalWithRatings[];
}

function changeText(rating: Rating, before: Rating | null): string {
  if (!before) return 'No earlier score to compare with.';
  const change = rating.score - before.score;
  if (change === 0) return `The same as last time (${before.score}).`;
  return `Was ${before.score}, now ${rating.score} (${formatChange(change)}).`;
}

/** Each goal's score in one session, who gave it, and the change from the score before. */
export function SessionScores({ ratings, goals }: SessionScoresProps) {
  const byGoal = new Map(goals.map((g) => [g.goal.id, g]));
  const rows = goals.flatMap(({ goal }) => {
    const rating = ratings.find((r) => r.goalId === goal.id);
    return rating ? [{ goal, rating }] : [];
  });
  if (rows.length === 0) return <p>No goals were rated in this session.</p>;
  return (
    <ul className="session-scores">
      {rows.map(({ goal, rating }) => {
        const before = ratingBefore(byGoal.get(goal.id)?.ratings ?? [], rating);
        return (
          <li key={rating.id} className="session-scores__item">
            <p className="session-scores__goal">“{goal.text}”</p>
            <p className="session-scores__score">{scoreInWords(rating.score)}</p>
            <p className="session-scores__meta">
              Rated by {raterPhrase(rating.ratedBy)}. {changeText(rating, before)}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
