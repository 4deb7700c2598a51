/**
 * A coach's device syncing one caseload with the team server (issue 14):
 *
 *   Dexie ──push (./push.ts: seal changed records)──▶ local PouchDB ──replication──▶ server
 *   Dexie ◀──pull (./pull.ts: open, check, merge)──── local PouchDB ◀──replication── server
 *
 * The two replications are PouchDB's own, live and retrying (checkpoints, retries and
 * conflicts are PouchDB's and CouchDB's, not ours); this module seals and opens records at
 * each end and reports one status for the screens:
 *
 *   { state: 'offline' | 'syncing' | 'saved' | 'error', waiting, lastSavedAt, problem? }
 *
 * `waiting` counts the device's changes the server does not have yet. Nothing here blocks
 * the app: every step runs in the background, one at a time, and a failure is a status,
 * never a thrown error on a screen. Time comes from `now()`, so tests need no clock.
 *
 * Not wired into the app yet: the screens will call `syncNow()` after each save.
 */
import PouchDB, {
  type Database,
  type Replication,
  type ReplicationEvent,
  type StoredDocument,
} from 'pouchdb-browser';
import type { CoachingDatabase } from '../../db/database';
import type { CaseloadKey } from '../keys/caseload-key';
import { openEnvelope } from '../keys/envelope';
// Envelopes sealed and opened with the fast AES-GCM once it is loaded (issue 14).
import './envelope-cipher';
import { checkAccess } from '../provision';
import { documentIdsFor } from './document-ids';
import { conflictPayloadSchema, type SyncedRecord, type SyncedTable } from './payload';
import { describeSyncError, DENIED_MESSAGE, type SyncProblem } from './problems';
import { pullRemoteChanges, type PullOutcome } from './pull';
import {
  CachedIds,
  countLocalChanges,
  pushLocalChanges,
  retireOlderDocuments,
  type SyncContext,
} from './push';
import { steadyFetch } from './steady-fetch';
import { loadState, saveState, type DamagedDocument, type RefusedVersion } from './state';

export type SyncStateName = 'offline' | 'syncing' | 'saved' | 'error';

export interface SyncStatus {
  state: SyncStateName;
  /** The device's changes the server does not have yet. */
  waiting: number;
  /** When everything was last on the server (this session), or null. */
  lastSavedAt: Date | null;
  /** What is wrong, in plain words for the coach (when offline or in error). */
  problem?: string;
  /** Documents from the server that could not be opened (listed by `damaged()`). */
  damaged: number;
}

export interface SyncCredentials {
  name: string;
  password: string;
}

export interface SyncStartOptions {
  /** The caseload database's address: `/couchdb/caseload-…` in the app. */
  remoteUrl: string;
  credentials: SyncCredentials;
  /** The caseload's newest key: records are sealed with it, and document ids derived. */
  caseloadKey: CaseloadKey;
  /** Every version of the caseload's key the device holds (to open older documents). */
  keys?: readonly CaseloadKey[];
}

export interface SyncSessionOptions {
  /** The device's Dexie database (the app's, or a test's). */
  db: CoachingDatabase;
  /** The name of this device's local PouchDB database for the caseload. */
  localName: string;
  now: () => Date;
  /** PouchDB's wait before retrying, from the last wait (ms). Default: 1 s, doubling to 5 min. */
  retryDelay?: (previous: number) => number;
  /** Changes applied to Dexie in one transaction (default 250). */
  pullBatchSize?: number;
}

/** A version of a record set aside when another device's newer version won. */
export interface ConflictEntry {
  /** The conflict entry's own document. */
  entryId: string;
  table: SyncedTable;
  /** The record's id. */
  id: string;
  /** The version that lost. */
  record: SyncedRecord;
  keptAt: string;
}

const defaultRetryDelay = (previous: number) => Math.min(Math.max(previous * 2, 1_000), 300_000);

type Listener = (status: SyncStatus) => void;

interface Running {
  context: SyncContext;
  remote: Database;
  push: Replication;
  pull: Replication;
}

export class SyncSession {
  readonly #options: SyncSessionOptions;
  readonly #listeners = new Set<Listener>();
  #running: Running | null = null;
  /** From the start of `start()` to the end of `stop()`. */
  #context: SyncContext | null = null;
  #started: SyncStartOptions | null = null;
  /** Each start and stop makes a new one: a start that was stopped meanwhile gives up. */
  #generation = 0;
  #starting = false;
  #queue: Promise<unknown> = Promise.resolve();
  #busy = 0;
  #pushActive = false;
  #pullActive = false;
  /** Each replication has caught up at least once since it (re)started. */
  #pushCaughtUp = false;
  #pullCaughtUp = false;
  #problem: SyncProblem | null = null;
  /** A failed step on the device tried again after a wait (a full disk can free up). */
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryWait = 0;
  /** The last step on this device failed (cleared when one succeeds). */
  #deviceProblem: SyncProblem | null = null;
  #fatal: SyncProblem | null = null;
  #localChanges = 0;
  #lastSavedAt: Date | null = null;
  #status: SyncStatus = { state: 'offline', waiting: 0, lastSavedAt: null, damaged: 0 };

  constructor(options: SyncSessionOptions) {
    this.#options = options;
  }

  get status(): SyncStatus {
    return this.#status;
  }

  /** Calls `listener` with every new status; returns the way to stop. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Opens the local database and starts syncing in the background. */
  async start(options: SyncStartOptions): Promise<void> {
    if (this.#running || this.#starting) {
      throw new Error('This sync session has started already.');
    }
    const { localName } = this.#options;
    const generation = ++this.#generation;
    this.#starting = true;
    // Old revisions are dropped as soon as a newer one is written (an erased record's
    // sealed copy does not stay in the history on the device).
    const replica = new PouchDB(localName, { auto_compaction: true });
    const remote = new PouchDB(options.remoteUrl, {
      skip_setup: true,
      auth: { username: options.credentials.name, password: options.credentials.password },
      fetch: steadyFetch,
    });
    const close = async () => {
      await replica.close().catch(() => undefined);
      await remote.close().catch(() => undefined);
    };
    try {
      await this.#begin(options, replica, remote, generation);
    } catch (error) {
      this.#context = null;
      this.#started = null;
      await close();
      this.#emit();
      throw error;
    } finally {
      this.#starting = false;
    }
  }

  async #begin(
    options: SyncStartOptions,
    replica: Database,
    remote: Database,
    generation: number,
  ): Promise<void> {
    const { db, now } = this.#options;
    const keys = [options.caseloadKey, ...(options.keys ?? [])];
    const idsByVersion = new Map<number, Promise<CachedIds>>();
    const idsOf = (keyVersion: number) => {
      const key = keys.find(
        (k) => k.keyVersion === keyVersion && k.caseloadId === options.caseloadKey.caseloadId,
      );
      if (!key) return Promise.resolve(null);
      let ids = idsByVersion.get(keyVersion);
      if (!ids) {
        ids = documentIdsFor(key).then((derived) => new CachedIds(derived));
        idsByVersion.set(keyVersion, ids);
      }
      return ids;
    };
    const context: SyncContext = {
      db,
      replica,
      key: options.caseloadKey,
      keys,
      ids: (await idsOf(options.caseloadKey.keyVersion)) as CachedIds,
      idsOf,
      loaded: await loadState(replica),
      now,
    };
    if (this.#generation !== generation) {
      await replica.close().catch(() => undefined);
      await remote.close().catch(() => undefined);
      return;
    }
    this.#problem = null;
    this.#fatal = null;
    this.#deviceProblem = null;
    this.#context = context;
    this.#started = options;
    // Local changes into the local database first, so a pull never meets a device change
    // that is not sealed yet.
    await this.#step(context, 'push');
    // Stopped while starting: nothing more starts.
    if (this.#generation !== generation) {
      this.#context = null;
      this.#started = null;
      await replica.close().catch(() => undefined);
      await remote.close().catch(() => undefined);
      this.#emit();
      return;
    }
    const back_off_function = this.#options.retryDelay ?? defaultRetryDelay;
    const push = replica.replicate.to(remote, { live: true, retry: true, back_off_function });
    const pull = replica.replicate.from(remote, { live: true, retry: true, back_off_function });
    this.#running = { context, remote, push, pull };
    this.#watch(push, 'push');
    this.#watch(pull, 'pull');
    void this.#step(context, 'pull');
  }

  /** Stops syncing and closes the local database. Changes stay on the device. */
  async stop(): Promise<void> {
    const running = this.#running;
    this.#generation += 1;
    if (!running) {
      // Still starting: `start` sees the new generation and closes what it opened.
      this.#context = null;
      this.#started = null;
      this.#emit();
      return;
    }
    this.#running = null;
    this.#cancelRetry();
    running.push.cancel();
    running.pull.cancel();
    await Promise.allSettled([running.push, running.pull]);
    await this.#queue.catch(() => undefined);
    await running.context.replica.close().catch(() => undefined);
    await running.remote.close().catch(() => undefined);
    this.#context = null;
    this.#started = null;
    this.#pushActive = false;
    this.#pullActive = false;
    this.#pushCaughtUp = false;
    this.#pullCaughtUp = false;
    this.#problem = null;
    this.#emit();
  }

  /**
   * The network is back (the browser's `online` event): replications waiting out their retry
   * after a failed request start again now, rather than after their wait (which doubles up to
   * 5 minutes). Does nothing unless the session is offline.
   */
  reconnect(): void {
    const running = this.#running;
    // Not after a refusal (a wrong password, no access): that needs a person, not a retry.
    if (!running || this.#fatal || this.#problem?.state !== 'offline') return;
    // PouchDB's own listeners end the old replications (their feeds and open requests);
    // ours ignore them from now on (#watch hears only the replications in #running).
    for (const replication of [running.push, running.pull]) {
      replication.cancel();
      replication.then(undefined, () => undefined);
    }
    const back_off_function = this.#options.retryDelay ?? defaultRetryDelay;
    const { replica } = running.context;
    const push = replica.replicate.to(running.remote, {
      live: true,
      retry: true,
      back_off_function,
    });
    const pull = replica.replicate.from(running.remote, {
      live: true,
      retry: true,
      back_off_function,
    });
    this.#running = { ...running, push, pull };
    this.#pushActive = false;
    this.#pullActive = false;
    this.#watch(push, 'push');
    this.#watch(pull, 'pull');
    this.#emit();
  }

  /** Seals the device's changes for the server now (the app calls this after each save). */
  async syncNow(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    await this.#step(running.context, 'push');
  }

  /** Documents from the server that could not be opened: ids and reasons only. */
  damaged(): DamagedDocument[] {
    return [...(this.#context?.loaded.state.damaged ?? [])];
  }

  /**
   * Versions from the server the backup merge's rules did not take here (a change to a case
   * closed on this device, new words for a rated goal): ids and reasons only.
   */
  refused(): RefusedVersion[] {
    return [...(this.#context?.loaded.state.refused ?? [])];
  }

  /** The versions set aside after conflicts, for the coach to look at and choose. */
  async conflicts(): Promise<ConflictEntry[]> {
    const running = this.#running;
    if (!running) return [];
    const { context } = running;
    const all = await context.replica.allDocs({ include_docs: true });
    const entries: ConflictEntry[] = [];
    for (const row of all.rows) {
      if (!row.doc || row.id.startsWith('_')) continue;
      const opened = await openEnvelope(row.doc, {
        caseloadId: context.key.caseloadId,
        keys: context.keys,
        schema: conflictPayloadSchema,
      });
      if (!opened.ok) continue;
      const { table, record, keptAt } = opened.record;
      entries.push({ entryId: row.id, table, id: record.id, record, keptAt });
    }
    return entries.sort((a, b) => a.keptAt.localeCompare(b.keptAt));
  }

  /**
   * The coach has looked at a conflict entry and chosen: it goes, on every device of the
   * caseload (a CouchDB deletion; the entry holds no record any more). Keeping the other
   * version instead is a save of that version, as any edit. False if there is no such entry.
   */
  async dismissConflict(entryId: string): Promise<boolean> {
    const context = this.#context;
    if (!context) return false;
    const entry = (await this.conflicts()).find((c) => c.entryId === entryId);
    if (!entry) return false;
    await this.#exclusive(async () => {
      const stored = await context.replica.get(entryId);
      await context.replica.remove(stored);
    });
    return true;
  }

  /** Runs `task` after the steps before it, and before any after it. */
  #exclusive(task: () => Promise<void>): Promise<void> {
    const done = this.#queue.then(task);
    this.#queue = done.catch(() => undefined);
    return done;
  }

  /** Runs one step after those before it; a failing step becomes the status. */
  #step(context: SyncContext, kind: 'push' | 'pull'): Promise<void> {
    this.#busy += 1;
    this.#emit();
    const run = async () => {
      const save = () => saveState(context.replica, context.loaded);
      if (kind === 'push') {
        await pushLocalChanges(context);
        await retireOlderDocuments(context);
        await save();
      } else {
        const outcome: PullOutcome = await pullRemoteChanges(
          context,
          save,
          this.#options.pullBatchSize,
        );
        if (outcome.damaged > 0 || outcome.conflicts > 0) await save();
      }
      this.#localChanges = await countLocalChanges(context);
    };
    const done = this.#queue.then(run).then(
      () => {
        this.#deviceProblem = null;
        this.#retryWait = 0;
      },
      async (error: unknown) => {
        // A step that failed on the device (a full disk, the app locked) is tried again with
        // the next one: the state goes back to what was saved, so nothing is marked as done
        // that was not.
        context.loaded = await loadState(context.replica);
        const why = error instanceof Error ? ` (${error.message})` : '';
        this.#deviceProblem = {
          state: 'error',
          message:
            kind === 'push'
              ? `Your changes could not be prepared for the team server on this device${why}. They are kept on this device.`
              : `Changes from the team server could not be saved on this device${why}. They will be tried again; nothing on this device was lost.`,
        };
        this.#retryLater(context, kind);
      },
    );
    this.#queue = done.finally(() => {
      this.#busy -= 1;
      this.#emit();
    });
    return this.#queue.then(() => undefined);
  }

  /**
   * Tries a failed step again after the back-off wait, whether or not anything else happens
   * (a full disk frees up with no event from the server).
   */
  #retryLater(context: SyncContext, kind: 'push' | 'pull') {
    if (this.#retryTimer !== null || this.#context !== context) return;
    this.#retryWait = (this.#options.retryDelay ?? defaultRetryDelay)(this.#retryWait);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#context !== context || this.#deviceProblem === null) return;
      void this.#step(context, kind);
      if (kind === 'push') void this.#step(context, 'pull');
    }, this.#retryWait);
  }

  #cancelRetry() {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#retryWait = 0;
  }

  #watch(replication: Replication, direction: 'push' | 'pull') {
    const setActive = (value: boolean) => {
      if (direction === 'push') this.#pushActive = value;
      else this.#pullActive = value;
    };
    const setCaughtUp = () => {
      if (direction === 'push') this.#pushCaughtUp = true;
      else this.#pullCaughtUp = true;
    };
    const current = () => this.#running?.[direction === 'push' ? 'push' : 'pull'] === replication;
    const context = () => (current() ? this.#running?.context : undefined);
    const on = (event: ReplicationEvent, listener: (info: unknown) => void) =>
      replication.on(event, (info) => {
        if (current()) listener(info);
      });
    on('active', () => {
      setActive(true);
      this.#emit();
    });
    on('change', (info) => {
      const c = context();
      if (!c) return;
      if (direction === 'push') {
        const docs = (info as { docs?: StoredDocument[] }).docs ?? [];
        const onServer = new Set(
          docs.filter((d) => c.loaded.state.revisions[d._id] === d._rev).map((d) => d._id),
        );
        c.loaded.state.pending = c.loaded.state.pending.filter((id) => !onServer.has(id));
        void this.#saveQuietly(c);
      } else {
        void this.#step(c, 'pull');
      }
      this.#emit();
    });
    on('paused', (error) => {
      setActive(false);
      if (error) {
        this.#problem = describeSyncError(error);
      } else {
        setCaughtUp();
        if (this.#problem?.state === 'offline') this.#problem = null;
        const c = context();
        if (c && direction === 'pull') void this.#step(c, 'pull');
        if (c && direction === 'push' && c.loaded.state.pending.length > 0) {
          void this.#confirmPending(c);
        }
      }
      this.#emit();
    });
    on('requestError', (error) => {
      this.#problem = describeSyncError(error);
      this.#emit();
    });
    on('denied', () => {
      this.#problem = { state: 'error', message: DENIED_MESSAGE };
      this.#emit();
    });
    on('error', (error) => {
      setActive(false);
      this.#fatal = describeSyncError(error);
      this.#emit();
      void this.#explainFatal();
    });
  }

  /**
   * Replication gave up (a refused name or password, or no access): the provisioning code's
   * access check tells which, in its own words (CouchDB and pouchdb-server answer a
   * non-member differently).
   */
  async #explainFatal(): Promise<void> {
    const started = this.#started;
    if (!started) return;
    const cut = started.remoteUrl.replace(/\/+$/, '').lastIndexOf('/');
    const address = started.remoteUrl.slice(0, cut);
    const database = started.remoteUrl.slice(cut + 1).replace(/\/+$/, '');
    const access = await checkAccess(address, started.credentials, database).catch(() => null);
    if (!access || access.ok || this.#started !== started || !this.#fatal) return;
    this.#fatal = {
      state: 'error',
      message: `${access.problem.message} Your changes are kept on this device.`,
    };
    this.#emit();
  }

  /**
   * The push replication is idle: asks the server which of the documents still counted as
   * waiting it holds, at the revision written here (a replication event can be missed, or
   * come before this device noted what it wrote).
   */
  #confirmPending(context: SyncContext): Promise<void> {
    const remote = this.#running?.remote;
    if (!remote) return Promise.resolve();
    return this.#exclusive(async () => {
      const { state } = context.loaded;
      const asked = [...state.pending];
      const answer = await remote.allDocs({ keys: asked });
      const onServer = new Set(
        answer.rows
          .filter((row) => row.value && state.revisions[row.id] === row.value.rev)
          .map((row) => row.id),
      );
      state.pending = state.pending.filter((id) => !onServer.has(id));
      await saveState(context.replica, context.loaded);
      this.#emit();
    }).catch(() => undefined);
  }

  #saveQuietly(context: SyncContext): Promise<void> {
    const save = async () => {
      await saveState(context.replica, context.loaded);
    };
    this.#queue = this.#queue.then(save).catch(() => undefined);
    return this.#queue.then(() => undefined);
  }

  #emit() {
    const context = this.#context;
    const state = context?.loaded.state;
    const waiting = (state?.pending.length ?? 0) + this.#localChanges;
    const problem = this.#fatal ?? this.#deviceProblem ?? this.#problem;
    let name: SyncStateName;
    if (!context) name = 'offline';
    else if (problem) name = problem.state;
    else if (
      this.#busy > 0 ||
      this.#pushActive ||
      this.#pullActive ||
      !this.#pushCaughtUp ||
      !this.#pullCaughtUp ||
      waiting > 0
    ) {
      name = 'syncing';
    } else name = 'saved';
    if (name === 'saved' && this.#status.state !== 'saved') this.#lastSavedAt = this.#options.now();
    const next: SyncStatus = {
      state: name,
      waiting,
      lastSavedAt: this.#lastSavedAt,
      damaged: state?.damaged.length ?? 0,
      ...(problem ? { problem: problem.message } : {}),
    };
    const previous = this.#status;
    this.#status = next;
    if (
      previous.state === next.state &&
      previous.waiting === next.waiting &&
      previous.lastSavedAt === next.lastSavedAt &&
      previous.problem === next.problem &&
      previous.damaged === next.damaged
    ) {
      return;
    }
    for (const listener of this.#listeners) listener(next);
  }
}
