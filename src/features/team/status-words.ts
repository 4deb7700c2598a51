/**
 * The team sync's status in words for the coach (issue 14): the line under the header and
 * the Team section in Settings say the same.
 */
import type { TeamSyncState } from './team-sync';
import type { SyncStatus } from './sync-session-like';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "just now", "1 minute ago", "2 minutes ago", "3 hours ago", "2 days ago". */
export function timeAgo(then: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${plural(minutes, 'minute', 'minutes')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${plural(hours, 'hour', 'hours')} ago`;
  return `${plural(Math.floor(hours / 24), 'day', 'days')} ago`;
}

/** How the status looks besides its words (its mark and style): never colour alone. */
export type StatusTone = 'saved' | 'busy' | 'offline' | 'problem';

export interface StatusWords {
  text: string;
  tone: StatusTone;
}

/** A session's status in words. */
export function describeSyncStatus(status: SyncStatus, now: Date): StatusWords {
  switch (status.state) {
    case 'saved':
      return {
        tone: 'saved',
        text: status.lastSavedAt
          ? `All changes saved to the service, ${timeAgo(status.lastSavedAt, now)}`
          : 'All changes saved to the service',
      };
    case 'syncing':
      return { tone: 'busy', text: 'Saving to the service…' };
    case 'offline':
      return {
        tone: 'offline',
        text:
          status.waiting === 0
            ? 'Offline: no changes waiting'
            : `Offline: ${plural(status.waiting, 'change', 'changes')} waiting`,
      };
    case 'error':
      return {
        tone: 'problem',
        text:
          status.problem ??
          'Syncing with the service has stopped. Your changes are kept on this device.',
      };
  }
}

/** The runtime's state in words, before (or instead of) a session's status. */
export function describeTeamState(state: TeamSyncState): StatusWords | null {
  switch (state.phase) {
    case 'alone':
    case 'running':
      return null;
    case 'starting':
      return { tone: 'busy', text: 'Connecting to the service…' };
    case 'elsewhere':
      return {
        tone: 'busy',
        text: 'Another tab of this app is syncing with the service for this device.',
      };
    case 'failed':
      return { tone: 'problem', text: state.message };
  }
}
