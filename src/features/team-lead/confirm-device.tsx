import { useId, useState } from 'react';
import { describedByIds, FieldMessages } from '../../components/ui/field';
import type { AcceptOutcome } from '../../team/directory';

type Answered = Extract<AcceptOutcome, { state: 'answered' }>;

const NOT_COMPARED = 'Tick the box once the coach’s screen shows the same fingerprint.';

/**
 * A device that answered an invitation, before anything is shared with it: its fingerprint,
 * to compare with the coach's screen, a box to say it was compared, "Accept this device" and
 * "Refuse this device" (the numbers differ: someone else answered with the code).
 */
export function ConfirmDevice({
  outcome,
  busy,
  onAccept,
  onRefuse,
}: {
  outcome: Answered;
  busy: boolean;
  onAccept: () => void;
  onRefuse: () => void;
}) {
  const id = useId();
  const checkboxId = `${id}-compared`;
  const [compared, setCompared] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <fieldset className="team-lead__confirm" aria-describedby={`${id}-fingerprint`}>
      <legend>
        Answered: {outcome.coachName} (<code>{outcome.caseloadDatabase}</code>)
      </legend>
      <p id={`${id}-fingerprint`}>
        The device that answered has this fingerprint:{' '}
        <strong className="team-lead__fingerprint">{outcome.shownFingerprint}</strong>. Ask the
        coach to read out “This device’s number” from their screen. Accept the device only if every
        digit is the same. Nothing is shared with it before you accept it.
      </p>
      <div className={error ? 'field field--error' : 'field'}>
        <FieldMessages id={checkboxId} error={error} />
        <div className="choice">
          <input
            id={checkboxId}
            type="checkbox"
            checked={compared}
            onChange={(e) => {
              setCompared(e.target.checked);
              if (e.target.checked) setError(undefined);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedByIds(checkboxId, undefined, error)}
          />
          <label htmlFor={checkboxId}>
            I have compared the fingerprint with the coach’s screen: it is the same
          </label>
        </div>
      </div>
      <div className="team-lead__confirm-actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => (compared ? onAccept() : setError(NOT_COMPARED))}
        >
          Accept this device
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={onRefuse}
        >
          Refuse this device
        </button>
      </div>
    </fieldset>
  );
}
