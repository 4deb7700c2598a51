/**
 * The sync runtime (issue 14): runs this device's SyncSession while the app is unlocked and
 * the device has a team connection.
 *
 * - At unlock (and when a connection is saved), it reads the connection; with none, nothing
 *   more happens: no PouchDB is loaded and no request is made.
 * - With one, it loads ./start-session.ts (and PouchDB with it), opens the keys with the data
 *   key and starts the session.
 * - After each write to a synced table it asks the session to sync (debounced): a save never
 *   waits on the network.
 * - It stops the session when the app locks or the connection is forgotten (in this tab or
 *   another: a change to the settings is checked against the connection it runs).
 * - One tab at a time runs the session (a Web Lock); the others say so and wait.
 *
 * The screens read its state with `subscribe` and `getState` (useSyncExternalStore).
 */
import type { CoachingDatabase } from '../../db/database';
import { getDataKey, subscribeToKeyChange } from '../../db/encryption/session-key';
import {
  forgetTeamConnection,
  readTeamConnection,
  replaceTeamConnection,
  subscribeToTeamConnection,
  TeamConnectionError,
  type TeamConnection,
} from '../../db/repositories/team-connection';
import { subscribeToTableChanges } from '../../db/table-changes';
import type { CheckMembership } from './membership-check';
import type { StartSessionOptions } from './start-session';
import type { SyncSessionLike } from './sync-session-like';

/** The tables whose records sync (../../team/sync/payload.ts's SYNCED_TABLES). */
const SYNCED_TABLES = [
  'youngPeople',
  'goals',
  'sessions',
  'ratings',
  'closures',
  'resilienceMaps',
  'deletions',
] as const;

/** What the screens show of the connection (never its password or keys). */
export interface ConnectionSummary {
  server: string;
  userName: string;
  caseloadDatabase: string;
  connectedAt: string;
}

export type TeamSyncState =
  /** No connection on this device (or the app is locked): it works alone. */
  | { phase: 'alone' }
  | { phase: 'starting'; connection: ConnectionSummary }
  | { phase: 'running'; connection: ConnectionSummary; session: SyncSessionLike }
  /** Another tab of the app on this device runs the session (one at a time: Web Locks). */
  | { phase: 'elsewhere'; connection: ConnectionSummary }
  /** The connection is stored but cannot be used: `message` says why, for the coach. */
  | { phase: 'failed'; connection: ConnectionSummary | null; message: string };

export type StartSession = (
  connection: TeamConnection,
  options: StartSessionOptions,
) => Promise<SyncSessionLike>;

export interface TeamSyncOptions {
  db: CoachingDatabase;
  now: () => Date;
  /** Starts a session (default: ./start-session.ts, loaded when first needed). */
  startSession?: StartSession;
  /** The wait after a write before syncing (default 1 s): a burst of writes syncs once. */
  debounceMs?: number;
  /** PouchDB's wait before retrying (tests make it short). */
  retryDelay?: (previous: number) => number;
  /**
   * The local PouchDB database's name for a caseload (default: one per caseload; a test
   * with two devices in one process gives each its own).
   */
  localName?: (caseloadDatabase: string) => string;
  /** Checks the caseload's list on the team database (default: ./membership-check.ts). */
  checkMembership?: CheckMembership;
  /** How often a running session checks the caseload's list (default 15 minutes). */
  membershipCheckMs?: number;
}

/** What the coach reads once the lead took this device off the caseload. */
export const REMOVED_MESSAGE =
  'Your service lead took this device off the team, so it no longer syncs. Every record stays on this device. If that is a mistake, disconnect this device and ask your lead for a new invitation.';

/** The Web Lock the tab that syncs holds: one session per device, whatever the tabs. */
export const TAB_LOCK = 'resilience-coaching-team-sync';

const loadStartSession: StartSession = async (connection, options) =>
  (await import('./start-session')).startTeamSession(connection, options);

const loadCheckMembership: CheckMembership = async (connection, options) =>
  (await import('./membership-check')).checkTeamMembership(connection, options);

function summaryOf(connection: TeamConnection): ConnectionSummary {
  const { server, userName, caseloadDatabase, connectedAt } = connection;
  return { server, userName, caseloadDatabase, connectedAt };
}

/** Two stored connections are the same when nothing in them differs. */
const sameConnection = (a: TeamConnection, b: TeamConnection) =>
  JSON.stringify(a) === JSON.stringify(b);

/** Listens to a window event where there is a window; returns the way to stop. */
function listenFor(type: string, listener: () => void): () => void {
  const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  if (!target.addEventListener || !target.removeEventListener) return () => undefined;
  target.addEventListener(type, listener);
  return () => target.removeEventListener?.(type, listener);
}

export class TeamSyncRuntime {
  readonly #options: TeamSyncOptions;
  readonly #listeners = new Set<() => void>();
  #state: TeamSyncState = { phase: 'alone' };
  #connection: TeamConnection | null = null;
  #session: SyncSessionLike | null = null;
  /** Every refresh gets the next number: an older one that finishes late gives way. */
  #generation = 0;
  #queue: Promise<void> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #disposers: (() => void)[] = [];
  /** Releases the tab lock this tab holds; null when it holds none. */
  #releaseLock: (() => void) | null = null;
  /** Gives up waiting for the tab lock. */
  #abortLock: AbortController | null = null;
  /** The next check of the caseload's list while a session runs. */
  #checkTimer: ReturnType<typeof setTimeout> | null = null;
  /** Why the last check of the caseload's list could not be made (null: it was, or none yet). */
  #checkProblem: string | null = null;

  constructor(options: TeamSyncOptions) {
    this.#options = options;
  }

  getState = (): TeamSyncState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /**
   * Starts listening: to unlocking and locking, to the connection being saved or forgotten,
   * and to writes. Syncs at once if the app is unlocked and connected. Returns the way to stop
   * (which stops the session too).
   */
  start(): () => void {
    if (this.#disposers.length > 0) return () => this.dispose();
    this.#disposers = [
      subscribeToKeyChange(() => void this.refresh()),
      subscribeToTeamConnection(() => void this.refresh()),
      subscribeToTableChanges(this.#options.db, SYNCED_TABLES, () => this.#soon()),
      // The connection saved or forgotten in another tab (Dexie tells this one).
      subscribeToTableChanges(this.#options.db, ['settings'], () => void this.refresh()),
      // Back online: sync now, not after the retry's wait.
      listenFor('online', () => {
        this.#session?.reconnect?.();
        void this.checkMembership();
      }),
    ];
    void this.refresh();
    return () => this.dispose();
  }

  /** Stops listening and stops the session. */
  async dispose(): Promise<void> {
    for (const dispose of this.#disposers.splice(0)) dispose();
    this.#generation += 1;
    this.#abortLock?.abort();
    await this.#run(() => this.#stopSession());
    this.#set({ phase: 'alone' });
  }

  /**
   * Brings the session in line with the lock and the stored connection: started when the app
   * is unlocked and connected (once: the same connection is not started again), stopped
   * otherwise. Resolves when done.
   */
  refresh(): Promise<void> {
    const generation = ++this.#generation;
    // A wait for another tab to let go gives way to what happens now.
    this.#abortLock?.abort();
    return this.#run(async () => {
      if (generation !== this.#generation) return;
      const dataKey = getDataKey();
      if (!dataKey) {
        await this.#stopSession();
        this.#set({ phase: 'alone' });
        return;
      }
      let connection: TeamConnection | null;
      try {
        connection = await readTeamConnection(this.#options.db);
      } catch (error) {
        await this.#stopSession();
        const message =
          error instanceof TeamConnectionError
            ? error.message
            : 'The connection to the service could not be read on this device. Lock the app and unlock it to try again.';
        this.#set({ phase: 'failed', connection: null, message });
        return;
      }
      if (!connection) {
        await this.#stopSession();
        this.#set({ phase: 'alone' });
        return;
      }
      if (this.#session && this.#connection && sameConnection(this.#connection, connection)) return;
      await this.#stopSession();
      const summary = summaryOf(connection);
      if (connection.removedAt) {
        this.#set({ phase: 'failed', connection: summary, message: REMOVED_MESSAGE });
        return;
      }
      this.#set({ phase: 'starting', connection: summary });
      if (!(await this.#takeLock(() => this.#set({ phase: 'elsewhere', connection: summary })))) {
        return;
      }
      if (generation !== this.#generation) return;
      this.#set({ phase: 'starting', connection: summary });
      const start = this.#options.startSession ?? loadStartSession;
      try {
        const session = await start(connection, {
          db: this.#options.db,
          now: this.#options.now,
          dataKey,
          ...(this.#options.retryDelay ? { retryDelay: this.#options.retryDelay } : {}),
          ...(this.#options.localName
            ? { localName: this.#options.localName(connection.caseloadDatabase) }
            : {}),
        });
        if (generation !== this.#generation || getDataKey() === null) {
          await session.stop();
          this.#letGo();
          return;
        }
        this.#session = session;
        this.#connection = connection;
        this.#set({ phase: 'running', connection: summary, session });
        // In the background: a save never waits on it.
        this.#scheduleCheck(0);
      } catch (error) {
        const message =
          error instanceof Error && error.name === 'TeamStartError'
            ? error.message
            : 'Syncing with the service could not start on this device. Your records are kept on this device. Lock the app and unlock it to try again.';
        this.#letGo();
        this.#set({ phase: 'failed', connection: summary, message });
      }
    });
  }

  /**
   * Takes the tab lock (at once when no other tab of the app holds it, or when the browser
   * has no Web Locks); calls `waiting` if another tab holds it, and waits. False when the
   * wait was given up (a refresh, a lock, a disconnection).
   */
  #takeLock(waiting: () => void): Promise<boolean> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (!locks || this.#releaseLock) return Promise.resolve(true);
    const abort = new AbortController();
    this.#abortLock = abort;
    return new Promise<boolean>((resolve) => {
      let granted = false;
      void locks
        .request(TAB_LOCK, { ifAvailable: true }, async (lock) => {
          if (!lock) return;
          granted = true;
          await this.#holdLock(resolve);
        })
        .then(() => {
          if (granted || abort.signal.aborted) {
            if (!granted) resolve(false);
            return;
          }
          waiting();
          return locks.request(TAB_LOCK, { signal: abort.signal }, () => this.#holdLock(resolve));
        })
        .catch(() => resolve(false));
    });
  }

  /** Holds the tab lock until #letGo. */
  #holdLock(granted: (value: boolean) => void): Promise<void> {
    this.#abortLock = null;
    return new Promise<void>((release) => {
      this.#releaseLock = release;
      granted(true);
    });
  }

  /** Lets another tab take the lock (and sync). */
  #letGo() {
    this.#releaseLock?.();
    this.#releaseLock = null;
  }

  /**
   * "Disconnect this device": forgets the connection and stops syncing. Every record stays
   * on the device.
   */
  async disconnect(): Promise<void> {
    await forgetTeamConnection(this.#options.db);
    await this.refresh();
  }

  /**
   * The service changed this account's password (after a lost device, say): the connection
   * keeps the new one, and the sync starts again with it. Throws a TeamConnectionError when it
   * is not a password the connection can hold, and an Error when the device has no connection.
   */
  async changePassword(password: string): Promise<void> {
    const connection = await readTeamConnection(this.#options.db);
    if (!connection) throw new Error('This device is not connected to a service.');
    const replaced = await replaceTeamConnection(
      connection,
      { ...connection, password },
      this.#options.db,
    );
    if (!replaced) throw new Error('The connection changed meanwhile. Please try again.');
  }

  /** After a write: sync once the writes have paused (never awaited by the save). */
  #soon() {
    if (!this.#session) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#session?.syncNow();
    }, this.#options.debounceMs ?? 1_000);
  }

  /**
   * Checks the caseload's list on the team database now: a newer list and key are taken (the
   * connection is saved again, and the session starts again with the new key); a list without
   * this device stops the sync, saying so. Not checked while offline (tried again later).
   * Resolves when done; never throws.
   */
  async checkMembership(): Promise<void> {
    const connection = this.#connection;
    const dataKey = getDataKey();
    if (!connection || !this.#session || !dataKey) return;
    const check = this.#options.checkMembership ?? loadCheckMembership;
    try {
      const outcome = await check(connection, {
        db: this.#options.db,
        now: this.#options.now,
        dataKey,
      });
      this.#checkProblem = outcome.state === 'not-checked' ? outcome.message : null;
    } catch (error) {
      this.#checkProblem = error instanceof Error ? error.message : 'The check failed.';
    }
    // A saved connection (new key, or removed) restarts the session through its listener.
  }

  /** Why the last check of the caseload's list could not be made, or null. */
  get membershipCheckProblem(): string | null {
    return this.#checkProblem;
  }

  #scheduleCheck(delay: number) {
    if (this.#checkTimer !== null) clearTimeout(this.#checkTimer);
    this.#checkTimer = setTimeout(() => {
      this.#checkTimer = null;
      void this.checkMembership().finally(() => {
        if (this.#session) this.#scheduleCheck(this.#options.membershipCheckMs ?? 15 * 60_000);
      });
    }, delay);
  }

  async #stopSession() {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#checkTimer !== null) {
      clearTimeout(this.#checkTimer);
      this.#checkTimer = null;
    }
    const session = this.#session;
    this.#session = null;
    this.#connection = null;
    if (session) await session.stop().catch(() => undefined);
    this.#letGo();
  }

  #run(task: () => Promise<void>): Promise<void> {
    const done = this.#queue.then(task);
    this.#queue = done.catch(() => undefined);
    return done;
  }

  #set(state: TeamSyncState) {
    if (state.phase === 'alone' && this.#state.phase === 'alone') return;
    this.#state = state;
    for (const listener of [...this.#listeners]) listener();
  }
}
