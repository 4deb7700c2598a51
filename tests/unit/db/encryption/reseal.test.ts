import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CoachingDatabase } from '../../../../src/db/database';
import { ENCRYPTED_FIELDS } from '../../../../src/db/encryption/encrypted-fields';
import { isEncryptedField } from '../../../../src/db/encryption/field-crypto';
import { installEncryption } from '../../../../src/db/encryption/middleware';
import {
  encryptExistingRecords,
  encryptPlainValues,
} from '../../../../src/db/encryption/re-encrypt';
import { LockedError, type NOT_SET_UP } from '../../../../src/db/encryption/session-key';
import { randomBytes } from '../../../../src/lib/crypto';
import { BO, seedEveryTable } from './encrypting-db';
import { rawPut, rawStores, rawText } from './raw-idb';
import { SECRET_WORDS, closure, draft, goal, resilienceMap, session, youngPerson } from './records';
import { rejection } from './rejection';
import { ENCRYPTED_FIELDS_KEY } from '../../../../src/db/settings-keys';

const NAME = 'enc-test-re-encrypt';
let key: Uint8Array | typeof NOT_SET_UP | null = null;
const db = new CoachingDatabase(NAME);
installEncryption(db, () => key);
const seed = () => seedEveryTable(db);

beforeEach(async () => {
  key = randomBytes(32);
  await db.delete();
  await db.open();
});

afterAll(async () => {
  await db.delete();
});

describe('encryptExistingRecords', () => {
  async function seedPlain() {
    await rawPut(NAME, 'youngPeople', [youngPerson(), youngPerson({ id: 'yp2', name: 'Bo' })]);
    await rawPut(NAME, 'goals', [goal()]);
    await rawPut(NAME, 'sessions', [session()]);
    await rawPut(NAME, 'closures', [closure()]);
    await rawPut(NAME, 'resilienceMaps', [resilienceMap()]);
    await rawPut(NAME, 'drafts', [draft()]);
  }

  it('encrypts every plain record in one go, changing nothing else', async () => {
    await seedPlain();
    const copy = { savedAt: '2026-11-20T10:00:00.000Z', json: '{"name":"Zephyrine"}' };
    await rawPut(NAME, 'settings', [
      { key: 'restoreSafetyCopy', value: copy },
      { key: 'retentionMonths', value: 12 },
    ]);
    expect(await rawText(NAME)).toContain('Zephyrine');
    expect(await encryptExistingRecords(db)).toBe(8);
    expect((await db.settings.get('restoreSafetyCopy'))?.value).toEqual(copy);
    expect((await rawStores(NAME)).settings).toContainEqual({ key: 'retentionMonths', value: 12 });
    const text = await rawText(NAME);
    for (const word of SECRET_WORDS) expect(text).not.toContain(word);
    expect(await db.youngPeople.get('yp1')).toEqual(youngPerson());
    expect(await db.goals.get('g1')).toEqual(goal());
    expect(await db.sessions.get('s1')).toEqual(session());
    expect(await db.closures.get('c1')).toEqual(closure());
    expect(await db.resilienceMaps.get('m1')).toEqual(resilienceMap());
    expect(await db.drafts.get('session:yp1')).toEqual(draft());
  });

  it('leaves every record as it was when it fails part way', async () => {
    await seedPlain();
    // A session whose notes are not text cannot be encrypted: sessions come after young
    // people and goals, which have been rewritten by then.
    await rawPut(NAME, 'sessions', [{ ...session({ id: 's2' }), notes: 42 }]);
    const before = await rawStores(NAME);
    expect(await rejection(encryptExistingRecords(db))).toBeInstanceOf(TypeError);
    expect(await rawStores(NAME)).toEqual(before);
    expect(await rawText(NAME)).toContain('Zephyrine');
  });

  it('changes nothing while locked', async () => {
    await seedPlain();
    const before = await rawStores(NAME);
    key = null;
    expect(await rejection(encryptExistingRecords(db))).toBeInstanceOf(LockedError);
    expect(await rawStores(NAME)).toEqual(before);
  });

  it('refuses a database without the middleware, rather than pretend', async () => {
    const plain = new CoachingDatabase('enc-test-plain');
    await expect(encryptExistingRecords(plain)).rejects.toThrow(/not installed/);
  });
});

describe('encryptPlainValues (at each unlock)', () => {
  /** The stored record with some fields put back as plain values, below the middleware. */
  async function makePlain(store: string, id: string, fields: Record<string, unknown>) {
    const stored = (await rawStores(NAME))[store]?.find((r) => r.id === id);
    if (!stored) throw new Error(`No ${store} ${id}`);
    await rawPut(NAME, store, [{ ...stored, ...fields }]);
  }

  it('reads a plain value of an encrypted field as it is, then encrypts it, and only it', async () => {
    // A database encrypted before the programme was: every other field is ciphertext.
    await seed();
    await makePlain('youngPeople', 'yp2', { programme: 'Mentoring' });
    expect(await rawText(NAME)).toContain('Mentoring');
    expect((await db.youngPeople.get('yp2'))?.programme).toBe('Mentoring');
    const before = await rawStores(NAME);

    expect(await encryptPlainValues(db)).toBe(1);

    const after = await rawStores(NAME);
    expect(await rawText(NAME)).not.toContain('Mentoring');
    expect(isEncryptedField(after.youngPeople?.find((r) => r.id === 'yp2')?.programme)).toBe(true);
    // Records with nothing plain are left exactly as they were.
    expect(after.goals).toEqual(before.goals);
    expect(after.youngPeople?.find((r) => r.id === 'yp1')).toEqual(
      before.youngPeople?.find((r) => r.id === 'yp1'),
    );
    expect(await db.youngPeople.get('yp2')).toEqual(BO);
    expect((await db.settings.get(ENCRYPTED_FIELDS_KEY))?.value).toContain('youngPeople.programme');
  });

  it('encrypts every plain record and setting left by a first encryption that never ran', async () => {
    // The keyring was written, then the tab closed before encryptExistingRecords.
    await rawPut(NAME, 'youngPeople', [youngPerson(), BO]);
    await rawPut(NAME, 'goals', [goal()]);
    await rawPut(NAME, 'sessions', [session()]);
    await rawPut(NAME, 'closures', [closure()]);
    await rawPut(NAME, 'resilienceMaps', [resilienceMap()]);
    await rawPut(NAME, 'drafts', [draft()]);
    const copy = { savedAt: '2026-11-20T10:00:00.000Z', json: '{"name":', parts: 1 };
    const part = { json: '"Zephyrine"}' };
    await rawPut(NAME, 'settings', [
      { key: 'restoreSafetyCopy', value: copy },
      { key: 'restoreSafetyCopy:1', value: part },
    ]);

    expect(await encryptPlainValues(db)).toBe(9);

    const text = await rawText(NAME);
    for (const word of [...SECRET_WORDS, 'Mentoring']) expect(text).not.toContain(word);
    const raw = await rawStores(NAME);
    for (const [table, fields] of Object.entries(ENCRYPTED_FIELDS)) {
      for (const record of raw[table] ?? []) {
        for (const field of Object.keys(fields)) {
          const value = record[field];
          expect(value === null || isEncryptedField(value), `${table}.${field}`).toBe(true);
        }
      }
    }
    expect(await db.youngPeople.get('yp1')).toEqual(youngPerson());
    expect(await db.sessions.get('s1')).toEqual(session());
    expect((await db.settings.get('restoreSafetyCopy'))?.value).toEqual(copy);
    expect((await db.settings.get('restoreSafetyCopy:1'))?.value).toEqual(part);
  });

  it('does nothing the second time, nor once every field is known to be encrypted', async () => {
    await seed();
    await makePlain('youngPeople', 'yp1', { programme: 'Mentoring' });
    expect(await encryptPlainValues(db)).toBe(1);
    const once = await rawStores(NAME);

    expect(await encryptPlainValues(db)).toBe(0);
    expect(await rawStores(NAME)).toEqual(once);
  });

  it('runs again when a field was added since the last time', async () => {
    await seed();
    await encryptExistingRecords(db);
    const listed = (await db.settings.get(ENCRYPTED_FIELDS_KEY))?.value as string[];
    await db.settings.put({
      key: ENCRYPTED_FIELDS_KEY,
      value: listed.filter((name) => name !== 'youngPeople.programme'),
    });
    await makePlain('youngPeople', 'yp1', { programme: 'Mentoring' });

    expect(await encryptPlainValues(db)).toBe(1);
    expect(await rawText(NAME)).not.toContain('Mentoring');
  });

  it('leaves every record as it was when it fails part way', async () => {
    await rawPut(NAME, 'youngPeople', [youngPerson()]);
    await rawPut(NAME, 'sessions', [{ ...session(), notes: 42 }]);
    const before = await rawStores(NAME);
    expect(await rejection(encryptPlainValues(db))).toBeInstanceOf(TypeError);
    expect(await rawStores(NAME)).toEqual(before);
  });
});
