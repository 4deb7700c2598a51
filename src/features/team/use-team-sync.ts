/** The team sync runtime's state, and its session's status, for the screens. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { TeamSyncRuntime, TeamSyncState } from './team-sync';
import type { SyncSessionLike, SyncStatus } from './sync-session-like';

/** What the screens use of the runtime (a test passes a fake of this shape). */
export type TeamSyncSource = Pick<
  TeamSyncRuntime,
  'getState' | 'subscribe' | 'disconnect' | 'changePassword'
>;

export function useTeamSyncState(source: TeamSyncSource): TeamSyncState {
  return useSyncExternalStore(source.subscribe, source.getState);
}

const noSession = () => () => undefined;

/** The session's status, as it changes; null without a session. */
export function useSyncStatus(session: SyncSessionLike | null): SyncStatus | null {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!session) return noSession();
      const stop = session.subscribe(listener);
      return () => void stop();
    },
    [session],
  );
  return useSyncExternalStore(subscribe, () => session?.status ?? null);
}

/** Renders again every `everyMs` (so "2 minutes ago" moves on). */
export function useTick(everyMs = 30_000): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
}
