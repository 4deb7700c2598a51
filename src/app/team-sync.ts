/**
 * The app's one team sync runtime (issue 14), on the app's database and the real clock.
 * Started by ./app.tsx; the layout's status line and Settings > Team read it.
 */
import { getDb } from '../db/database';
import { TeamSyncRuntime } from '../features/team/team-sync';

let runtime: TeamSyncRuntime | null = null;

export function getTeamSync(): TeamSyncRuntime {
  runtime ??= new TeamSyncRuntime({ db: getDb(), now: () => new Date() });
  return runtime;
}
