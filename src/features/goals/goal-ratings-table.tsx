import { Link } from 'react-router-dom';
import { sortRatings } from '../../domain/progress';
import { RATER_LABELS, type Rating, type Session } from '../../domain/schemas';
import { scoreInWords } from '../../domain/score-words';
import { formatDate, formatInstantDate } from '../../lib/dates';
import { goalPaths } from './goal-model';

interface GoalRatingsTableProps {
  youngPersonId: string;
  ratings: readonly Rating[];
  /** The young person's sessions, to name and link the session a rating was given in. */
  sessions: readonly Session[];
}

/** Every rating of the goal, earliest (the starting score) first. */
export function GoalRatingsTable({ youngPersonId, ratings, sessions }: GoalRatingsTableProps) {
  if (ratings.length === 0) return <p>No ratings yet.</p>;
  const sessionDates = new Map(sessions.map((s) => [s.id, s.date]));
  return (
    <table className="goal-ratings">
      <caption className="visually-hidden">Every rating of this goal, earliest first</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Score</th>
          <th scope="col">Who rated</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        {sortRatings(ratings).map((rating, index) => {
          const sessionDate = rating.sessionId ? sessionDates.get(rating.sessionId) : undefined;
          return (
            <tr key={rating.id}>
              <td>{formatInstantDate(rating.ratedAt)}</td>
              <td>{scoreInWords(rating.score)}</td>
              <td>{RATER_LABELS[rating.ratedBy]}</td>
              <td>
                {rating.sessionId && sessionDate ? (
                  <>
                    in session on{' '}
                    <Link to={goalPaths.session(youngPersonId, rating.sessionId)}>
                      {formatDate(sessionDate)}
                    </Link>
                  </>
                ) : rating.sessionId ? (
                  'in a session'
                ) : index === 0 ? (
                  'Starting score, when the goal was set'
                ) : (
                  'Outside a session'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
