import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { SecretField, TextField } from '../../components/ui/field';
import { LockedError, PassphraseNeededError } from '../../db/encryption/session-key';
import {
  DEFAULT_LEAD_SERVER,
  leadServerSchema,
  leadUserNameSchema,
  teamDatabaseSchema,
  type TeamLead,
} from '../../db/repositories/team-lead';
import { setUpLead, type LeadDirectory } from './lead-actions';

const LABELS = {
  server: 'Server address',
  teamDatabase: 'Team name',
  userName: 'User name',
  password: 'Password',
};

/** The form that makes this device the team's lead (server, team, account). */
export function SetUpLeadForm({
  directory,
  now,
  onDone,
}: {
  directory: LeadDirectory;
  now: () => Date;
  onDone: (lead: TeamLead) => void;
}) {
  const [server, setServer] = useState(DEFAULT_LEAD_SERVER);
  const [teamDatabase, setTeamDatabase] = useState('');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    const found: Record<string, string> = {};
    const checks = [
      ['server', leadServerSchema.safeParse(server)],
      ['teamDatabase', teamDatabaseSchema.safeParse(teamDatabase)],
      ['userName', leadUserNameSchema.safeParse(userName)],
    ] as const;
    for (const [field, result] of checks) {
      if (!result.success) found[field] = result.error.issues[0]?.message ?? 'Check this.';
    }
    if (password === '') found.password = 'Enter the password.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await setUpLead(
        {
          server: leadServerSchema.parse(server),
          teamDatabase: teamDatabase.trim(),
          userName: userName.trim(),
          password,
        },
        directory,
        now(),
      );
      if (result.ok) onDone(result.value);
      else setProblem(result.message);
    } catch (error) {
      setProblem(
        error instanceof PassphraseNeededError || error instanceof LockedError
          ? error.message
          : 'This device could not be set up to lead the team. Please try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="lead-set-up-heading">
      <h3 id="lead-set-up-heading">Set up this device to lead the team</h3>
      <ErrorSummary errors={errors} labels={LABELS} />
      <TextField
        label={LABELS.server}
        name="server"
        value={server}
        onChange={setServer}
        hint="Leave “/couchdb” unless your IT team gave you another address."
        error={errors.server}
        autoComplete="off"
      />
      <TextField
        label={LABELS.teamDatabase}
        name="teamDatabase"
        value={teamDatabase}
        onChange={setTeamDatabase}
        hint="It starts “team-”, as your IT team gave it to you."
        error={errors.teamDatabase}
        autoComplete="off"
      />
      <TextField
        label={LABELS.userName}
        name="userName"
        value={userName}
        onChange={setUserName}
        error={errors.userName}
        autoComplete="username"
        width="medium"
      />
      <SecretField
        label={LABELS.password}
        name="password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        autoComplete="current-password"
      />
      {problem && (
        <p role="alert" className="field__error">
          {problem}
        </p>
      )}
      <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
        {busy ? 'Checking with the server…' : 'Set up'}
      </button>
    </form>
  );
}
