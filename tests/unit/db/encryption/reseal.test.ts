import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CoachingDatabase } from '../../../../src/db/database';
import { encryptField } from '../../../../src/db/encryption/field-crypto';
import { isSealedText } from '../../../../src/db/encryption/sealed-text';
import { installEncryption } from '../../../../src/db/encryption/middleware';
import { isResealed, sealEveryRecord } from '../../../../src/db/encryption/reseal';
import { LockedError, type NOT_SET_UP } from '../../../../src/db/encryption/session-key';
import { setUnsealedPolicy } from '../../../../src/db/encryption/unsealed-policy';
import { ENCRYPTED_FIELDS_KEY, RECORD_FORMAT_KEY } from '../../../../src/db/settings-keys';
import { randomBytes } from '../../../../src/lib/crypto';
import { seedEveryTable } from './encrypting-db';
import { rawPut, rawStores, rawText } from './raw-idb';
import { SECRET_WORDS, closure, draft, goal, resilienceMap, session, youngPerson } from './records';
import { rejection } from './rejection';

const NAME = 'enc-test-reseal';
let key: Uint8Array | typeof NOT_SET_UP | null = null;
let previous: Uint8Array | null = null;
const db = new CoachingDatabase(NAME);
installEncryption(
  db,
  () => key,
  () => previous,
);

beforeEach(async () => {
  key = randomBytes(32);
  previous = null;
  setUnsealedPolicy('refuse');
  await db.delete();
  await db.open();
});

afterAll(async () => {
  await db.delete();
});

const RATING = {
  id: 'r1',
  goalId: 'g1',
  sessionId: 's1',
  score: 7,
  ratedAt: '2026-11-02T10:00:00.000Z',
  ratedBy: 'young-person',
};

async function seedPlain() {
  await rawPut(NAME, 'youngPeople', [youngPerson(), youngPerson({ id: 'yp2', name: 'Bo' })]);
  await rawPut(NAME, 'goals', [goal()]);
  await rawPut(NAME, 'sessions', [session()]);
  await rawPut(NAME, 'ratings', [RATING]);
  await rawPut(NAME, 'closures', [closure()]);
  await rawPut(NAME, 'resilienceMaps', [resilienceMap()]);
  await rawPut(NAME, 'drafts', [draft()]);
}

async function expectAllReadable() {
  expect(await db.youngPeople.get('yp1')).toEqual(youngPerson());
  expect(await db.goals.get('g1')).toEqual(goal());
  expect(await db.sessions.get('s1')).toEqual(session());
  expect(await db.ratings.get('r1')).toEqual(RATING);
  expect(await db.closures.get('c1')).toEqual(closure());
  expect(await db.resilienceMaps.get('m1')).toEqual(resilienceMap());
  expect(await db.drafts.get('session:yp1')).toEqual(draft());
}

describe('sealEveryRecord', () => {
  it('seals every plain record and the safety copy in one go, changing nothing else', async () => {
    await seedPlain();
    const copy = { savedAt: '2026-11-20T10:00:00.000Z', json: '{"name":"Zephyrine"}' };
    await rawPut(NAME, 'settings', [
      { key: 'restoreSafetyCopy', value: copy },
      { key: 'retentionMonths', value: 12 },
    ]);
    setUnsealedPolicy('plain');
    expect(await sealEveryRecord(db)).toBe(9);
    setUnsealedPolicy('refuse');
    expect(await isResealed(db)).toBe(true);
    const text = await rawText(NAME);
    for (const word of SECRET_WORDS) expect(text).not.toContain(word);
    const raw = await rawStores(NAME);
    expect(raw.settings).toContainEqual({ key: 'retentionMonths', value: 12 });
    for (const row of raw.goals ?? []) expect(isSealedText(row.sealed)).toBe(true);
    expect((await db.settings.get('restoreSafetyCopy'))?.value).toEqual(copy);
    await expectAllReadable();
  });

  it('upgrades a device encrypted in the first format (fields one by one)', async () => {
    const dataKey = key as Uint8Array;
    const v1 = (table: string, id: string, field: string, value: string) =>
      encryptField(dataKey, value, `${table}/${id}/${field}`);
    await rawPut(NAME, 'youngPeople', [
      {
        ...youngPerson(),
        name: v1('youngPeople', 'yp1', 'name', 'Zephyrine Quartermaine'),
        dateOfBirth: v1('youngPeople', 'yp1', 'dateOfBirth', '2013-04-12'),
        school: v1('youngPeople', 'yp1', 'school', 'Hollowbrook Academy'),
        programme: v1('youngPeople', 'yp1', 'programme', 'Mentoring'),
      },
    ]);
    await rawPut(NAME, 'goals', [
      { ...goal(), text: v1('goals', 'g1', 'text', goal().text) },
      // A value left plain by a first encryption cut short: read as it is.
      goal({ id: 'g2', text: 'Walk the dog' }),
    ]);
    await rawPut(NAME, 'resilienceMaps', [
      {
        ...resilienceMap(),
        examples: v1('resilienceMaps', 'm1', 'examples', JSON.stringify(resilienceMap().examples)),
      },
    ]);
    await rawPut(NAME, 'settings', [{ key: ENCRYPTED_FIELDS_KEY, value: ['goals.text'] }]);
    setUnsealedPolicy('legacy-v1');
    expect(await sealEveryRecord(db)).toBe(4);
    setUnsealedPolicy('refuse');
    expect(await db.youngPeople.get('yp1')).toEqual(youngPerson());
    expect(await db.goals.get('g1')).toEqual(goal());
    expect((await db.goals.get('g2'))?.text).toBe('Walk the dog');
    expect(await db.resilienceMaps.get('m1')).toEqual(resilienceMap());
    const raw = await rawStores(NAME);
    expect(raw.settings?.find((r) => r.key === ENCRYPTED_FIELDS_KEY)).toBeUndefined();
    expect(raw.settings).toContainEqual({ key: RECORD_FORMAT_KEY, value: 2 });
    expect(JSON.stringify(raw)).not.toContain('enc:v1:');
  });

  it('leaves a damaged record as it is (still damaged), and seals the rest', async () => {
    await seedEveryTable(db);
    const raw = await rawStores(NAME);
    const g3 = raw.goals?.find((r) => r.id === 'g3');
    await rawPut(NAME, 'goals', [{ ...g3, youngPersonId: 'yp1' }]);
    await sealEveryRecord(db);
    expect((await rawStores(NAME)).goals?.find((r) => r.id === 'g3')).toEqual({
      ...g3,
      youngPersonId: 'yp1',
    });
    expect(await db.goals.get('g3')).toBeUndefined();
    expect(await db.goals.get('g1')).toEqual(goal());
  });

  it('reseals every record under a new key, reading with the old one', async () => {
    await seedEveryTable(db);
    const oldKey = key as Uint8Array;
    previous = oldKey;
    key = randomBytes(32);
    await sealEveryRecord(db);
    previous = null;
    expect(await db.goals.get('g1')).toEqual(goal());
    key = oldKey;
    expect(await db.goals.get('g1')).toBeUndefined();
  });

  it('leaves every record as it was when anything in its transaction fails', async () => {
    await seedPlain();
    const before = await rawStores(NAME);
    setUnsealedPolicy('plain');
    const error = await rejection(
      sealEveryRecord(db, {
        alsoInside: () => Promise.reject(new Error('The keyring could not be stored')),
      }),
    );
    expect((error as Error).message).toBe('The keyring could not be stored');
    expect(await rawStores(NAME)).toEqual(before);
    expect(await isResealed(db)).toBe(false);
  });

  it('changes nothing while locked', async () => {
    await seedPlain();
    const before = await rawStores(NAME);
    key = null;
    expect(await rejection(sealEveryRecord(db))).toBeInstanceOf(LockedError);
    expect(await rawStores(NAME)).toEqual(before);
  });

  it('refuses a database without the middleware, rather than pretend', async () => {
    const bare = new CoachingDatabase('enc-test-bare');
    expect(await rejection(sealEveryRecord(bare))).toBeInstanceOf(Error);
    await bare.delete();
  });
});
