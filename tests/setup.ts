import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { randomBytes } from '../src/lib/crypto';
import { isUnlocked, setDataKey } from '../src/db/encryption/session-key';
import { loadSealKit } from '../src/db/encryption/seal-kit';
import { replacePageReload } from '../src/app/lock/reload-on-lock';

// Every test file, in Node or in jsdom.

// The app's database encrypts records at rest, so every test starts unlocked (as after the
// coach has given the passphrase). A test of the lock itself locks and unlocks as it needs.
function unlockForTests() {
  if (!isUnlocked()) setDataKey(randomBytes(32));
}
await loadSealKit(); // as unlocking does
unlockForTests(); // for beforeAll hooks
beforeEach(unlockForTests);

// jsdom cannot reload a page: after a lock, the app goes on as a freshly loaded page would
// (locked, on the unlock screen). See src/app/lock/reload-on-lock.ts.
replacePageReload(() => undefined);
