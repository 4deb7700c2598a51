import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { randomBytes } from '../src/lib/crypto';
import { isUnlocked, setDataKey } from '../src/db/encryption/session-key';
import { loadSealKit } from '../src/db/encryption/seal-kit';

// The app's database encrypts records at rest, so every test starts unlocked (as after the
// coach has given the passphrase). A test of the lock itself locks and unlocks as it needs.
function unlockForTests() {
  if (!isUnlocked()) setDataKey(randomBytes(32));
}
await loadSealKit(); // as unlocking does
unlockForTests(); // for beforeAll hooks
beforeEach(unlockForTests);

afterEach(() => {
  cleanup();
});

// jsdom lacks ResizeObserver, which recharts' ResponsiveContainer needs.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
