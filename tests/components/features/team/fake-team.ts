/**
 * A SyncSession-shaped fake and a runtime-shaped source for the team screens' tests: the
 * test sets the status and the lists, and sees what the screens asked for.
 */
import { vi } from 'vitest';
import type {
  ConflictEntry,
  DamagedDocument,
  RefusedVersion,
  SyncSessionLike,
  SyncStatus,
} from '../../../../src/features/team/sync-session-like';
import type { ConnectionSummary, TeamSyncState } from '../../../../src/features/team/team-sync';
import type { TeamSyncSource } from '../../../../src/features/team/use-team-sync';

export class FakeSession implements SyncSessionLike {
  status: SyncStatus = { state: 'syncing', waiting: 0, lastSavedAt: null, damaged: 0 };
  entries: ConflictEntry[] = [];
  damagedList: DamagedDocument[] = [];
  refusedList: RefusedVersion[] = [];
  readonly #listeners = new Set<(status: SyncStatus) => void>();
  syncNow = vi.fn(async () => undefined);
  stop = vi.fn(async () => undefined);
  dismissConflict = vi.fn(async (entryId: string) => {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.entryId !== entryId);
    return this.entries.length < before;
  });

  subscribe(listener: (status: SyncStatus) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sets a new status and tells the listeners, as the session does. */
  set(status: Partial<SyncStatus>) {
    this.status = { ...this.status, ...status };
    for (const listener of this.#listeners) listener(this.status);
  }

  conflicts = async () => [...this.entries];
  damaged = () => [...this.damagedList];
  refused = () => [...this.refusedList];
}

export const CONNECTION: ConnectionSummary = {
  server: '/couchdb',
  userName: 'coach-amber',
  caseloadDatabase: 'caseload-0123456789abcdef0123456789abcdef',
  connectedAt: '2026-12-01T09:00:00.000Z',
};

export class FakeSource implements TeamSyncSource {
  state: TeamSyncState = { phase: 'alone' };
  readonly #listeners = new Set<() => void>();
  disconnect = vi.fn(async () => {
    this.setState({ phase: 'alone' });
  });
  changePassword = vi.fn(async (_password: string) => undefined);

  getState = () => this.state;

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  setState(state: TeamSyncState) {
    this.state = state;
    for (const listener of this.#listeners) listener();
  }

  /** Connected, with `session` running. */
  run(session: FakeSession) {
    this.setState({ phase: 'running', connection: CONNECTION, session });
  }
}
