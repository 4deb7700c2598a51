import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  getDatabaseKey,
  getDataKey,
  getLockState,
  isUnlocked,
  lock,
  lockSafely,
  NOT_SET_UP,
  onBeforeLock,
  PassphraseNeededError,
  requirePassphraseForRealRecords,
  setDataKey,
  setEncryptionSetUp,
  subscribeToKeyChange,
  subscribeToLock,
} from '../../../../src/db/encryption/session-key';
import { randomBytes } from '../../../../src/lib/crypto';

// tests/setup.ts unlocks before each test; these start locked.
beforeEach(() => lock());
afterEach(() => lock());

describe('the in-memory data key', () => {
  it('holds the key while unlocked', () => {
    expect(isUnlocked()).toBe(false);
    expect(getDataKey()).toBeNull();
    const key = randomBytes(32);
    setDataKey(key);
    expect(isUnlocked()).toBe(true);
    expect(getDataKey()).toBe(key);
  });

  it('wipes the bytes, drops the key and tells lock listeners when locked', () => {
    const key = randomBytes(32);
    setDataKey(key);
    const onLock = vi.fn();
    const unsubscribe = subscribeToLock(onLock);
    lock();
    expect(key.every((b) => b === 0)).toBe(true);
    expect(getDataKey()).toBeNull();
    expect(isUnlocked()).toBe(false);
    expect(onLock).toHaveBeenCalledTimes(1);
    lock();
    expect(onLock).toHaveBeenCalledTimes(1);
    unsubscribe();
    setDataKey(randomBytes(32));
    lock();
    expect(onLock).toHaveBeenCalledTimes(1);
  });

  it('wipes a key it replaces', () => {
    const first = randomBytes(32);
    setDataKey(first);
    setDataKey(randomBytes(32));
    expect(first.every((b) => b === 0)).toBe(true);
  });

  it('tells change listeners on unlock and on lock', () => {
    const onChange = vi.fn();
    const unsubscribe = subscribeToKeyChange(onChange);
    setDataKey(randomBytes(32));
    lock();
    expect(onChange).toHaveBeenCalledTimes(2);
    unsubscribe();
  });

  it('refuses anything but 32 bytes', () => {
    expect(() => setDataKey(randomBytes(16))).toThrow(/32 bytes/);
    expect(isUnlocked()).toBe(false);
  });
});

describe('the lock state', () => {
  it('is "not set up" without a keyring: records pass plain, real ones need a passphrase', () => {
    setEncryptionSetUp(false);
    expect(getLockState()).toBe('not-set-up');
    expect(getDatabaseKey()).toBe(NOT_SET_UP);
    expect(() => requirePassphraseForRealRecords()).toThrow(PassphraseNeededError);
  });

  it('is "locked" with a keyring and no key, and "unlocked" with the key', () => {
    setEncryptionSetUp(true);
    expect(getLockState()).toBe('locked');
    expect(getDatabaseKey()).toBeNull();
    const key = randomBytes(32);
    setDataKey(key);
    expect(getLockState()).toBe('unlocked');
    expect(getDatabaseKey()).toBe(key);
    expect(() => requirePassphraseForRealRecords()).not.toThrow();
    lock();
    expect(getLockState()).toBe('locked');
  });

  it('setting a key means encryption is set up, so locking never falls back to plain', () => {
    setEncryptionSetUp(false);
    setDataKey(randomBytes(32));
    lock();
    expect(getLockState()).toBe('locked');
    expect(getDatabaseKey()).toBeNull();
  });

  it('lockSafely lets before-lock work finish with the key, then locks', async () => {
    setDataKey(randomBytes(32));
    const seen: boolean[] = [];
    const unsubscribe = onBeforeLock(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(isUnlocked());
    });
    const failing = onBeforeLock(() => {
      throw new Error('a draft could not be written');
    });
    await lockSafely();
    expect(seen).toEqual([true]);
    expect(isUnlocked()).toBe(false);
    unsubscribe();
    failing();
  });

  it('lockSafely does not wait for ever on a before-lock listener', async () => {
    setDataKey(randomBytes(32));
    const unsubscribe = onBeforeLock(() => new Promise(() => undefined));
    await lockSafely(20);
    expect(isUnlocked()).toBe(false);
    unsubscribe();
  });
});
