/**
 * Changing the data key on a service lead's device (issue 14): the lead's identity is sealed
 * under the data key's bytes, so changeDataKey seals it again under the new key in the same
 * change; afterwards it opens with the new key only, and its fingerprint is the same (the
 * caseload keys wrapped for it stay valid).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeDataKey } from '../../../src/db/encryption/key-renewal';
import { setUpEncryption } from '../../../src/db/encryption/lock-control';
import { getDataKey, lock } from '../../../src/db/encryption/session-key';
import { readTeamLead, saveTeamLead } from '../../../src/db/repositories/team-lead';
import {
  IdentityError,
  generateDeviceIdentity,
  openDeviceIdentity,
} from '../../../src/team/keys/identity';
import { freshDb, NOW } from './fixtures';

// Fewer iterations keep this quick; keyring-real-kdf.test.ts checks the real figure.
vi.mock('../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

const PASSPHRASE = 'kites over Stanley Park';

beforeEach(async () => {
  lock();
  await freshDb();
});

afterEach(() => lock());

describe('changing the data key on a lead device', () => {
  it("seals the lead's keys again under the new data key", async () => {
    await setUpEncryption(PASSPHRASE);
    const oldKey = Uint8Array.from(getDataKey() ?? []);
    const { stored } = await generateDeviceIdentity(oldKey);
    await saveTeamLead(
      {
        teamDatabase: `team-${'abcdef0123456789'.repeat(2)}`,
        userName: 'lead-rowan',
        password: 'lead horse battery',
        identity: stored,
        caseloadKeys: [],
        pending: [],
        heldLists: [],
      },
      NOW,
    );
    const before = await readTeamLead();

    await changeDataKey(PASSPHRASE, { otherTabsWaitMs: 0 });

    const after = await readTeamLead();
    expect(after).toEqual({ ...before, identity: expect.any(Object) });
    expect(after?.identity.sealed).not.toBe(before?.identity.sealed);
    const newKey = Uint8Array.from(getDataKey() ?? []);
    const identity = await openDeviceIdentity(after?.identity, newKey);
    expect(identity.fingerprint).toBe(stored.fingerprint);
    await expect(openDeviceIdentity(after?.identity, oldKey)).rejects.toBeInstanceOf(IdentityError);
  });
});
