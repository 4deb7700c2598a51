/**
 * The app's one team sync runtime (issue 14), on the app's database and the real clock.
 *
 * Its code (the connection's schemas, and PouchDB behind it when connected) is not first-
 * screen code: it loads once the app is first unlocked (startTeamSync, from ./app.tsx). Until
 * then `teamSync` reports a device that works alone. The layout's status line and
 * Settings > Team read `teamSync`.
 */
import { getDb } from '../db/database';
import { getDataKey, subscribeToKeyChange } from '../db/encryption/session-key';
import type { TeamSyncRuntime, TeamSyncState } from '../features/team/team-sync';
import type { TeamSyncSource } from '../features/team/use-team-sync';

const ALONE: TeamSyncState = { phase: 'alone' };
const listeners = new Set<() => void>();
let runtime: TeamSyncRuntime | null = null;
let loading: Promise<TeamSyncRuntime> | null = null;

function load(): Promise<TeamSyncRuntime> {
  loading ??= import('../features/team/team-sync').then(({ TeamSyncRuntime }) => {
    runtime = new TeamSyncRuntime({ db: getDb(), now: () => new Date() });
    runtime.subscribe(() => {
      for (const listener of [...listeners]) listener();
    });
    return runtime;
  });
  return loading;
}

/** The runtime's state for the screens (a device that works alone until it has loaded). */
export const teamSync: TeamSyncSource = {
  getState: () => runtime?.getState() ?? ALONE,
  subscribe: (listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  disconnect: async () => {
    await (await load()).disconnect();
  },
  changePassword: async (password) => {
    await (await load()).changePassword(password);
  },
};

/**
 * Starts the runtime at the first unlock (now, if the app is unlocked): from then on it
 * syncs while unlocked whenever the device has a connection. Returns the way to stop.
 */
export function startTeamSync(): () => void {
  let stopped = false;
  let stopRuntime: (() => void) | null = null;
  const begin = () => {
    if (stopped || loading || !getDataKey()) return;
    void load().then((loaded) => {
      if (!stopped) stopRuntime = loaded.start();
    });
  };
  const unsubscribe = subscribeToKeyChange(begin);
  begin();
  return () => {
    stopped = true;
    unsubscribe();
    stopRuntime?.();
  };
}
