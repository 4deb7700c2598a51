import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isReloadPending,
  reloadOnLock,
  replacePageReload,
} from '../../../src/app/lock/reload-on-lock';
import {
  getDataKey,
  lock,
  setDataKey,
  setEncryptionSetUp,
} from '../../../src/db/encryption/session-key';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('reloadOnLock', () => {
  const reload = vi.fn();
  let stop: () => void;
  let key: Uint8Array;
  beforeEach(() => {
    reload.mockClear();
    replacePageReload(reload);
    stop = reloadOnLock();
    key = new Uint8Array(getDataKey() ?? []);
  });
  afterEach(() => {
    stop();
    replacePageReload(() => undefined); // as tests/setup.ts leaves it
    setDataKey(key);
  });

  it('reloads the page once the app has locked, showing nothing else meanwhile', async () => {
    lock();
    expect(isReloadPending()).toBe(true);
    expect(reload).not.toHaveBeenCalled(); // the other lock listeners (the tabs) first
    await tick();
    expect(reload).toHaveBeenCalledOnce();
    expect(isReloadPending()).toBe(false); // here: a fresh page, as after a real reload
  });

  it('does not reload when the app did not end up locked (a first passphrase that failed)', async () => {
    lock();
    setEncryptionSetUp(false);
    await tick();
    expect(reload).not.toHaveBeenCalled();
    expect(isReloadPending()).toBe(false);
  });

  it('stops when asked', async () => {
    stop();
    lock();
    await tick();
    expect(reload).not.toHaveBeenCalled();
  });
});
