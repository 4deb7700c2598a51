import { Link } from 'react-router-dom';
import { LOCATION_LABELS, type Session } from '../../domain/schemas';
import { formatDate, formatLongDate } from '../../lib/dates';
import { describeRatedCount, formatDuration } from './session-model';
import './session-list.css';

export interface SessionListProps {
  youngPersonId: string;
  /** Newest first, as the detail query returns them. */
  sessions: readonly Session[];
  /** Goals rated per session id (see countRatingsBySession); the count is left out without it. */
  ratingsBySession?: ReadonlyMap<string, number>;
}

/** A young person's sessions, newest first, each linking to its page. */
export function SessionList({ youngPersonId, sessions, ratingsBySession }: SessionListProps) {
  const base = `/young-people/${youngPersonId}/sessions`;
  if (sessions.length === 0) {
    return (
      <div className="session-list__empty">
        <p>No sessions yet.</p>
        <Link className="button" to={`${base}/new`}>
          Log session
        </Link>
      </div>
    );
  }
  return (
    <ul className="session-list">
      {sessions.map((session) => {
        const details = [
          LOCATION_LABELS[session.location],
          formatDuration(session.durationMinutes),
          ratingsBySession ? describeRatedCount(ratingsBySession.get(session.id) ?? 0) : '',
        ].filter(Boolean);
        return (
          <li key={session.id}>
            <Link className="session-list__link" to={`${base}/${session.id}`}>
              <time className="session-list__date" dateTime={session.date}>
                <span aria-hidden="true">{formatDate(session.date)}</span>
                <span className="visually-hidden">{formatLongDate(session.date)}</span>
              </time>
              <span className="session-list__details">{details.join(' · ')}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
