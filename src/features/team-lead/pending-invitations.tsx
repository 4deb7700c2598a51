import { formatInstantTime } from '../../lib/dates';
import type { AcceptOutcome, PendingInvitation } from '../../team/directory';

/** What became of one invitation, in plain words. */
export function outcomeWords(outcome: AcceptOutcome): string {
  const who = `${outcome.coachName} (${outcome.caseloadDatabase})`;
  switch (outcome.state) {
    case 'accepted':
      return `Accepted: ${who} has joined. Check with the coach that their screen shows this device fingerprint for their device: ${outcome.shownFingerprint}.`;
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
}: {
  pending: readonly PendingInvitation[];
  outcomes: readonly AcceptOutcome[] | null;
  busy: boolean;
  onCheck: () => void;
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
            {outcomes.map((o) => (
              <li key={o.inviteId}>{outcomeWords(o)}</li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
