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
import { changeDataKey, renewRecoveryKey } from '../../../../src/db/encryption/key-renewal';
import {
  getDataKey,
  getLockState,
  lock,
  PassphraseNeededError,
  setEncryptionSetUp,
  subscribeToDataKeyChange,
} from '../../../../src/db/encryption/session-key';
import {
  AUTO_LOCK_CHANGE_EVENT,
  checkEncryptionSetUp,
} from '../../../../src/db/encryption/lock-settings';
import { encryptField } from '../../../../src/db/encryption/field-crypto';
import { WrongRecoveryKeyError } from '../../../../src/db/encryption/keyring';
import { openRecord } from '../../../../src/db/encryption/record-seal';
import { shapeOf } from '../../../../src/db/encryption/middleware';
import { getCaseload } from '../../../support/caseload';
import { applyRestore } from '../../../../src/db/repositories/backup/restore';
import { loadDemoData } from '../../../../src/db/repositories/demo';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import { DATABASE_NAME } from '../../../../src/db/schema';
import { buildBackup } from '../../../../src/domain/backup-file';
import { ValidationError } from '../../../../src/domain/validation';
import { NOW, freshDb } from '../fixtures';
import { rawPut, rawStores, rawText } from './raw-idb';
import { randomBytes } from '../../../../src/lib/crypto';
import { firstVersionKeyring } from './first-version-keyring';
import { goal, youngPerson } from './records';
import { RECORD_FORMAT_KEY } from '../../../../src/db/settings-keys';

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

    // The recovery key opens it too, sets a new passphrase and gives a new recovery key;
    // the app opens once that is kept.
    lock();
    const recovered = await unlockWithRecovery(recoveryKey.toLowerCase(), 'a brand new passphrase');
    expect(recovered.recoveryKey).not.toBe(recoveryKey);
    expect(getLockState()).toBe('locked');
    await recovered.open();
    expect(getLockState()).toBe('unlocked');
    lock();
    await expect(unlock(PASSPHRASE)).rejects.toBeInstanceOf(ValidationError);
    await unlock('a brand new passphrase');
    expect(getLockState()).toBe('unlocked');

    // The recovery key used no longer works; the new one does.
    lock();
    await expect(unlockWithRecovery(recoveryKey, 'yet another passphrase')).rejects.toBeInstanceOf(
      WrongRecoveryKeyError,
    );
    await (await unlockWithRecovery(recovered.recoveryKey, 'yet another passphrase')).open();
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
    // A session with a field named "sealed" cannot be sealed.
    const [session] = await getDb().sessions.toArray();
    await rawPut(DATABASE_NAME, 'sessions', [{ ...session!, sealed: 'in the way' }]);
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

describe('a device encrypted in the first format (fields one by one)', () => {
  /** A keyring (as the first format stored it) and records with "enc:v1:" fields under it. */
  async function firstFormatDevice() {
    await loadDemoData(NOW);
    const key = randomBytes(32);
    const recoveryKey = await firstVersionKeyring(key, PASSPHRASE);
    const v1 = (table: string, id: string, field: string, value: string) =>
      encryptField(key, value, `${table}/${id}/${field}`);
    const plainDemo = (await rawStores(DATABASE_NAME)).youngPeople ?? [];
    await rawPut(
      DATABASE_NAME,
      'youngPeople',
      plainDemo.map((yp) => ({
        ...yp,
        name: v1('youngPeople', String(yp.id), 'name', String(yp.name)),
      })),
    );
    await rawPut(DATABASE_NAME, 'youngPeople', [
      { ...youngPerson(), name: v1('youngPeople', 'yp1', 'name', 'Zephyrine Quartermaine') },
    ]);
    await rawPut(DATABASE_NAME, 'goals', [
      { ...goal(), text: v1('goals', 'g1', 'text', goal().text) },
    ]);
    key.fill(0);
    // As after a reload: set up, and locked.
    expect(await checkEncryptionSetUp()).toBe(true);
    expect(getLockState()).toBe('locked');
    return recoveryKey;
  }

  async function expectResealed() {
    const raw = await rawStores(DATABASE_NAME);
    const text = JSON.stringify(raw);
    for (const words of ['enc:v1:', 'Demo: Jordan', 'Zephyrine', 'Hollowbrook', 'Mentoring']) {
      expect(text).not.toContain(words);
    }
    expect(raw.settings).toContainEqual({ key: RECORD_FORMAT_KEY, value: 2 });
    const names = (await getCaseload()).map((row) => row.youngPerson.name);
    expect(names).toContain('Demo: Jordan');
    expect(names).toContain('Zephyrine Quartermaine');
    expect((await getDb().goals.get('g1'))?.text).toBe(goal().text);
  }

  it('still opens with the passphrase, and every record is sealed at that unlock', async () => {
    const recoveryKey = await firstFormatDevice();
    await unlock(PASSPHRASE);
    await expectResealed();
    // The keyring is past version 1 now (its recovery key's wrapping stays so, and works).
    const keyring = (await getDb().settings.get('keyring'))?.value as {
      version: number;
      byRecoveryKey: { version?: number };
    };
    expect(keyring.version).toBe(2);
    expect(keyring.byRecoveryKey.version).toBe(1);

    // Deleting the plain record-format setting does not let plain records in.
    await rawPut(DATABASE_NAME, 'goals', [goal({ id: 'g-forged', text: 'Written in plain' })]);
    await getDb().settings.delete(RECORD_FORMAT_KEY);
    lock();
    await unlock(PASSPHRASE);
    expect(await getDb().goals.get('g-forged')).toBeUndefined();
    expect((await getDb().goals.get('g1'))?.text).toBe(goal().text);
    lock();
    await (await unlockWithRecovery(recoveryKey, 'a brand new passphrase')).open();
    expect(await getDb().goals.get('g-forged')).toBeUndefined();
    // The next unlock finds nothing left to do.
    lock();
    await unlock('a brand new passphrase');
    expect((await getCaseload()).length).toBeGreaterThan(1);
  });

  it('also when opened with the recovery key', async () => {
    const recoveryKey = await firstFormatDevice();
    await (await unlockWithRecovery(recoveryKey, 'a brand new passphrase')).open();
    await expectResealed();
  });
});

describe('renewing keys', () => {
  it('"Make a new recovery key": the old one stops working at once', async () => {
    await loadDemoData(NOW);
    const first = await setUpEncryption(PASSPHRASE);
    await expect(renewRecoveryKey('not the passphrase')).rejects.toBeInstanceOf(ValidationError);
    const second = await renewRecoveryKey(PASSPHRASE);
    expect(second).not.toBe(first);
    lock();
    await expect(unlockWithRecovery(first, 'a brand new passphrase')).rejects.toBeInstanceOf(
      WrongRecoveryKeyError,
    );
    await (await unlockWithRecovery(second, 'a brand new passphrase')).open();
    expect(getLockState()).toBe('unlocked');
  });

  it('"Change the data key": every record resealed; the old key opens none', async () => {
    await loadDemoData(NOW);
    const firstRecoveryKey = await setUpEncryption(PASSPHRASE);
    const names = (await getCaseload()).map((row) => row.youngPerson.name).sort();
    const oldKey = Uint8Array.from(getDataKey() ?? []);
    const before = await rawStores(DATABASE_NAME);
    const told = vi.fn();
    const stop = subscribeToDataKeyChange(told);

    await expect(
      changeDataKey('not the passphrase', { otherTabsWaitMs: 0 }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(told).not.toHaveBeenCalled();
    const newRecoveryKey = await changeDataKey(PASSPHRASE, { otherTabsWaitMs: 0 });
    stop();

    expect(told).toHaveBeenCalledTimes(1);
    expect(getLockState()).toBe('unlocked');
    expect(getDataKey()).not.toEqual(oldKey);
    expect((await getCaseload()).map((row) => row.youngPerson.name).sort()).toEqual(names);
    const after = await rawStores(DATABASE_NAME);
    const shape = shapeOf(getDb().youngPeople.core.schema);
    for (const row of after.youngPeople ?? []) {
      expect(before.youngPeople).not.toContainEqual(row);
      expect(openRecord(oldKey, shape, row)).toEqual({ ok: false, reason: 'seal-broken' });
    }
    // The passphrase still opens it; the old recovery key does not, the new one does.
    lock();
    await unlock(PASSPHRASE);
    expect((await getCaseload()).map((row) => row.youngPerson.name).sort()).toEqual(names);
    lock();
    await expect(
      unlockWithRecovery(firstRecoveryKey, 'a brand new passphrase'),
    ).rejects.toBeInstanceOf(WrongRecoveryKeyError);
    await (await unlockWithRecovery(newRecoveryKey, 'a brand new passphrase')).open();
    expect((await getCaseload()).length).toBe(names.length);
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
