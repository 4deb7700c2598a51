import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { ErrorSummary } from '../../components/ui/error-summary';
import { SecretField, TextField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { DEFAULT_TEAM_SERVER } from '../../db/repositories/team-connection';
import { forgetTeamJoin, readTeamJoin, type TeamJoin } from '../../db/repositories/team-join';
import { errorReason } from '../../lib/errors';
import { displayFingerprint } from '../../team/keys/identity';
import {
  answerTeamInvitation,
  collectTeamKeys,
  loadJoinDirectory,
  type CollectOutcome,
  type JoinDetails,
  type JoinDirectory,
} from './join-steps';

const LABELS: Record<string, string> = {
  server: 'Team server address',
  teamDatabase: 'Team name',
  userName: 'Your user name',
  password: 'Your password',
  code: 'Invitation code',
};

const defaultNow = () => new Date();

interface JoinTeamProps {
  /** The team directory's calls (loaded on first use unless given, as tests do). */
  directory?: JoinDirectory;
  now?: () => Date;
}

/**
 * Joining this device to the service's team (Settings > Team, while the device works alone):
 * the form for the invitation, then, while the service lead has not accepted the device yet,
 * what to compare with the lead and "Check again".
 */
export function JoinTeam({ directory, now = defaultNow }: JoinTeamProps) {
  const [join, setJoin] = useState<TeamJoin | null | undefined>(undefined);
  const [readProblem, setReadProblem] = useState<string | null>(null);
  /** The join was answered on this screen just now (not found at load): focus moves to it. */
  const [answeredHere, setAnsweredHere] = useState(false);

  useEffect(() => {
    let live = true;
    readTeamJoin().then(
      (found) => {
        if (live) setJoin(found);
      },
      (error: unknown) => {
        if (!live) return;
        setReadProblem(errorReason(error));
        setJoin(null);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const getDirectory = useCallback(
    async () => directory ?? (await loadJoinDirectory()),
    [directory],
  );

  if (join === undefined) return null;
  return join ? (
    <WaitingForLead
      join={join}
      takeFocus={answeredHere}
      getDirectory={getDirectory}
      now={now}
      onStopped={() => setJoin(null)}
    />
  ) : (
    <>
      {readProblem && <p role="alert">{readProblem}</p>}
      <JoinForm
        getDirectory={getDirectory}
        now={now}
        onAnswered={(answered) => {
          setAnsweredHere(true);
          setJoin(answered);
        }}
      />
    </>
  );
}

function JoinForm({
  getDirectory,
  now,
  onAnswered,
}: {
  getDirectory: () => Promise<JoinDirectory>;
  now: () => Date;
  onAnswered: (join: TeamJoin) => void;
}) {
  const [details, setDetails] = useState<JoinDetails>({
    server: DEFAULT_TEAM_SERVER,
    teamDatabase: '',
    userName: '',
    password: '',
    code: '',
  });
  const set = (field: keyof JoinDetails) => (value: string) =>
    setDetails((current) => ({ ...current, [field]: value }));
  const save = useCallback(
    async () => answerTeamInvitation(details, await getDirectory(), now()),
    [details, getDirectory, now],
  );
  const { submit, errors, saving } = useFormSubmit(save, onAnswered);
  const formError = errors._form;
  const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([key]) => key !== '_form'));

  return (
    <form
      className="team-join"
      aria-labelledby="team-join-heading"
      noValidate
      onSubmit={(event: FormEvent) => void submit(event)}
    >
      <h3 id="team-join-heading">Join your service&apos;s team</h3>
      <p>
        Your service lead gives you these details and an invitation code by hand. The code works
        once, for this device.
      </p>
      <ErrorSummary errors={fieldErrors} labels={LABELS} />
      {formError && (
        <p className="team-join__problem" role="alert">
          {formError}
        </p>
      )}
      <TextField
        label={LABELS.server}
        name="server"
        value={details.server}
        onChange={set('server')}
        hint="Leave it as it is unless your service lead says otherwise."
        error={errors.server}
        autoComplete="off"
      />
      <TextField
        label={LABELS.teamDatabase}
        name="teamDatabase"
        value={details.teamDatabase}
        onChange={set('teamDatabase')}
        hint="It starts with “team-”."
        error={errors.teamDatabase}
        autoComplete="off"
      />
      <TextField
        label={LABELS.userName}
        name="userName"
        value={details.userName}
        onChange={set('userName')}
        error={errors.userName}
        autoComplete="username"
      />
      <SecretField
        label={LABELS.password}
        name="password"
        value={details.password}
        onChange={set('password')}
        error={errors.password}
        autoComplete="current-password"
      />
      <TextField
        label={LABELS.code}
        name="code"
        value={details.code}
        onChange={set('code')}
        hint="7 groups of 4 capital letters and numbers."
        error={errors.code}
        autoComplete="off"
      />
      <button type="submit" className="button" disabled={saving}>
        {saving ? 'Answering the invitation…' : 'Answer the invitation'}
      </button>
    </form>
  );
}

function outcomeWords(outcome: CollectOutcome): string {
  switch (outcome.state) {
    case 'waiting':
      return outcome.message;
    case 'refused':
      return outcome.messages.join(' ');
    case 'failed':
      return outcome.message;
    case 'connected':
      return [
        'This device has joined the team. Your caseload is being saved to the service.',
        ...outcome.notes,
      ].join(' ');
  }
}

function WaitingForLead({
  join,
  takeFocus,
  getDirectory,
  now,
  onStopped,
}: {
  join: TeamJoin;
  /** Move focus to the heading (the form the coach was in has gone). */
  takeFocus: boolean;
  getDirectory: () => Promise<JoinDirectory>;
  now: () => Date;
  onStopped: () => void;
}) {
  const [checking, setChecking] = useState(false);
  const [said, setSaid] = useState('');
  const [stopping, setStopping] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus]);

  const stopJoining = async () => {
    try {
      await forgetTeamJoin();
      onStopped();
    } catch (error) {
      setSaid(`Joining could not be stopped. ${errorReason(error)}`);
    } finally {
      setStopping(false);
    }
  };

  const check = async () => {
    if (checking) return;
    setChecking(true);
    try {
      setSaid(outcomeWords(await collectTeamKeys(join, await getDirectory(), now())));
    } catch (error) {
      setSaid(`This device could not join yet. ${errorReason(error)}`);
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="team-join">
      <h3 ref={headingRef} tabIndex={-1}>
        Waiting for your service lead
      </h3>
      {join.state === 'answering' ? (
        <p>
          The team server did not confirm that your answer reached it. When your service lead has
          accepted this device, choose “Check again”. If they see no answer from you, choose “Stop
          joining” and answer the invitation again.
        </p>
      ) : (
        <p>
          Your answer to the invitation has reached the team server. When your service lead has
          accepted this device, choose “Check again”.
        </p>
      )}
      <p id="team-join-lead-check">
        Your service lead&apos;s own screen shows their device&apos;s number. It must be:{' '}
        <strong className="team-join__fingerprint">
          {displayFingerprint(join.leadFingerprint)}
        </strong>
        . If it is not, stop joining and tell them: someone may have changed the invitation.
      </p>
      <p>
        This device&apos;s number, which your lead sees when they accept it:{' '}
        <strong className="team-join__fingerprint">
          {displayFingerprint(join.identity.fingerprint)}
        </strong>
      </p>
      <p className="team-join__said" role="status" aria-live="polite">
        {said}
      </p>
      <div className="team-join__actions">
        <button type="button" className="button" disabled={checking} onClick={() => void check()}>
          {checking ? 'Checking…' : 'Check again'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setStopping(true)}
        >
          Stop joining
        </button>
      </div>
      {stopping && (
        <ConfirmDialog
          title="Stop joining the team?"
          confirmLabel="Stop joining"
          onConfirm={() => void stopJoining()}
          onCancel={() => setStopping(false)}
        >
          <p>
            This device forgets the invitation it answered. To join later, ask your service lead for
            a new invitation code.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
