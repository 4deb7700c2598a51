import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
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

/** One line for a screen reader after a check: how many answers, and what to do next. */
function summaryOf(outcomes: readonly AcceptOutcome[]): string {
  const toCompare = outcomes.filter((o) => o.state === 'answered').length;
  const total = `${outcomes.length} ${outcomes.length === 1 ? 'invitation' : 'invitations'} checked.`;
  return toCompare === 0
    ? total
    : `${total} ${toCompare} ${toCompare === 1 ? 'device has' : 'devices have'} answered: compare ${toCompare === 1 ? 'its' : 'each'} fingerprint with the coach’s screen before accepting.`;
}

/**
 * The invitations made and not yet settled, with "Check for answers" and its results. The
 * answers are a plain list beside a short live summary (a live region never holds the
 * controls); once the lead accepts or refuses a device, focus goes to what became of it, not
 * to the top of the page. Refusing asks first: it closes the invitation.
 */
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
  const [refusing, setRefusing] = useState<AcceptOutcome | null>(null);
  /** The invitation whose device the lead just accepted or refused: focus goes to its outcome. */
  const [settling, setSettling] = useState<string | null>(null);
  const settled = useRef<HTMLLIElement | null>(null);
  const settledOutcome = outcomes?.find((o) => o.inviteId === settling);
  useEffect(() => {
    if (settledOutcome && settledOutcome.state !== 'answered') settled.current?.focus();
  }, [settledOutcome]);

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
      <p role="status" className="visually-hidden">
        {outcomes ? summaryOf(outcomes) : ''}
      </p>
      {outcomes && (
        <ul aria-label="Answers">
          {outcomes.map((o, index) => (
            <li
              key={o.inviteId || `unreadable-${index}`}
              ref={o.inviteId === settling ? settled : undefined}
              tabIndex={o.inviteId === settling ? -1 : undefined}
            >
              {o.state === 'answered' ? (
                <ConfirmDevice
                  outcome={o}
                  busy={busy}
                  onAccept={() => {
                    setSettling(o.inviteId);
                    onAccept(o);
                  }}
                  onRefuse={() => setRefusing(o)}
                />
              ) : (
                outcomeWords(o)
              )}
            </li>
          ))}
        </ul>
      )}
      {refusing && (
        <ConfirmDialog
          title="Refuse this device?"
          confirmLabel="Refuse the device"
          danger
          onConfirm={() => {
            const chosen = refusing;
            setRefusing(null);
            setSettling(chosen.inviteId);
            onRefuse(chosen);
          }}
          onCancel={() => setRefusing(null)}
        >
          <p>
            Refuse it only if its fingerprint is not the one on {refusing.coachName}’s screen:
            someone else answered with the code. Nothing is shared with the device, and the
            invitation closes, so you will need to make a new one and give its code to the coach in
            person.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
