import { DomainChip } from '../../components/ui/domain-chip';
import type { GoalWithRatings } from '../../db/queries';
import { findMove, getNobleTruth } from '../../domain/framework';
import { LOCATION_LABELS, type Rating, type Session } from '../../domain/schemas';
import { SessionScores } from './session-scores';
import './session-view.css';
import { formatDuration } from './session-model';

interface SessionViewProps {
  session: Session;
  ratings: readonly Rating[];
  goals: readonly GoalWithRatings[];
}

/** A logged session, read-only: where and how long, the scores, the moves, truths and notes. */
export function SessionView({ session, ratings, goals }: SessionViewProps) {
  const moves = session.moves.flatMap((id) => {
    const move = findMove(id);
    return move ? [move] : [];
  });
  return (
    <div className="session-view">
      <dl className="session-view__facts">
        <div>
          <dt>Where</dt>
          <dd>{LOCATION_LABELS[session.location]}</dd>
        </div>
        <div>
          <dt>Length</dt>
          <dd>{formatDuration(session.durationMinutes) || 'Not recorded'}</dd>
        </div>
      </dl>

      <h2>Scores in this session</h2>
      <SessionScores ratings={ratings} goals={goals} />

      <h2>Resilient moves</h2>
      {moves.length === 0 ? (
        <p>No moves recorded.</p>
      ) : (
        <ul className="session-view__moves">
          {moves.map((move) => (
            <li key={move.id}>
              <span>{move.practitioner}</span> <DomainChip domain={move.domain} />
            </li>
          ))}
        </ul>
      )}

      <h2>Noble truths drawn on</h2>
      {session.nobleTruths.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ul className="session-view__truths">
          {session.nobleTruths.map((id) => {
            const truth = getNobleTruth(id);
            return (
              <li key={id}>
                <strong>{truth.name}</strong>: {truth.meaning}
              </li>
            );
          })}
        </ul>
      )}

      <h2>Notes</h2>
      {session.notes.trim() === '' ? (
        <p>No notes.</p>
      ) : (
        <p className="session-view__notes">{session.notes}</p>
      )}
    </div>
  );
}
