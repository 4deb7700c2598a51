import {
  CLOSURE_REASON_LABELS,
  GOAL_OUTCOME_LABELS,
  type Closure,
  type Goal,
} from '../../domain/schemas';
import { formatDate } from '../../lib/dates';
import './closure.css';

interface ClosureDetailsProps {
  closure: Closure;
  /** The young person's goals, to name each goal an outcome belongs to. */
  goals: readonly Goal[];
}

const satisfactionText = (score: number | null) =>
  score === null ? 'Not given' : `${score} out of 10`;

/** One closure: when and why, each goal's outcome, satisfaction, comments and any reopening. */
export function ClosureDetails({ closure, goals }: ClosureDetailsProps) {
  const outcomes = Object.entries(closure.goalOutcomes);
  const goalText = (id: string) => goals.find((g) => g.id === id)?.text ?? 'A goal since removed';
  const reason = CLOSURE_REASON_LABELS[closure.reason];
  return (
    <div className="closure-details">
      <dl className="closure-details__facts">
        <dt>Closed on</dt>
        <dd>{formatDate(closure.closedOn)}</dd>
        <dt>Reason</dt>
        <dd>{closure.reasonDetail ? `${reason}: ${closure.reasonDetail}` : reason}</dd>
        <dt>Young person’s satisfaction</dt>
        <dd>{satisfactionText(closure.youngPersonSatisfaction)}</dd>
        <dt>Parent or carer’s satisfaction</dt>
        <dd>{satisfactionText(closure.parentCarerSatisfaction)}</dd>
        {closure.youngPersonComments && (
          <>
            <dt>Young person’s comments</dt>
            <dd className="closure-details__comment">{closure.youngPersonComments}</dd>
          </>
        )}
        {closure.parentCarerComments && (
          <>
            <dt>Parent or carer’s comments</dt>
            <dd className="closure-details__comment">{closure.parentCarerComments}</dd>
          </>
        )}
        {closure.reopenedOn && (
          <>
            <dt>Reopened on</dt>
            <dd>
              {formatDate(closure.reopenedOn)}
              {closure.reopenReason && `: ${closure.reopenReason}`}
            </dd>
          </>
        )}
      </dl>
      {outcomes.length > 0 && (
        <>
          <h3 className="closure-details__heading">Goal outcomes</h3>
          <ul className="closure-details__outcomes">
            {outcomes.map(([goalId, outcome]) => (
              <li key={goalId}>
                “{goalText(goalId)}”: <strong>{GOAL_OUTCOME_LABELS[outcome]}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
