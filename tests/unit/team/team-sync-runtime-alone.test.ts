/**
 * The sync runtime without a server (issue 14): a device with no connection starts nothing
 * and sends nothing; with one, a session starts with the data key, writes to the synced
 * tables ask it to sync (after the save, never holding it up), and locking, forgetting the connection or
 * disposing stops it. The session is a fake: the real one is in team-sync-runtime.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../src/db/database';
import { getDataKey, lock, setDataKey } from '../../../src/db/encryption/session-key';
import {
  forgetTeamConnection,
  saveTeamConnection,
} from '../../../src/db/repositories/team-connection';
import { createYoungPerson } from '../../../src/db/repositories/young-people';
import { TEAM_CONNECTION_KEY } from '../../../src/db/settings-keys';
import { TeamSyncRuntime, type StartSession } from '../../../src/features/team/team-sync';
import type { SyncSessionLike } from '../../../src/features/team/sync-session-like';
import { connectionFor, teamFixture } from '../../support/team-connection';

const NOW = new Date('2026-12-07T10:00:00Z');

function fakeSession() {
  return {
    status: { state: 'saved', waiting: 0, lastSavedAt: NOW, damaged: 0 },
    subscribe: () => () => true,
    syncNow: vi.fn(async () => undefined),
    conflicts: async () => [],
    damaged: () => [],
    refused: () => [],
    dismissConflict: async () => false,
    stop: vi.fn(async () => undefined),
  } satisfies SyncSessionLike;
}

let runtime: TeamSyncRuntime;
let sessions: ReturnType<typeof fakeSession>[];
let startSession: ReturnType<typeof vi.fn<StartSession>>;
let dataKey: Uint8Array;

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
  dataKey = new Uint8Array(getDataKey() as Uint8Array);
  sessions = [];
  startSession = vi.fn<StartSession>(async () => {
    const session = fakeSession();
    sessions.push(session);
    return session;
  });
  runtime = new TeamSyncRuntime({ db: getDb(), now: () => NOW, startSession, debounceMs: 5 });
});

afterEach(async () => {
  await runtime.dispose();
  vi.restoreAllMocks();
});

async function connect() {
  const team = await teamFixture();
  await saveTeamConnection(await connectionFor(team, dataKey), NOW);
}

/** Resolves at the runtime's next state that passes `check` (or now, if it does). */
function stateWhere(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const stop = runtime.subscribe(() => {
      if (check()) {
        stop();
        resolve();
      }
    });
  });
}

describe('the sync runtime', () => {
  it('with no connection, starts nothing and makes no request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    runtime.start();
    await runtime.refresh();
    await createYoungPerson(
      { name: 'Theo', dateOfBirth: '', school: '', programme: '', referralDate: '' },
      NOW,
    );
    await runtime.refresh();
    expect(runtime.getState()).toEqual({ phase: 'alone' });
    expect(startSession).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('starts when a connection is saved, with the data key; syncs after a write; stops when forgotten', async () => {
    runtime.start();
    await runtime.refresh();
    await connect();
    await stateWhere(() => runtime.getState().phase === 'running');
    expect(startSession).toHaveBeenCalledTimes(1);
    const [connection, options] = startSession.mock.calls[0] ?? [];
    expect(connection?.userName).toBe('coach-amber');
    expect(options?.dataKey).toEqual(dataKey);
    const session = sessions[0]!;

    // A write asks for a sync after it is saved: the save never waits for it.
    const order: string[] = [];
    const synced = new Promise<void>((resolve) => {
      session.syncNow.mockImplementation(async () => {
        order.push('synced');
        resolve();
        return undefined;
      });
    });
    await createYoungPerson(
      { name: 'Mia', dateOfBirth: '', school: '', programme: '', referralDate: '' },
      NOW,
    );
    order.push('saved');
    await synced;
    expect(order).toEqual(['saved', 'synced']);

    // Saving the same connection again does not start a second session.
    await runtime.refresh();
    expect(startSession).toHaveBeenCalledTimes(1);

    await forgetTeamConnection();
    await stateWhere(() => runtime.getState().phase === 'alone');
    expect(session.stop).toHaveBeenCalled();
    expect(await getDb().youngPeople.count()).toBe(1);
  });

  it('follows the connection written or removed by another tab (no in-tab notice)', async () => {
    runtime.start();
    await runtime.refresh();
    const team = await teamFixture();
    await saveTeamConnection(await connectionFor(team, dataKey), NOW);
    const row = await getDb().settings.get(TEAM_CONNECTION_KEY);
    await forgetTeamConnection();
    await stateWhere(() => runtime.getState().phase === 'alone');
    startSession.mockClear();
    // As another tab's write reaches this one: only Dexie's storage mutation.
    await getDb().settings.put(row!);
    await stateWhere(() => runtime.getState().phase === 'running');
    expect(startSession).toHaveBeenCalledTimes(1);
    await getDb().settings.delete(TEAM_CONNECTION_KEY);
    await stateWhere(() => runtime.getState().phase === 'alone');
    expect(sessions.at(-1)?.stop).toHaveBeenCalled();
  });

  it('stops at lock and starts again at unlock', async () => {
    await connect();
    runtime.start();
    await stateWhere(() => runtime.getState().phase === 'running');
    lock();
    try {
      await stateWhere(() => runtime.getState().phase === 'alone');
      expect(sessions[0]?.stop).toHaveBeenCalled();
    } finally {
      setDataKey(new Uint8Array(dataKey));
    }
    await stateWhere(() => runtime.getState().phase === 'running');
    expect(startSession).toHaveBeenCalledTimes(2);
  });

  it('says so when the session cannot start, and disconnecting forgets the connection', async () => {
    startSession.mockRejectedValueOnce(
      Object.assign(new Error('A key of the caseload could not be opened on this device.'), {
        name: 'TeamStartError',
      }),
    );
    await connect();
    runtime.start();
    await stateWhere(() => runtime.getState().phase === 'failed');
    expect(runtime.getState()).toMatchObject({
      phase: 'failed',
      message: 'A key of the caseload could not be opened on this device.',
    });
    await runtime.disconnect();
    expect(runtime.getState()).toEqual({ phase: 'alone' });
  });
});

/** Web Locks as the browser gives them, for one name at a time: exclusive, queued, abortable. */
class FakeLocks {
  #held = false;
  #queue: (() => void)[] = [];

  async request(
    _name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: object | null) => Promise<void> | void,
  ): Promise<void> {
    if (this.#held) {
      if (options.ifAvailable) return callback(null);
      await new Promise<void>((resolve, reject) => {
        const go = () => resolve();
        this.#queue.push(go);
        options.signal?.addEventListener('abort', () => {
          this.#queue = this.#queue.filter((g) => g !== go);
          reject(new DOMException('Aborted', 'AbortError'));
        });
      });
    }
    this.#held = true;
    try {
      await callback({});
    } finally {
      this.#held = false;
      this.#queue.shift()?.();
    }
  }
}

describe('two tabs of the app on one device', () => {
  it('run one session: the second tab waits, and takes over when the first stops', async () => {
    const locks = new FakeLocks();
    vi.stubGlobal('navigator', { userAgent: 'test', locks });
    try {
      await connect();
      const other = new TeamSyncRuntime({ db: getDb(), now: () => NOW, startSession });
      runtime.start();
      await stateWhere(() => runtime.getState().phase === 'running');
      other.start();
      await new Promise<void>((resolve) => {
        const check = () => other.getState().phase === 'elsewhere' && (stop(), resolve());
        const stop = other.subscribe(() => void check());
        check();
      });
      expect(startSession).toHaveBeenCalledTimes(1);

      await runtime.dispose();
      await new Promise<void>((resolve) => {
        const check = () => other.getState().phase === 'running' && (stop(), resolve());
        const stop = other.subscribe(() => void check());
        check();
      });
      expect(startSession).toHaveBeenCalledTimes(2);
      await other.dispose();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
