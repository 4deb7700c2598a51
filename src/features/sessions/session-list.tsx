import { Link } from 'react-router-dom';
import { ShowMore } from '../../components/ui/show-more';
import { useShowMore } from '../../components/ui/use-show-more';
import { LOCATION_LABELS, type Session } from '../../domain/schemas';
import { formatDate, formatLongDate } from '../../lib/dates';
import { describeRatedCount, formatDuration } from './session-model';
import './session-list.css';

/** How many sessions the list shows at first, and adds with each "Show more". */
export const SESSION_PAGE_SIZE = 20;

export interface SessionListProps {
  youngPersonId: string;
  /** Newest first, as the detail query returns them. */
  sessions: readonly Session[];
  /**
   * Goals rated per session id (countRatingsBySession in domain/rating-rules); the count is
   * left out without it.
   */
  ratingsBySession?: ReadonlyMap<string, number>;
}

/**
 * A young person's sessions, newest first, each linking to its page. A long list shows the
 * newest 20, with "Show more" for the next 20 (focus moves to the first one added).
 */
export function SessionList({ youngPersonId, sessions, ratingsBySession }: SessionListProps) {
  const { limit, focusIndex, focusRef, showMore } =
    useShowMore<HTMLAnchorElement>(SESSION_PAGE_SIZE);
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
  const visible = sessions.slice(0, limit);
  return (
    <>
      <ul className="session-list">
        {visible.map((session, index) => {
          const details = [
            LOCATION_LABELS[session.location],
            formatDuration(session.durationMinutes),
            ratingsBySession ? describeRatedCount(ratingsBySession.get(session.id) ?? 0) : '',
          ].filter(Boolean);
          return (
            <li key={session.id}>
              <Link
                className="session-list__link"
                to={`${base}/${session.id}`}
                ref={index === focusIndex ? focusRef : undefined}
              >
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
      {sessions.length > SESSION_PAGE_SIZE && (
        <ShowMore
          shown={visible.length}
          total={sessions.length}
          step={SESSION_PAGE_SIZE}
          onShowMore={() => showMore(visible.length)}
        />
      )}
    </>
  );
}
