/**
 * Changing the data key with a team connection on the device (issue 14): the device's
 * identity inside the connection is sealed under the data key's bytes, so it is sealed again
 * under the new key in the same change, and still opens afterwards (the old key opens none).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeDataKey } from '../../../src/db/encryption/key-renewal';
import { setUpEncryption } from '../../../src/db/encryption/lock-control';
import { getDataKey, lock } from '../../../src/db/encryption/session-key';
import {
  readTeamConnection,
  saveTeamConnection,
} from '../../../src/db/repositories/team-connection';
import { IdentityError, openDeviceIdentity } from '../../../src/team/keys/identity';
import { connectionFor, teamFixture } from '../../support/team-connection';
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

describe('changing the data key with a team connection', () => {
  it("seals the device's keys again under the new data key", async () => {
    await setUpEncryption(PASSPHRASE);
    const oldKey = Uint8Array.from(getDataKey() ?? []);
    const team = await teamFixture();
    await saveTeamConnection(await connectionFor(team, oldKey), NOW);
    const before = await readTeamConnection();

    await changeDataKey(PASSPHRASE, { otherTabsWaitMs: 0 });

    const after = await readTeamConnection();
    expect(after).toEqual({ ...before, identity: expect.any(Object) });
    expect(after?.identity.sealed).not.toBe(before?.identity.sealed);
    const newKey = Uint8Array.from(getDataKey() ?? []);
    const identity = await openDeviceIdentity(after?.identity, newKey);
    expect(identity.fingerprint).toBe(before?.identity.fingerprint);
    await expect(openDeviceIdentity(after?.identity, oldKey)).rejects.toBeInstanceOf(IdentityError);
  });
});
