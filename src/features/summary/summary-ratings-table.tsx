import { RATER_LABELS, type Rating } from '../../domain/schemas';
import { scoreInWords, type ScoreWording } from '../../domain/score-words';
import { formatInstantDate } from '../../lib/dates';

interface SummaryRatingsTableProps {
  /** Earliest first. */
  ratings: readonly Rating[];
  /** Names the table for screen readers: the goal's words. */
  goalText: string;
  wording?: ScoreWording;
}

/** Every counted rating of a goal, so the printed page always has the numbers. */
export function SummaryRatingsTable({
  ratings,
  goalText,
  wording = 'coach',
}: SummaryRatingsTableProps) {
  if (ratings.length === 0) {
    return <p>{wording === 'coach' ? 'No ratings yet.' : 'No scores yet.'}</p>;
  }
  const young = wording === 'young-person';
  return (
    <table className="summary-table">
      <caption className="visually-hidden">
        {young ? 'Your scores' : 'Ratings'} for “{goalText}”, earliest first
      </caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Score</th>
          {!young && <th scope="col">Who rated</th>}
        </tr>
      </thead>
      <tbody>
        {ratings.map((rating) => (
          <tr key={rating.id}>
            <td>{formatInstantDate(rating.ratedAt)}</td>
            <td>{scoreInWords(rating.score, wording)}</td>
            {!young && <td>{RATER_LABELS[rating.ratedBy]}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
