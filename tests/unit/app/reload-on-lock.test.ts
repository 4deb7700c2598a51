import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reloadOnLock, replacePageReload } from '../../../src/app/lock/reload-on-lock';
import {
  getDataKey,
  lock,
  setDataKey,
  setEncryptionSetUp,
} from '../../../src/db/encryption/session-key';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('reloadOnLock', () => {
  const reload = vi.fn();
  let pending = false;
  let stop: () => void;
  let key: Uint8Array;
  beforeEach(() => {
    reload.mockClear();
    replacePageReload(reload);
    pending = false;
    stop = reloadOnLock((value) => {
      pending = value;
    });
    key = new Uint8Array(getDataKey() ?? []);
  });
  afterEach(() => {
    stop();
    replacePageReload(() => undefined); // as tests/setup.ts leaves it
    setDataKey(key);
  });

  it('reloads the page once the app has locked, showing nothing else meanwhile', async () => {
    lock();
    expect(pending).toBe(true);
    expect(reload).not.toHaveBeenCalled(); // the other lock listeners (the tabs) first
    await tick();
    expect(reload).toHaveBeenCalledOnce();
    expect(pending).toBe(false); // here: a fresh page, as after a real reload
  });

  it('does not reload when the app did not end up locked (a first passphrase that failed)', async () => {
    lock();
    setEncryptionSetUp(false);
    await tick();
    expect(reload).not.toHaveBeenCalled();
    expect(pending).toBe(false);
  });

  it('stops when asked', async () => {
    stop();
    lock();
    await tick();
    expect(reload).not.toHaveBeenCalled();
  });
});
