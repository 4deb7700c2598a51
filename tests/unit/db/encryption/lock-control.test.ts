import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../../src/db/database';
import {
  EncryptionSetUpError,
  getAutoLockMinutes,
  setAutoLockMinutes,
  setUpEncryption,
  unlock,
  unlockWithRecovery,
} from '../../../../src/db/encryption/lock-control';
import {
  getLockState,
  lock,
  PassphraseNeededError,
  setEncryptionSetUp,
} from '../../../../src/db/encryption/session-key';
import {
  AUTO_LOCK_CHANGE_EVENT,
  checkEncryptionSetUp,
} from '../../../../src/db/encryption/lock-settings';
import { isEncryptedField } from '../../../../src/db/encryption/field-crypto';
import { createKeyring } from '../../../../src/db/encryption/keyring';
import { ENCRYPTED_FIELDS } from '../../../../src/db/encryption/encrypted-fields';
import { getCaseload } from '../../../support/caseload';
import { applyRestore } from '../../../../src/db/repositories/backup/restore';
import { loadDemoData } from '../../../../src/db/repositories/demo';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import { DATABASE_NAME } from '../../../../src/db/schema';
import { buildBackup } from '../../../../src/domain/backup-file';
import { ValidationError } from '../../../../src/domain/validation';
import { NOW, freshDb } from '../fixtures';
import { rawPut, rawStores, rawText } from './raw-idb';
import { youngPerson } from './records';
import { ENCRYPTED_FIELDS_KEY } from '../../../../src/db/settings-keys';

// Fewer iterations keep these tests quick; keyring-real-kdf.test.ts checks the real figure.
vi.mock('../../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

const PASSPHRASE = 'kites over Stanley Park';
const REAL_PERSON = {
  name: 'Tamsin Okonkwo-Reyes',
  dateOfBirth: '',
  school: '',
  programme: '',
  referralDate: '',
};

beforeEach(async () => {
  lock();
  await freshDb();
  // A device on which no passphrase has been chosen yet.
  expect(await checkEncryptionSetUp()).toBe(false);
});

afterEach(() => lock());

describe('before a passphrase is chosen', () => {
  it('keeps demo data (plain) but refuses a real young person and a restore', async () => {
    expect(getLockState()).toBe('not-set-up');
    expect(await loadDemoData(NOW)).toBeGreaterThan(0);
    expect(await getCaseload()).not.toHaveLength(0);

    await expect(createYoungPerson(REAL_PERSON, NOW)).rejects.toBeInstanceOf(PassphraseNeededError);
    const backup = buildBackup({ youngPeople: [], goals: [], sessions: [], ratings: [] }, NOW);
    await expect(applyRestore(backup, 'merge', NOW)).rejects.toBeInstanceOf(PassphraseNeededError);
    expect(await rawText(DATABASE_NAME)).not.toContain('Tamsin');
  });
});

describe('setting up encryption', () => {
  it('encrypts the demo data already there, unlocks, and gives a recovery key', async () => {
    await loadDemoData(NOW);
    const names = (await getCaseload()).map((row) => row.youngPerson.name);
    expect(await rawText(DATABASE_NAME)).toContain(names[0]);

    const recoveryKey = await setUpEncryption(PASSPHRASE);
    expect(recoveryKey).toMatch(/^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$/);
    expect(getLockState()).toBe('unlocked');
    const raw = await rawText(DATABASE_NAME);
    for (const name of names) expect(raw).not.toContain(name);
    expect((await getCaseload()).map((row) => row.youngPerson.name)).toEqual(names);

    const yp = await createYoungPerson(REAL_PERSON, NOW);
    expect(yp.name).toBe('Tamsin Okonkwo-Reyes');
    expect(await rawText(DATABASE_NAME)).not.toContain('Tamsin');

    // After a reload: set up, locked, and the passphrase opens it.
    lock();
    expect(await checkEncryptionSetUp()).toBe(true);
    expect(getLockState()).toBe('locked');
    await expect(unlock('not the passphrase')).rejects.toThrow('That passphrase is not right.');
    await unlock(PASSPHRASE);
    expect(getLockState()).toBe('unlocked');
    expect((await getCaseload()).map((row) => row.youngPerson.name)).toContain(
      'Tamsin Okonkwo-Reyes',
    );

    // The recovery key opens it too, and sets a new passphrase.
    lock();
    await unlockWithRecovery(recoveryKey.toLowerCase(), 'a brand new passphrase');
    lock();
    await expect(unlock(PASSPHRASE)).rejects.toBeInstanceOf(ValidationError);
    await unlock('a brand new passphrase');
    expect(getLockState()).toBe('unlocked');
  });

  it('refuses a short passphrase and changes nothing', async () => {
    await expect(setUpEncryption('too short')).rejects.toThrow(/at least 10 characters/);
    expect(getLockState()).toBe('not-set-up');
    expect(await checkEncryptionSetUp()).toBe(false);
  });

  it('when the records cannot be encrypted, keeps them as they were and sets nothing up', async () => {
    await loadDemoData(NOW);
    const before = await rawText(DATABASE_NAME);
    // A session whose notes are not text cannot be encrypted.
    const [session] = await getDb().sessions.toArray();
    await getDb().sessions.put({ ...session!, notes: 42 as unknown as string });
    const withBadSession = await rawText(DATABASE_NAME);
    expect(withBadSession).not.toBe(before);

    const error = await setUpEncryption(PASSPHRASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncryptionSetUpError);
    expect((error as Error).message).toMatch(/nothing was changed/);
    expect(await rawText(DATABASE_NAME)).toBe(withBadSession);
    expect(getLockState()).toBe('not-set-up');
    expect(await checkEncryptionSetUp()).toBe(false);
    // And it can be tried again once the problem is gone.
    await getDb().sessions.put(session!);
    await expect(setUpEncryption(PASSPHRASE)).resolves.toMatch(/-/);
  });
});

describe('values still plain when the app is unlocked', () => {
  /** Every value of every encrypted field in the raw database is ciphertext (or empty). */
  async function expectNothingPlain() {
    const raw = await rawStores(DATABASE_NAME);
    for (const [table, fields] of Object.entries(ENCRYPTED_FIELDS)) {
      for (const record of raw[table] ?? []) {
        for (const field of Object.keys(fields)) {
          const value = record[field];
          expect(value == null || isEncryptedField(value), `${table}.${field}`).toBe(true);
        }
      }
    }
  }

  it('a first encryption cut short (keyring written, records plain) is finished at unlock', async () => {
    await loadDemoData(NOW);
    await rawPut(DATABASE_NAME, 'youngPeople', [youngPerson()]);
    // The keyring is written, then the tab closes before the records are encrypted.
    const { dataKey } = await createKeyring(PASSPHRASE, NOW);
    dataKey.fill(0);
    // As after a reload: set up, and locked.
    expect(await checkEncryptionSetUp()).toBe(true);
    expect(getLockState()).toBe('locked');
    expect(await rawText(DATABASE_NAME)).toContain('Demo: Jordan');

    await unlock(PASSPHRASE);

    const raw = await rawText(DATABASE_NAME);
    for (const words of ['Demo: Jordan', 'Zephyrine', 'Hollowbrook', 'Mentoring']) {
      expect(raw).not.toContain(words);
    }
    await expectNothingPlain();
    const names = (await getCaseload()).map((row) => row.youngPerson.name);
    expect(names).toContain('Demo: Jordan');
    expect(names).toContain('Zephyrine Quartermaine');
  });

  it('a programme stored plain before it was encrypted is encrypted at the next unlock', async () => {
    await loadDemoData(NOW);
    await setUpEncryption(PASSPHRASE);
    // A database encrypted by an earlier version, which kept programmes plain.
    const stored = (await rawStores(DATABASE_NAME)).youngPeople ?? [];
    const [first] = stored;
    await rawPut(DATABASE_NAME, 'youngPeople', [{ ...first, programme: 'Moving on Up 1:1' }]);
    await getDb().settings.delete(ENCRYPTED_FIELDS_KEY);
    lock();

    await unlock(PASSPHRASE);

    expect(await rawText(DATABASE_NAME)).not.toContain('Moving on Up 1:1');
    await expectNothingPlain();
    const programmes = (await getCaseload()).map((row) => row.youngPerson.programme);
    expect(programmes).toContain('Moving on Up 1:1');
  });

  it('also when unlocked with the recovery key', async () => {
    await loadDemoData(NOW);
    const { dataKey, recoveryKey } = await createKeyring(PASSPHRASE, NOW);
    dataKey.fill(0);
    await checkEncryptionSetUp();

    await unlockWithRecovery(recoveryKey, 'a brand new passphrase');

    expect(await rawText(DATABASE_NAME)).not.toContain('Demo: Jordan');
    await expectNothingPlain();
  });
});

describe('the auto-lock time', () => {
  it('is 5 minutes until set, and takes 1 to 60', async () => {
    setEncryptionSetUp(true);
    expect(await getAutoLockMinutes()).toBe(5);
    expect(await setAutoLockMinutes(12)).toBe(12);
    expect(await getAutoLockMinutes()).toBe(12);
    for (const bad of [0, 61, 2.5, Number.NaN]) {
      const error = await setAutoLockMinutes(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.autoLockMinutes).toBeTruthy();
    }
    expect(await getAutoLockMinutes()).toBe(12);
  });

  it('tells the running timer once a time is stored, never when one is refused', async () => {
    setEncryptionSetUp(true);
    const changed = vi.fn();
    window.addEventListener(AUTO_LOCK_CHANGE_EVENT, changed);
    try {
      await setAutoLockMinutes(0).catch(() => undefined);
      expect(changed).not.toHaveBeenCalled();
      await setAutoLockMinutes(20);
      expect(changed).toHaveBeenCalledTimes(1);
    } finally {
      window.removeEventListener(AUTO_LOCK_CHANGE_EVENT, changed);
    }
  });
});
