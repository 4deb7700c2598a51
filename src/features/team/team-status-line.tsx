import { describeSyncStatus, describeTeamState, type StatusTone } from './status-words';
import { useSyncStatus, useTeamSyncState, useTick, type TeamSyncSource } from './use-team-sync';
import './team.css';

const MARKS: Record<StatusTone, string> = {
  saved: '✓',
  busy: '↻',
  offline: '⏸',
  problem: '!',
};

const defaultNow = () => new Date();

/**
 * The small line under the header on every coach page while the device is connected to the
 * service: "All changes saved to the service, 2 minutes ago", "Saving to the service…",
 * "Offline: 14 changes waiting", or what is wrong. Read out politely as it changes. Nothing
 * at all on a device that works alone.
 */
export function TeamStatusLine({
  source,
  now = defaultNow,
}: {
  source: TeamSyncSource;
  now?: () => Date;
}) {
  const state = useTeamSyncState(source);
  const status = useSyncStatus(state.phase === 'running' ? state.session : null);
  useTick();
  if (state.phase === 'alone') return null;
  const words =
    state.phase === 'running' && status
      ? describeSyncStatus(status, now())
      : describeTeamState(state);
  return (
    <div className="team-status" role="status" aria-live="polite">
      {words && (
        <p className={`team-status__line team-status__line--${words.tone}`}>
          <span className="team-status__mark" aria-hidden="true">
            {MARKS[words.tone]}
          </span>{' '}
          {words.text}
        </p>
      )}
    </div>
  );
}
