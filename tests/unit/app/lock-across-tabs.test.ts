import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { useAutoLock } from '../../../src/app/lock/auto-lock';
import {
  TAB_CHANNEL_NAME,
  connectTabs,
  type TabMessage,
} from '../../../src/app/lock/lock-across-tabs';
import { hearTabLocks } from '../../../src/app/lock/hear-tab-locks';
import { getDb } from '../../../src/db/database';
import {
  announceDataKeyChange,
  holdAutoLock,
  isUnlocked,
  lock,
  lockSafely,
  onBeforeLock,
  setDataKey,
} from '../../../src/db/encryption/session-key';
import { randomBytes } from '../../../src/lib/crypto';

/**
 * Another tab of the app, as this one sees it: a second BroadcastChannel of the same name
 * (jsdom runs under Node, whose BroadcastChannel delivers between instances in one process).
 */
function otherTab() {
  const channel = new BroadcastChannel(TAB_CHANNEL_NAME);
  const received: unknown[] = [];
  channel.onmessage = (event: MessageEvent<unknown>) => received.push(event.data);
  return {
    received,
    send: (message: TabMessage | unknown) => channel.postMessage(message),
    close: () => channel.close(),
  };
}

/** Waits until `check` holds (messages arrive asynchronously). */
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Timed out waiting: ${what}`);
}

describe('Locking one tab locks every tab', () => {
  let disconnect: () => void = () => undefined;
  let other: ReturnType<typeof otherTab>;

  beforeEach(() => {
    other = otherTab();
  });
  afterEach(() => {
    disconnect();
    other.close();
  });

  it('locks this tab when another tab locks, keeping what is being typed first', async () => {
    disconnect = hearTabLocks();
    const drafted = vi.fn();
    const stop = onBeforeLock(drafted);
    expect(isUnlocked()).toBe(true);

    other.send({ type: 'lock' });

    await until(() => !isUnlocked(), 'this tab to lock');
    expect(drafted).toHaveBeenCalledTimes(1);
    stop();
  });

  it('tells the other tabs to lock when this tab is about to change the data key', async () => {
    disconnect = connectTabs();
    announceDataKeyChange();
    await until(() => other.received.length > 0, 'the other tab to be told');
    expect(other.received).toEqual([{ type: 'lock' }]);
    // This tab goes on: it changes the key and keeps the new one.
    expect(isUnlocked()).toBe(true);
  });

  it('tells the other tabs when this tab locks (Lock now, auto-lock)', async () => {
    disconnect = connectTabs();

    await lockSafely();

    await until(() => other.received.length > 0, 'the other tab to hear');
    expect(other.received).toEqual([{ type: 'lock' }]);
  });

  it('tells them once per lock, and not when it was already locked', async () => {
    disconnect = connectTabs();
    lock();
    lock();
    setDataKey(randomBytes(32));
    lock();

    await until(() => other.received.length >= 2, 'two locks');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(other.received).toEqual([{ type: 'lock' }, { type: 'lock' }]);
  });

  it('ignores anything else on the channel', async () => {
    const stopHearing = hearTabLocks();
    disconnect = connectTabs();
    onTestFinished(stopHearing);

    other.send({ type: 'unlock' });
    other.send('lock');
    other.send(null);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(isUnlocked()).toBe(true);
  });

  it('stops listening once disconnected', async () => {
    connectTabs()();
    hearTabLocks()();

    other.send({ type: 'lock' });
    lock();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(other.received).toEqual([]);
  });

  it('does nothing without BroadcastChannel', () => {
    expect(() => connectTabs(null)()).not.toThrow();
    expect(() => hearTabLocks(null)()).not.toThrow();
  });
});

describe('Auto-lock counts use of any tab', () => {
  let disconnect: () => void = () => undefined;
  let other: ReturnType<typeof otherTab>;
  let now = 0;

  beforeEach(async () => {
    await getDb().delete();
    await getDb().open();
    other = otherTab();
    disconnect = connectTabs();
    now = Date.parse('2026-09-01T10:00:00Z');
    vi.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => {
    disconnect();
    other.close();
  });

  /** Starts the auto-lock (5 minutes, the default) and waits until it knows the time. */
  async function startAutoLock() {
    const read = vi.spyOn(getDb().settings, 'get');
    renderHook(() => useAutoLock(true));
    await until(() => read.mock.calls.length > 0, 'the auto-lock time to be read');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Moves the clock on and lets the auto-lock look (as when the tab gets focus). */
  async function later(minutes: number) {
    now += minutes * 60_000;
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  it('does not lock while the coach works in another tab', async () => {
    await startAutoLock();

    await later(4);
    other.send({ type: 'activity' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await later(4);
    expect(isUnlocked()).toBe(true);

    await later(1);
    await until(() => !isUnlocked(), 'auto-lock after 5 minutes unused in any tab');
  });

  it('waits while the recovery key is on screen, then counts from when it goes', async () => {
    await startAutoLock();
    const release = holdAutoLock();

    await later(30);
    expect(isUnlocked()).toBe(true);

    release();
    release(); // twice is the same as once
    await later(4);
    expect(isUnlocked()).toBe(true);
    await later(1);
    await until(() => !isUnlocked(), 'auto-lock 5 minutes after the key was put away');
  });

  it('tells the other tabs when the coach uses this one, at most every few seconds', async () => {
    await startAutoLock();

    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'b' }));
    });
    await until(() => other.received.length > 0, 'the other tab to hear');
    now += 6_000;
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'c' }));
    });
    await until(() => other.received.length > 1, 'a second message');
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(other.received).toEqual([{ type: 'activity' }, { type: 'activity' }]);
  });
});
