import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatBytes, getStorageStatus, requestPersistentStorage } from '../../../src/lib/storage';

afterEach(() => vi.unstubAllGlobals());

function stubStorage(storage: Partial<StorageManager> | undefined) {
  vi.stubGlobal('navigator', { ...navigator, storage });
}

describe('storage status', () => {
  it('reports persistence, usage and quota from the Storage API', async () => {
    stubStorage({
      persisted: () => Promise.resolve(true),
      estimate: () => Promise.resolve({ usage: 2_500_000, quota: 1_000_000_000 }),
    });
    expect(await getStorageStatus()).toEqual({
      persisted: true,
      usageBytes: 2_500_000,
      quotaBytes: 1_000_000_000,
    });
  });

  it('says unknown when the browser has no Storage API', async () => {
    stubStorage(undefined);
    expect(await getStorageStatus()).toEqual({
      persisted: null,
      usageBytes: null,
      quotaBytes: null,
    });
    expect(await requestPersistentStorage()).toBeNull();
  });

  it('asks for persistence only when not already granted', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    stubStorage({ persisted: () => Promise.resolve(false), persist });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();

    const again = vi.fn(() => Promise.resolve(true));
    stubStorage({ persisted: () => Promise.resolve(true), persist: again });
    expect(await requestPersistentStorage()).toBe(true);
    expect(again).not.toHaveBeenCalled();
  });
});

describe('formatBytes', () => {
  it('uses decimal units with one decimal below 100', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(850_000)).toBe('850 kB');
    expect(formatBytes(12_340_000)).toBe('12.3 MB');
    expect(formatBytes(1_200_000_000)).toBe('1.2 GB');
  });
});
