import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SelectField } from '../../components/ui/field';
import type { TableCounts } from '../../team/lead/move-case';
import { moveCaseAction, type MoveCaseRequest, type MovedCase } from './move-case-action';
import type { Outcome } from './lead-actions';

export interface MoveCaseCaseload {
  caseloadDatabase: string;
  coaches: string[];
}

const KINDS: [keyof TableCounts, string, string][] = [
  ['youngPeople', 'young person', 'young people'],
  ['goals', 'goal', 'goals'],
  ['sessions', 'session', 'sessions'],
  ['ratings', 'rating', 'ratings'],
  ['closures', 'closure', 'closures'],
  ['resilienceMaps', 'resilience map', 'resilience maps'],
];

/** "1 young person, 2 goals, 3 sessions…" (kinds with none left out). */
export function describeCounts(counts: TableCounts): string {
  return KINDS.filter(([kind]) => counts[kind] > 0)
    .map(([kind, one, many]) => `${counts[kind]} ${counts[kind] === 1 ? one : many}`)
    .join(', ');
}

const coachesOf = (caseload: MoveCaseCaseload | undefined) =>
  caseload && caseload.coaches.length > 0 ? caseload.coaches.join(', ') : 'no coach yet';

/**
 * "Move this case to another coach", for the lead's case list: choose the coach (their
 * caseload), read what will happen, confirm. The old coach's device stops showing the case
 * after its next sync.
 */
export function MoveCaseForm({
  youngPersonId,
  fromCaseload,
  name,
  caseloads,
  onMove = moveCaseAction,
  now = () => new Date(),
}: {
  youngPersonId: string;
  fromCaseload: string;
  /** The young person's name, as the lead's case list shows it. */
  name: string;
  caseloads: readonly MoveCaseCaseload[];
  /** Moves the case (tests give their own). */
  onMove?: (request: MoveCaseRequest, now: Date) => Promise<Outcome<MovedCase>>;
  now?: () => Date;
}) {
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [toCaseload, setToCaseload] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const others = caseloads.filter((c) => c.caseloadDatabase !== fromCaseload);
  const from = caseloads.find((c) => c.caseloadDatabase === fromCaseload);
  const to = caseloads.find((c) => c.caseloadDatabase === toCaseload);
  const fromName = coachesOf(from);
  const toName = coachesOf(to);

  const choose = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!to) {
      setError('Choose the coach to move the case to.');
      return;
    }
    setError(undefined);
    setConfirming(true);
  };

  // Two clicks in one frame both see `busy` false: the ref stops the second.
  const moving = useRef(false);
  const move = async () => {
    if (moving.current || !to) return;
    moving.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const result = await onMove({ youngPersonId, fromCaseload, toCaseload }, now());
      if (!result.ok) {
        setProblem(result.message);
        return;
      }
      const moved = describeCounts(result.value.moved);
      setDone(
        result.value.sent
          ? `${name}’s case is now with ${toName} (${moved}). ${fromName}’s device stops showing it after its next sync.`
          : `${name}’s case is moved on this device (${moved}), but the team server could not be reached: it goes to ${toName} when you next refresh the team.`,
      );
      setConfirming(false);
      setOpen(false);
    } catch {
      setProblem(
        'The case could not be moved on this device. Refresh the team to see which coach has it, then try again.',
      );
    } finally {
      moving.current = false;
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="move-case">
      <h4 id={headingId}>Move this case to another coach</h4>
      {done && (
        <p ref={doneRef} tabIndex={-1} role="status">
          {done}
        </p>
      )}
      {!open && !done && (
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          Move {name}’s case…
        </button>
      )}
      {open && others.length === 0 && (
        <p>There is no other coach’s caseload to move it to. Invite a coach first.</p>
      )}
      {open && others.length > 0 && !confirming && (
        <form onSubmit={choose} noValidate>
          <SelectField
            label="Move to"
            name="toCaseload"
            value={toCaseload}
            onChange={setToCaseload}
            placeholder="Choose a coach"
            options={others.map((c) => ({ value: c.caseloadDatabase, label: coachesOf(c) }))}
            hint={`Now with ${fromName}.`}
            error={error}
          />
          <button type="submit" className="button">
            Continue
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      )}
      {open && confirming && (
        <div role="group" aria-label="Check before moving">
          <p ref={confirmRef} tabIndex={-1}>
            Move {name}’s case from {fromName} to {toName}?
          </p>
          <ul>
            <li>
              {toName} gets everything of theirs: goals, sessions, ratings, closure and resilience
              map.
            </li>
            <li>
              {fromName}’s device stops showing the case after its next sync. Anything added there
              before then is sent on to {toName} when you next refresh the team.
            </li>
          </ul>
          {problem && (
            <p role="alert" className="field__error">
              {problem}
            </p>
          )}
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-disabled={busy}
            onClick={() => void move()}
          >
            {busy ? 'Moving the case…' : 'Move the case'}
          </button>{' '}
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => setConfirming(false)}
          >
            Go back
          </button>
        </div>
      )}
    </section>
  );
}
