import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import {
  WrongPassphraseError,
  createKeyring,
  unlockWithPassphrase,
} from '../../../../src/db/encryption/keyring';
import { keyringSchema } from '../../../../src/db/encryption/lock-schemas';
import { freshDb } from '../fixtures';

// The real key derivation: 600,000 PBKDF2-SHA-256 iterations, about a second each time.
// Kept to four derivations.
const PASSPHRASE = 'purple tide lantern morning';
let created: { dataKey: Uint8Array; recoveryKey: string };

beforeAll(async () => {
  await freshDb();
  created = await createKeyring(PASSPHRASE);
}, 60_000);

describe('the keyring with the real key derivation', () => {
  it('stores 600,000 iterations for the passphrase and the recovery key', async () => {
    const keyring = keyringSchema.parse((await getDb().settings.get('keyring'))?.value);
    expect(keyring.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(keyring.byRecoveryKey.kdf.iterations).toBe(600_000);
  });

  it('unlocks with the passphrase and refuses a wrong one', async () => {
    expect(await unlockWithPassphrase(PASSPHRASE)).toEqual(created.dataKey);
    await expect(unlockWithPassphrase('purple tide lantern evening')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  }, 60_000);
});
