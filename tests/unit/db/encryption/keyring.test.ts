import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../../src/db/database';
import {
  KeyringError,
  WrongPassphraseError,
  WrongRecoveryKeyError,
  changePassphrase,
  createKeyring,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
} from '../../../../src/db/encryption/keyring';
import { renewRecoveryKey } from '../../../../src/db/encryption/key-renewal';
import { keyringSchema } from '../../../../src/db/encryption/lock-schemas';
import { isKeyringStored } from '../../../../src/db/encryption/lock-settings';
import { FIRST_WAIT_MS, unlockWait } from '../../../../src/db/encryption/unlock-attempts';
import { ValidationError } from '../../../../src/domain/validation';
import { fromBase64, randomBytes, toBase64 } from '../../../../src/lib/crypto';
import { freshDb } from '../fixtures';
import { firstVersionKeyring } from './first-version-keyring';
import { rejection as errorOf } from './rejection';

// Key derivation at the real 600,000 iterations takes about a second each time, so these
// tests use 1,000; keyring-real-kdf.test.ts checks the real figure.
vi.mock('../../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

const PASSPHRASE = 'kettle river blue garden';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const RECOVERY_KEY_FORMAT = /^([A-HJKMNP-Z2-9]{4}-){7}[A-HJKMNP-Z2-9]{4}$/;

beforeEach(freshDb);

async function storedKeyring() {
  return keyringSchema.parse((await getDb().settings.get('keyring'))?.value);
}

/** The recovery key with one character changed to another from its alphabet. */
function mistype(recoveryKey: string, index: number): string {
  const chars = [...recoveryKey];
  chars[index] = chars[index] === 'A' ? 'B' : 'A';
  return chars.join('');
}

describe('createKeyring', () => {
  it('refuses a passphrase under 10 characters and stores nothing', async () => {
    const error = await errorOf(createKeyring('short one'));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      passphrase: 'Use at least 10 characters. A few words you will remember work well.',
    });
    expect((await errorOf(createKeyring('            '))) as ValidationError).toMatchObject({
      fieldErrors: { passphrase: 'Enter a passphrase.' },
    });
    expect(await isKeyringStored()).toBe(false);
  });

  it('counts characters, not bytes: 10 emoji are enough', async () => {
    const { dataKey } = await createKeyring('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂', NOW);
    expect(await unlockWithPassphrase('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂', NOW)).toEqual(dataKey);
  });

  it('stores only the wrapped data key, with fresh salts and IVs', async () => {
    const { dataKey, recoveryKey } = await createKeyring(PASSPHRASE, NOW);
    expect(dataKey).toBeInstanceOf(Uint8Array);
    expect(dataKey).toHaveLength(32);
    expect(recoveryKey).toMatch(RECOVERY_KEY_FORMAT);
    expect(await isKeyringStored()).toBe(true);

    const keyring = await storedKeyring();
    expect(keyring).toMatchObject({
      version: 2,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 1000 },
      byRecoveryKey: { kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 1000 } },
      createdAt: '2026-11-23T10:00:00.000Z',
    });
    expect(fromBase64(keyring.kdf.salt)).toHaveLength(16);
    expect(fromBase64(keyring.byPassphrase.iv)).toHaveLength(12);
    expect(fromBase64(keyring.byPassphrase.wrapped)).toHaveLength(48);
    expect(keyring.byRecoveryKey.kdf.salt).not.toBe(keyring.kdf.salt);
    expect(keyring.byRecoveryKey.iv).not.toBe(keyring.byPassphrase.iv);

    const stored = JSON.stringify(await getDb().settings.toArray());
    expect(stored).not.toContain(toBase64(dataKey));
    expect(stored).not.toContain(PASSPHRASE);
    expect(stored).not.toContain(recoveryKey.slice(0, 4) + recoveryKey.slice(5, 9));
  });

  it('makes a different data key and recovery key each time', async () => {
    const first = await createKeyring(PASSPHRASE, NOW);
    await freshDb();
    const second = await createKeyring(PASSPHRASE, NOW);
    expect(toBase64(first.dataKey)).not.toBe(toBase64(second.dataKey));
    expect(first.recoveryKey).not.toBe(second.recoveryKey);
  });

  it('refuses to replace a keyring that is already there', async () => {
    await createKeyring(PASSPHRASE, NOW);
    const before = await storedKeyring();
    expect(await errorOf(createKeyring('another passphrase', NOW))).toBeInstanceOf(KeyringError);
    expect(await storedKeyring()).toEqual(before);
  });
});

describe('unlocking', () => {
  it('gives back the same data key for the right passphrase', async () => {
    const { dataKey } = await createKeyring(PASSPHRASE, NOW);
    expect(await unlockWithPassphrase(PASSPHRASE, NOW)).toEqual(dataKey);
  });

  it('refuses a wrong passphrase cleanly', async () => {
    await createKeyring(PASSPHRASE, NOW);
    const error = await errorOf(unlockWithPassphrase('kettle river blue gardens', NOW));
    expect(error).toBeInstanceOf(WrongPassphraseError);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as WrongPassphraseError).message).toBe('That passphrase is not right.');
    expect((error as WrongPassphraseError).fieldErrors).toEqual({
      passphrase: 'That passphrase is not right.',
    });
  });

  it('asks for an empty passphrase without counting it', async () => {
    await createKeyring(PASSPHRASE, NOW);
    for (let i = 0; i < 6; i += 1) {
      const error = await errorOf(unlockWithPassphrase('', NOW));
      expect((error as ValidationError).fieldErrors).toEqual({
        passphrase: 'Enter your passphrase.',
      });
    }
    expect(await unlockWait(NOW)).toBe(0);
  });

  it('says when encryption is not set up, or its keyring is damaged', async () => {
    expect(await errorOf(unlockWithPassphrase(PASSPHRASE, NOW))).toBeInstanceOf(KeyringError);
    await getDb().settings.put({ key: 'keyring', value: { version: 1, kdf: 'nonsense' } });
    expect(await isKeyringStored()).toBe(true);
    const error = await errorOf(unlockWithPassphrase(PASSPHRASE, NOW));
    expect(error).toBeInstanceOf(KeyringError);
    expect((error as Error).message).toMatch(/damaged/);
  });

  it('refuses a keyring whose wrapped key was changed', async () => {
    await createKeyring(PASSPHRASE, NOW);
    const keyring = await storedKeyring();
    const wrapped = fromBase64(keyring.byPassphrase.wrapped);
    wrapped[0] = (wrapped[0] ?? 0) ^ 1;
    await getDb().settings.put({
      key: 'keyring',
      value: { ...keyring, byPassphrase: { ...keyring.byPassphrase, wrapped: toBase64(wrapped) } },
    });
    expect(await errorOf(unlockWithPassphrase(PASSPHRASE, NOW))).toBeInstanceOf(
      WrongPassphraseError,
    );
  });
});

describe('changePassphrase', () => {
  it('keeps the same data key; the old passphrase then fails', async () => {
    const { dataKey } = await createKeyring(PASSPHRASE, NOW);
    const before = await storedKeyring();
    await changePassphrase(PASSPHRASE, 'a new passphrase for winter', NOW);
    const after = await storedKeyring();
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.byRecoveryKey).toEqual(before.byRecoveryKey);
    expect(await unlockWithPassphrase('a new passphrase for winter', NOW)).toEqual(dataKey);
    expect(await errorOf(unlockWithPassphrase(PASSPHRASE, NOW))).toBeInstanceOf(
      WrongPassphraseError,
    );
  });

  it('needs the right current passphrase, and changes nothing otherwise', async () => {
    await createKeyring(PASSPHRASE, NOW);
    const before = await storedKeyring();
    const wrong = await errorOf(changePassphrase('not the passphrase', 'a new passphrase', NOW));
    expect(wrong).toBeInstanceOf(WrongPassphraseError);
    expect((wrong as ValidationError).fieldErrors).toEqual({
      currentPassphrase: 'That passphrase is not right.',
    });
    const invalid = await errorOf(changePassphrase('', 'short', NOW));
    expect((invalid as ValidationError).fieldErrors).toEqual({
      currentPassphrase: 'Enter your current passphrase.',
      newPassphrase: 'Use at least 10 characters. A few words you will remember work well.',
    });
    expect(await storedKeyring()).toEqual(before);
  });
});

describe('the recovery key', () => {
  it('unlocks, sets a new passphrase and issues a new recovery key; the old ones fail', async () => {
    const { dataKey, recoveryKey } = await createKeyring(PASSPHRASE, NOW);
    const typed = `  ${recoveryKey.toLowerCase().replaceAll('-', ' ')} `;
    const recovered = await unlockWithRecoveryKey(typed, 'remembered at last');
    expect(recovered.dataKey).toEqual(dataKey);
    expect(recovered.recoveryKey).toMatch(RECOVERY_KEY_FORMAT);
    expect(recovered.recoveryKey).not.toBe(recoveryKey);
    expect(await unlockWithPassphrase('remembered at last', NOW)).toEqual(dataKey);
    expect(await errorOf(unlockWithPassphrase(PASSPHRASE, NOW))).toBeInstanceOf(
      WrongPassphraseError,
    );
    // The recovery key used stops working; the new one works.
    expect(await errorOf(unlockWithRecoveryKey(recoveryKey, 'and again later'))).toBeInstanceOf(
      WrongRecoveryKeyError,
    );
    expect((await unlockWithRecoveryKey(recovered.recoveryKey, 'and again later')).dataKey).toEqual(
      dataKey,
    );
  });

  it('clears the wrong tries, so a coach locked out can get back in', async () => {
    const { dataKey, recoveryKey } = await createKeyring(PASSPHRASE, NOW);
    for (let i = 0; i < 5; i += 1) await errorOf(unlockWithPassphrase('not it at all', NOW));
    expect(await unlockWait(NOW)).toBe(FIRST_WAIT_MS);
    expect((await unlockWithRecoveryKey(recoveryKey, 'a fresh start now')).dataKey).toEqual(
      dataKey,
    );
    expect(await unlockWait(NOW)).toBe(0);
  });

  it('catches a typing mistake before trying it', async () => {
    const { recoveryKey } = await createKeyring(PASSPHRASE, NOW);
    const before = await storedKeyring();
    for (const index of [0, 17, recoveryKey.length - 1]) {
      const error = await errorOf(unlockWithRecoveryKey(mistype(recoveryKey, index), PASSPHRASE));
      expect((error as ValidationError).fieldErrors).toEqual({
        recoveryKey:
          'That recovery key has a typing mistake. Check each group of 4 against your copy.',
      });
    }
    const swapped = recoveryKey.slice(1, 2) + recoveryKey.slice(0, 1) + recoveryKey.slice(2);
    if (swapped !== recoveryKey) {
      expect(await errorOf(unlockWithRecoveryKey(swapped, PASSPHRASE))).toBeInstanceOf(
        ValidationError,
      );
    }
    expect(await storedKeyring()).toEqual(before);
  });

  it('refuses a well-formed recovery key from another device', async () => {
    const other = (await createKeyring('the other device', NOW)).recoveryKey;
    await freshDb();
    await createKeyring(PASSPHRASE, NOW);
    const before = await storedKeyring();
    const error = await errorOf(unlockWithRecoveryKey(other, 'a new passphrase'));
    expect(error).toBeInstanceOf(WrongRecoveryKeyError);
    expect((error as ValidationError).fieldErrors).toEqual({
      recoveryKey: 'That recovery key does not open the records on this device.',
    });
    expect(await storedKeyring()).toEqual(before);
  });

  it('checks the new passphrase too', async () => {
    const { recoveryKey } = await createKeyring(PASSPHRASE, NOW);
    const error = await errorOf(unlockWithRecoveryKey(recoveryKey, 'too short'));
    expect((error as ValidationError).fieldErrors).toEqual({
      newPassphrase: 'Use at least 10 characters. A few words you will remember work well.',
    });
  });
});

describe('keyring versions', () => {
  it('still opens a version 1 keyring, which keeps its version when the passphrase changes', async () => {
    const dataKey = randomBytes(32);
    await firstVersionKeyring(dataKey, PASSPHRASE);
    expect(await unlockWithPassphrase(PASSPHRASE, NOW)).toEqual(dataKey);
    await changePassphrase(PASSPHRASE, 'a second passphrase', NOW);
    expect((await storedKeyring()).version).toBe(1);
    expect(await unlockWithPassphrase('a second passphrase', NOW)).toEqual(dataKey);
  });

  it('becomes version 2 once its recovery key is renewed, by recovering or on request', async () => {
    const dataKey = randomBytes(32);
    const recoveryKey = await firstVersionKeyring(dataKey, PASSPHRASE);
    const recovered = await unlockWithRecoveryKey(recoveryKey, 'a second passphrase');
    expect(recovered.dataKey).toEqual(dataKey);
    expect((await storedKeyring()).version).toBe(2);
    expect(await unlockWithPassphrase('a second passphrase', NOW)).toEqual(dataKey);

    const renewed = await renewRecoveryKey('a second passphrase', NOW);
    expect(renewed).not.toBe(recovered.recoveryKey);
    expect(
      await errorOf(unlockWithRecoveryKey(recovered.recoveryKey, 'a third one now')),
    ).toBeInstanceOf(WrongRecoveryKeyError);
    expect((await unlockWithRecoveryKey(renewed, 'a third one now')).dataKey).toEqual(dataKey);
  });

  it('binds each wrapping to its version: a v2 keyring relabelled v1 does not open', async () => {
    await createKeyring(PASSPHRASE, NOW);
    const keyring = await storedKeyring();
    await getDb().settings.put({ key: 'keyring', value: { ...keyring, version: 1 } });
    expect(await errorOf(unlockWithPassphrase(PASSPHRASE, NOW))).toBeInstanceOf(
      WrongPassphraseError,
    );
  });
});
