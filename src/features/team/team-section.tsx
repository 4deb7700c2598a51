import { useState, type FormEvent, type ReactNode } from 'react';
import { SecretField } from '../../components/ui/field';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { ConflictList } from './conflict-list';
import { describeSyncStatus, describeTeamState } from './status-words';
import type { SyncSessionLike } from './sync-session-like';
import type { ConnectionSummary } from './team-sync';
import { useSyncStatus, useTeamSyncState, type TeamSyncSource } from './use-team-sync';
import './team.css';

/** Why a document from the server did not open, in plain words. */
const DAMAGED_WORDS: Record<string, string> = {
  'not-an-envelope': 'It is not a record sealed by this app.',
  'no-key': 'It is sealed with a key this device does not hold.',
  'seal-broken': 'It was changed after it was sealed, so it cannot be trusted.',
  'content-broken': 'It opened, but what is inside is not a record the app can read.',
  'wrong-document': 'It holds a different record from the one its place says.',
  deleted: 'It was removed on the server.',
};

/** Why a version from another device was not taken here, in plain words. */
const REFUSED_WORDS: Record<string, string> = {
  'goal-words': 'It would change the words of a goal that already has scores.',
  moved: 'It would move the record to another young person, goal or session.',
  'case-closed': 'The case is closed on this device, and this version does not reopen it.',
  'deleted-in-file': 'The record was deleted after this version was made.',
};

const TABLE_WORDS: Record<string, string> = {
  youngPeople: 'young person',
  goals: 'goal',
  sessions: 'session',
  ratings: 'score',
  closures: 'case closure',
  resilienceMaps: 'resilience map',
};

function Details({ connection }: { connection: ConnectionSummary }) {
  return (
    <dl className="team-section__details">
      <div>
        <dt>Server</dt>
        <dd>{connection.server}</dd>
      </div>
      <div>
        <dt>User name</dt>
        <dd>{connection.userName}</dd>
      </div>
      <div>
        <dt>Caseload</dt>
        <dd>{connection.caseloadDatabase}</dd>
      </div>
    </dl>
  );
}

function NotSynced({ session }: { session: SyncSessionLike }) {
  const damaged = session.damaged();
  const refused = session.refused();
  return (
    <>
      <h3>Not taken from the service</h3>
      {damaged.length === 0 && refused.length === 0 ? (
        <p>Everything from the service could be read and was taken.</p>
      ) : (
        <>
          {damaged.length > 0 && (
            <>
              <p>
                These documents on the service could not be opened, so nothing in them was used. Ask
                your service lead to look at them.
              </p>
              <ul aria-label="Documents that could not be opened">
                {damaged.map((d) => (
                  <li key={`${d.documentId}-${d.revision}`}>
                    <code>{d.documentId}</code>: {DAMAGED_WORDS[d.reason] ?? d.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {refused.length > 0 && (
            <>
              <p>
                These changes from another device were not taken, because this device&apos;s rules
                do not allow them. This device&apos;s records stay as they are.
              </p>
              <ul aria-label="Changes not taken">
                {refused.map((r) => (
                  <li key={`${r.documentId}-${r.id}`}>
                    A {TABLE_WORDS[r.table] ?? 'record'} (<code>{r.id}</code>):{' '}
                    {REFUSED_WORDS[r.reason] ?? r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
}

/** "The service gave you a new password?": the connection keeps it, and the sync goes on. */
function NewPassword({ source }: { source: TeamSyncSource }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (password === '') {
      setError('Enter the new password the service gave you.');
      return;
    }
    setBusy(true);
    try {
      await source.changePassword(password);
      setPassword('');
      setError(undefined);
      setOpen(false);
      setSaved(true);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The password was not kept.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {saved && <p role="status">The new password is kept on this device, and syncing goes on.</p>}
      {open ? (
        <form aria-label="New password for the service" noValidate onSubmit={(e) => void submit(e)}>
          <SecretField
            label="New password for the service"
            name="newTeamPassword"
            hint="Only when the service gave you a new one (after a lost device, say)."
            className="field__input field__input--medium"
            value={password}
            onChange={setPassword}
            error={error}
            autoComplete="new-password"
          />
          <div className="team-section__actions">
            <button type="submit" className="button" disabled={busy}>
              Use this password
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setOpen(false);
                setError(undefined);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setOpen(true);
            setSaved(false);
          }}
        >
          The service gave you a new password?
        </button>
      )}
    </>
  );
}

function Connected({
  source,
  connection,
  session,
  now,
}: {
  source: TeamSyncSource;
  connection: ConnectionSummary;
  session: SyncSessionLike | null;
  now: () => Date;
}) {
  const state = useTeamSyncState(source);
  const status = useSyncStatus(session);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const words = session && status ? describeSyncStatus(status, now()) : describeTeamState(state);

  const disconnect = async () => {
    setConfirming(false);
    try {
      await source.disconnect();
    } catch {
      setProblem('This device could not be disconnected. Please try again.');
    }
  };

  return (
    <>
      <p>This device syncs its caseload with your service, encrypted before it leaves.</p>
      <Details connection={connection} />
      <p role="status" aria-live="polite">
        <strong>Status:</strong> {words?.text ?? 'Connecting to the service…'}
      </p>
      {problem && <p role="alert">{problem}</p>}
      <NewPassword source={source} />
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setConfirming(true)}
      >
        Disconnect this device
      </button>
      {confirming && (
        <ConfirmDialog
          title="Disconnect this device from the service?"
          confirmLabel="Disconnect"
          danger
          onConfirm={() => void disconnect()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Every record stays on this device, and you can carry on working here alone. Changes made
            from now on are not sent to the service, and changes made on other devices do not reach
            this one. To sync again, this device has to join the service again.
          </p>
        </ConfirmDialog>
      )}
      {session && <ConflictList session={session} status={status} now={now} />}
      {session && <NotSynced key={status?.damaged ?? 0} session={session} />}
    </>
  );
}

const defaultNow = () => new Date();

/**
 * Settings > Team. Connected: the server, user name and caseload, the status, "Disconnect
 * this device", the conflicts to choose between, and what could not be taken from the
 * service. Working alone: says so, and shows `renderJoin()` (the join form) when given.
 */
export function TeamSection({
  source,
  renderJoin,
  now = defaultNow,
}: {
  source: TeamSyncSource;
  /** The form that joins this device to a service (an invitation), when there is one. */
  renderJoin?: () => ReactNode;
  now?: () => Date;
}) {
  const state = useTeamSyncState(source);
  const connection = state.phase === 'alone' ? null : state.connection;
  return (
    <section className="settings__section" aria-labelledby="team-heading">
      <h2 id="team-heading">Team</h2>
      {connection ? (
        <Connected
          source={source}
          connection={connection}
          session={state.phase === 'running' ? state.session : null}
          now={now}
        />
      ) : state.phase === 'failed' ? (
        <>
          <p role="alert">{state.message}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void source.disconnect()}
          >
            Disconnect this device
          </button>
        </>
      ) : (
        <>
          <p>
            This device works alone: its records are kept only here. If your service runs a team
            server, your service lead can invite you; joining keeps a copy of your caseload on the
            service, encrypted so that only your team&apos;s devices can read it.
          </p>
          {renderJoin?.()}
        </>
      )}
    </section>
  );
}
