import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { TextField } from '../../components/ui/field';
import { formatInstantTime } from '../../lib/dates';
import { groupedCode } from './lead-actions';

const LABELS = { coachName: 'Coach’s user name', caseloadDatabase: 'Their caseload' };
const USER_NAME = /^[a-z][a-z0-9._-]{2,63}$/;
const CASELOAD = /^caseload-[0-9a-f]{32}$/;

export interface MadeInvitation {
  code: string;
  expiresAt: string;
  coachName: string;
}

/** "Invite a coach": the coach's user name and caseload; then the code to give by hand. */
export function InviteCoachForm({
  leadFingerprint,
  onInvite,
}: {
  /** The lead's device fingerprint, as shown. */
  leadFingerprint: string;
  /** Makes the invitation: its code, or a message. */
  onInvite: (details: {
    coachName: string;
    caseloadDatabase: string;
  }) => Promise<{ ok: true; value: MadeInvitation } | { ok: false; message: string }>;
}) {
  const [coachName, setCoachName] = useState('');
  const [caseloadDatabase, setCaseloadDatabase] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<MadeInvitation | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLDivElement>(null);
  // A new code: focus goes to it, so a screen reader reads it out and a keyboard is there.
  useEffect(() => {
    if (made) codeRef.current?.focus();
  }, [made]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setMade(null);
    const found: Record<string, string> = {};
    if (!USER_NAME.test(coachName.trim())) {
      found.coachName =
        'Enter the coach’s user name on the team server: lower-case letters, digits, “.”, “_” or “-”, starting with a letter.';
    }
    if (!CASELOAD.test(caseloadDatabase.trim())) {
      found.caseloadDatabase =
        'Enter the caseload’s name as your IT team gave it: “caseload-” and 32 letters a to f or digits.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await onInvite({
        coachName: coachName.trim(),
        caseloadDatabase: caseloadDatabase.trim(),
      });
      if (result.ok) {
        setMade(result.value);
        setCoachName('');
        setCaseloadDatabase('');
      } else setProblem(result.message);
    } catch {
      setProblem('The invitation could not be made. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="lead-invite-heading">
        <h3 id="lead-invite-heading">Invite a coach</h3>
        <ErrorSummary errors={errors} labels={LABELS} />
        <TextField
          label={LABELS.coachName}
          name="coachName"
          value={coachName}
          onChange={setCoachName}
          error={errors.coachName}
          autoComplete="off"
          width="medium"
        />
        <TextField
          label={LABELS.caseloadDatabase}
          name="caseloadDatabase"
          value={caseloadDatabase}
          onChange={setCaseloadDatabase}
          hint="It starts “caseload-”: your IT team made it with the coach’s account."
          error={errors.caseloadDatabase}
          autoComplete="off"
        />
        {problem && (
          <p role="alert" className="field__error">
            {problem}
          </p>
        )}
        <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
          {busy ? 'Making the invitation…' : 'Make an invitation'}
        </button>
      </form>
      {made && (
        <div
          ref={codeRef}
          tabIndex={-1}
          className="team-lead__code"
          role="region"
          aria-label="Invitation code"
        >
          <p>
            Give this code to <strong>{made.coachName}</strong> by hand: in person or read out on
            the phone. Never send it by email or message.
          </p>
          <p className="team-lead__code-text">{groupedCode(made.code)}</p>
          <p>It works until {formatInstantTime(made.expiresAt)}.</p>
          <p>
            Read out this device’s fingerprint too, so the coach can check their screen shows the
            same: <strong className="team-lead__fingerprint">{leadFingerprint}</strong>
          </p>
        </div>
      )}
    </>
  );
}
