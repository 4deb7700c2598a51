import { formatInstantTime } from '../../lib/dates';
import type { AcceptOutcome, PendingInvitation } from '../../team/directory';
import { ConfirmDevice } from './confirm-device';

/** What became of one invitation, in plain words. */
export function outcomeWords(outcome: AcceptOutcome): string {
  const who = `${outcome.coachName} (${outcome.caseloadDatabase})`;
  switch (outcome.state) {
    case 'answered':
      return `Answered: ${who}. Compare the device’s fingerprint before accepting it: ${outcome.shownFingerprint}.`;
    case 'accepted':
      return `Accepted: ${who} has joined with the device whose fingerprint you compared: ${outcome.shownFingerprint}.`;
    case 'waiting':
      return `Waiting: ${who} has not answered yet. The invitation works until ${formatInstantTime(outcome.expiresAt)}.`;
    case 'refused':
      return `Not accepted: ${who}. ${outcome.message}`;
    case 'expired':
      return `Expired: ${who}. ${outcome.message}`;
    case 'failed':
      return `Not checked: ${who}. ${outcome.message} The invitation is kept: try again.`;
  }
}

/** The invitations made and not yet settled, with "Check for answers" and its results. */
export function PendingInvitations({
  pending,
  outcomes,
  busy,
  onCheck,
  onAccept,
  onRefuse,
}: {
  pending: readonly PendingInvitation[];
  outcomes: readonly AcceptOutcome[] | null;
  busy: boolean;
  onCheck: () => void;
  /** The lead compared an answered device's fingerprint with the coach's screen. */
  onAccept: (outcome: AcceptOutcome) => void;
  /** The numbers differ: the answer is refused and the invitation closed. */
  onRefuse: (outcome: AcceptOutcome) => void;
}) {
  return (
    <>
      <h3 id="lead-pending-heading">Invitations waiting for an answer</h3>
      {pending.length === 0 ? (
        <p>No invitations are waiting.</p>
      ) : (
        <>
          <ul aria-labelledby="lead-pending-heading">
            {pending.map((p) => (
              <li key={p.invitation.inviteId}>
                {p.coachName}, caseload <code>{p.caseloadDatabase}</code>, works until{' '}
                {formatInstantTime(p.invitation.expiresAt)}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            aria-disabled={busy}
            onClick={onCheck}
          >
            {busy ? 'Checking for answers…' : 'Check for answers'}
          </button>
        </>
      )}
      <div role="status" aria-live="polite">
        {outcomes && (
          <ul aria-label="Answers">
            {outcomes.map((o, index) => (
              <li key={o.inviteId || `unreadable-${index}`}>
                {o.state === 'answered' ? (
                  <ConfirmDevice
                    outcome={o}
                    busy={busy}
                    onAccept={() => onAccept(o)}
                    onRefuse={() => onRefuse(o)}
                  />
                ) : (
                  outcomeWords(o)
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
