import Dexie, { liveQuery } from 'dexie';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CoachingDatabase } from '../../../../src/db/database';
import { clearDamageNotes, damageNotes } from '../../../../src/db/encryption/damage-log';
import { SEALED_TABLES } from '../../../../src/db/encryption/encrypted-fields';
import { encryptField } from '../../../../src/db/encryption/field-crypto';
import { isSealedText } from '../../../../src/db/encryption/sealed-text';
import { DamagedRecordError, installEncryption } from '../../../../src/db/encryption/middleware';
import { setUnsealedPolicy } from '../../../../src/db/encryption/unsealed-policy';
import {
  LockedError,
  NOT_SET_UP,
  PassphraseNeededError,
} from '../../../../src/db/encryption/session-key';
import { SCHEMA_V1 } from '../../../../src/db/schema';
import { randomBytes } from '../../../../src/lib/crypto';
import { BO, seedEveryTable } from './encrypting-db';
import { rawPut, rawStores, rawText } from './raw-idb';
import { SECRET_WORDS, closure, draft, goal, resilienceMap, session, youngPerson } from './records';
import { rejection } from './rejection';

const NAME = 'enc-test';
let key: Uint8Array | typeof NOT_SET_UP | null = null;
const db = new CoachingDatabase(NAME);
installEncryption(db, () => key);
const seed = () => seedEveryTable(db);

beforeEach(async () => {
  key = randomBytes(32);
  setUnsealedPolicy('refuse');
  clearDamageNotes();
  await db.delete();
  await db.open();
});

/** The indexed fields of each table, which stay plain beside the seal (see src/db/schema). */
const PLAIN_FIELDS: Record<string, string[]> = {
  youngPeople: ['id', 'status', 'referralDate', 'closedOn', 'updatedAt'],
  goals: ['id', 'youngPersonId', 'status', 'updatedAt'],
  sessions: ['id', 'youngPersonId', 'date', 'updatedAt'],
  ratings: ['id', 'goalId', 'sessionId', 'ratedAt'],
  closures: ['id', 'youngPersonId', 'closedOn'],
  resilienceMaps: ['id', 'youngPersonId', 'savedAt'],
  drafts: ['id', 'youngPersonId', 'updatedAt'],
};

afterAll(async () => {
  await db.delete();
});

describe('the field-encryption middleware', () => {
  it('round-trips every encrypted table through the Dexie table API', async () => {
    await seed();
    expect(await db.youngPeople.get('yp1')).toEqual(youngPerson());
    expect(await db.goals.get('g1')).toEqual(goal());
    expect(await db.sessions.get('s1')).toEqual(session());
    expect(await db.closures.get('c1')).toEqual(closure());
    expect(await db.resilienceMaps.get('m1')).toEqual(resilienceMap());
    expect(await db.drafts.get('session:yp1')).toEqual(draft());
    expect(await db.youngPeople.bulkGet(['yp2', 'missing', 'yp1'])).toEqual([
      BO,
      undefined,
      youngPerson(),
    ]);
  });

  it('stores every record sealed whole: only its indexed fields beside the seal', async () => {
    await seed();
    const text = await rawText(NAME);
    for (const word of SECRET_WORDS) expect(text).not.toContain(word);
    // Moves, domains, places, reasons, outcomes, map tiles and scores are sealed too.
    for (const word of ['belonging', 'school', 'moved-away', 'reached', 'strength', 'Mentoring']) {
      expect(text).not.toContain(word);
    }
    const raw = await rawStores(NAME);
    for (const table of SEALED_TABLES) {
      const rows = raw[table] ?? [];
      expect(rows.length, `${table} is seeded`).toBeGreaterThan(0);
      for (const row of rows) {
        expect(isSealedText(row.sealed), table).toBe(true);
        for (const field of Object.keys(row)) {
          expect([...(PLAIN_FIELDS[table] ?? []), 'sealed'], `${table}.${field}`).toContain(field);
        }
      }
    }
    expect(raw.sessions?.find((r) => r.id === 's1')).toMatchObject({
      youngPersonId: 'yp1',
      date: '2026-11-02',
    });
    expect(raw.ratings?.[0]).not.toHaveProperty('score');
    expect(raw.ratings?.[0]).toMatchObject({ goalId: 'g1' });
  });

  it('never changes the object the caller passed in', async () => {
    const record = youngPerson();
    const copy = structuredClone(record);
    await db.youngPeople.put(record);
    await db.youngPeople.bulkAdd([youngPerson({ id: 'yp9' })]);
    expect(record).toEqual(copy);
  });

  it('keeps the indexes on ids, dates and status working', async () => {
    await seed();
    const mine = await db.goals.where('youngPersonId').equals('yp1').toArray();
    expect(mine.map((g) => g.text).sort()).toEqual([
      'Practise the trombone with Grandad',
      'Walk the dog each morning',
    ]);
    expect(await db.youngPeople.where('status').equals('closed').toArray()).toEqual([BO]);
    expect((await db.sessions.orderBy('date').toArray()).map((s) => s.notes)).toEqual([
      'First meeting',
      '',
      session().notes,
      'Climbing wall',
    ]);
    const between = await db.sessions
      .where('[youngPersonId+date]')
      .between(['yp1', '2026-11-01'], ['yp1', '2026-11-30'], true, true)
      .toArray();
    expect(between.map((s) => s.notes)).toEqual([session().notes, 'Climbing wall']);
    expect(await db.goals.where('status').equals('active').count()).toBe(2);
  });

  it('decrypts records read with cursors', async () => {
    await seed();
    const seen: string[] = [];
    await db.sessions
      .where('youngPersonId')
      .equals('yp1')
      .each((s) => seen.push(s.notes));
    expect(seen.sort()).toEqual(['Climbing wall', 'First meeting', session().notes].sort());

    const filtered = await db.goals.filter((g) => g.text.includes('trombone')).toArray();
    expect(filtered.map((g) => g.id)).toEqual(['g1']);

    const page = await db.sessions.orderBy('date').offset(1).limit(2).toArray();
    expect(page.map((s) => s.notes)).toEqual(['', session().notes]);

    const latest = await db.sessions.orderBy('date').reverse().first();
    expect(latest?.notes).toBe('Climbing wall');

    const byName = await db.youngPeople.toCollection().sortBy('name');
    expect(byName.map((y) => y.name)).toEqual(['Bo', 'Zephyrine Quartermaine']);

    const filteredSessions = await db.sessions
      .where('youngPersonId')
      .equals('yp1')
      .filter((s) => s.notes.startsWith('Climbing'))
      .toArray();
    expect(filteredSessions.map((s) => s.id)).toEqual(['s3']);

    expect(await db.sessions.orderBy('date').primaryKeys()).toEqual(['s2', 's4', 's1', 's3']);
  });

  it('keeps fields encrypted through update and modify', async () => {
    await seed();
    await db.goals.update('g1', { status: 'achieved' });
    await db.sessions.update('s1', { notes: 'Changed: the lighthouse trip' });
    await db.sessions
      .where('youngPersonId')
      .equals('yp1')
      .modify((s) => {
        s.notes = `${s.notes} (seen)`;
      });
    expect(await db.goals.get('g1')).toEqual(goal({ status: 'achieved' }));
    expect((await db.sessions.get('s1'))?.notes).toBe('Changed: the lighthouse trip (seen)');
    expect((await db.sessions.get('s2'))?.notes).toBe('First meeting (seen)');
    const text = await rawText(NAME);
    expect(text).not.toContain('lighthouse');
    expect(text).not.toContain('trombone');
    expect(text).not.toContain('(seen)');
  });

  it('gives live queries decrypted records, before and after a change', async () => {
    await seed();
    const results: string[][] = [];
    const subscription = liveQuery(() =>
      db.goals.where('youngPersonId').equals('yp1').toArray(),
    ).subscribe((goals) => results.push(goals.map((g) => g.text).sort()));
    try {
      await expect.poll(() => results.length).toBeGreaterThan(0);
      await db.goals.put(goal({ id: 'g4', text: 'Ask for help in maths' }));
      await expect
        .poll(() => results.at(-1))
        .toEqual([
          'Ask for help in maths',
          'Practise the trombone with Grandad',
          'Walk the dog each morning',
        ]);
    } finally {
      subscription.unsubscribe();
    }
  });

  describe('while locked', () => {
    it('refuses every read of an encrypted table, and decrypts nothing', async () => {
      await seed();
      key = null;
      const reads: [string, () => Promise<unknown>][] = [
        ['get', () => db.youngPeople.get('yp1')],
        ['bulkGet', () => db.goals.bulkGet(['g1'])],
        ['toArray', () => db.sessions.toArray()],
        ['where', () => db.goals.where('youngPersonId').equals('yp1').toArray()],
        ['orderBy', () => db.sessions.orderBy('date').toArray()],
        ['each', () => db.sessions.each(() => undefined)],
        ['filter', () => db.goals.filter(() => true).toArray()],
        ['first', () => db.closures.toCollection().first()],
        ['maps', () => db.resilienceMaps.toArray()],
        ['drafts', () => db.drafts.get('session:yp1')],
      ];
      for (const [name, read] of reads) {
        const error = await rejection(read());
        expect(error, name).toBeInstanceOf(LockedError);
        expect((error as Error).message).toBe('The app is locked: unlock it to see the records.');
      }
    });

    it('refuses every write to an encrypted table and stores nothing', async () => {
      key = null;
      const writes: (() => Promise<unknown>)[] = [
        () => db.youngPeople.add(youngPerson()),
        () => db.goals.put(goal()),
        () => db.sessions.bulkPut([session()]),
        () => db.drafts.put(draft()),
      ];
      for (const write of writes) {
        const error = await rejection(write());
        expect(error).toBeInstanceOf(LockedError);
        expect((error as Error).message).toBe('The app is locked: unlock it to save.');
      }
      const raw = await rawStores(NAME);
      expect(raw.youngPeople).toEqual([]);
      expect(raw.goals).toEqual([]);
      expect(raw.sessions).toEqual([]);
      expect(raw.drafts).toEqual([]);
    });

    it('rolls back the whole transaction when one write is refused', async () => {
      key = null;
      const error = await rejection(
        db.transaction('rw', [db.ratings, db.goals], async () => {
          await db.ratings.put({
            id: 'r9',
            goalId: 'g1',
            sessionId: null,
            score: 5,
            ratedAt: '2026-09-01T10:00:00.000Z',
            ratedBy: 'coach',
            updatedAt: '2026-09-01T10:00:00.000Z',
          });
          await db.goals.put(goal());
        }),
      );
      expect(error).toBeInstanceOf(LockedError);
      expect(await db.ratings.count()).toBe(0);
    });

    it('still allows counts, keys, deletes and plain settings', async () => {
      await seed();
      key = null;
      expect(await db.sessions.count()).toBe(4);
      expect(await db.goals.where('youngPersonId').equals('yp1').primaryKeys()).toEqual([
        'g1',
        'g2',
      ]);
      await db.sessions.delete('s4');
      await db.goals.where('youngPersonId').equals('yp2').delete();
      expect(await db.sessions.count()).toBe(3);
      expect(await db.goals.count()).toBe(2);
      await db.settings.put({ key: 'x', value: 1 });
      expect(await db.settings.get('x')).toEqual({ key: 'x', value: 1 });
      // Ratings are sealed too (scores say something about a young person).
      expect(await rejection(db.ratings.get('r1'))).toBeInstanceOf(LockedError);
    });

    it('reads again once unlocked with the same key', async () => {
      await seed();
      const dataKey = key;
      key = null;
      await rejection(db.goals.get('g1'));
      key = dataKey;
      expect(await db.goals.get('g1')).toEqual(goal());
    });
  });

  it('leaves out, and notes, a record that does not open under the key', async () => {
    await seed();
    key = randomBytes(32);
    expect(await db.youngPeople.get('yp1')).toBeUndefined();
    expect(await db.youngPeople.toArray()).toEqual([]);
    expect(damageNotes()).toContainEqual({
      table: 'youngPeople',
      id: 'yp1',
      reason: 'seal-broken',
    });
  });

  describe('records that were changed in IndexedDB', () => {
    it('leaves out a goal moved to another young person (its youngPersonId changed)', async () => {
      await seed();
      const raw = await rawStores(NAME);
      const g3 = raw.goals?.find((r) => r.id === 'g3');
      await rawPut(NAME, 'goals', [{ ...g3, youngPersonId: 'yp1' }]);
      const mine = await db.goals.where('youngPersonId').equals('yp1').toArray();
      expect(mine.map((g) => g.id).sort()).toEqual(['g1', 'g2']);
      expect(await db.goals.get('g3')).toBeUndefined();
      expect(await db.goals.bulkGet(['g1', 'g3'])).toEqual([goal(), undefined]);
      expect(damageNotes()).toContainEqual({ table: 'goals', id: 'g3', reason: 'fields-changed' });
    });

    it('leaves out a seal copied onto another record, or into another table', async () => {
      await seed();
      const raw = await rawStores(NAME);
      const mia = raw.youngPeople?.find((r) => r.id === 'yp1');
      const bo = raw.youngPeople?.find((r) => r.id === 'yp2');
      await rawPut(NAME, 'youngPeople', [{ ...bo, sealed: mia?.sealed }]);
      await rawPut(NAME, 'closures', [{ id: 'c9', youngPersonId: 'yp1', sealed: mia?.sealed }]);
      expect(await db.youngPeople.get('yp2')).toBeUndefined();
      expect(await db.closures.get('c9')).toBeUndefined();
      expect((await db.youngPeople.get('yp1'))?.name).toBe('Zephyrine Quartermaine');
      expect(damageNotes().map((n) => `${n.table}/${n.id}/${n.reason}`)).toEqual([
        'youngPeople/yp2/seal-broken',
        'closures/c9/seal-broken',
      ]);
    });

    it('refuses a plain value where the seal belongs, and a plain record', async () => {
      await seed();
      await rawPut(NAME, 'goals', [
        { id: 'g8', youngPersonId: 'yp1', status: 'active', sealed: 'Forged goal' },
        goal({ id: 'g9', text: 'A plain goal written in' }),
        // Demo text that looks like ciphertext is never taken for it.
        goal({ id: 'g10', text: encryptField(key as Uint8Array, 'x', 'goals/g10/text') }),
      ]);
      const mine = await db.goals.where('youngPersonId').equals('yp1').toArray();
      expect(mine.map((g) => g.id).sort()).toEqual(['g1', 'g2']);
      expect(damageNotes().map((n) => `${n.id}/${n.reason}`)).toEqual([
        'g10/not-sealed',
        'g8/not-sealed',
        'g9/not-sealed',
      ]);
    });

    it('leaves out a plain field added beside the seal', async () => {
      await seed();
      const raw = await rawStores(NAME);
      const g1 = raw.goals?.find((r) => r.id === 'g1');
      await rawPut(NAME, 'goals', [{ ...g1, text: 'Forged words' }]);
      expect(await db.goals.get('g1')).toBeUndefined();
    });

    it('still gives a limited query as many records as asked, and cursors skip', async () => {
      await seed();
      const raw = await rawStores(NAME);
      const s2 = raw.sessions?.find((r) => r.id === 's2');
      await rawPut(NAME, 'sessions', [{ ...s2, date: '2026-01-01' }]);
      const firstTwo = await db.sessions.orderBy('date').limit(2).toArray();
      expect(firstTwo.map((s) => s.id)).toEqual(['s4', 's1']);
      const seen: string[] = [];
      await db.sessions.orderBy('date').each((s) => seen.push(s.id));
      expect(seen).toEqual(['s4', 's1', 's3']);
      const first = await db.sessions.orderBy('date').first();
      expect(first?.id).toBe('s4');
      const filtered = await db.sessions.filter((s) => s.youngPersonId === 'yp1').toArray();
      expect(filtered.map((s) => s.id).sort()).toEqual(['s1', 's3']);
      // A change that would touch it is refused whole: never rewritten, nor deleted.
      const before = await rawStores(NAME);
      const error = await rejection(
        db.sessions.toCollection().modify((s) => {
          s.notes = 'seen';
        }),
      );
      expect(error).toBeInstanceOf(DamagedRecordError);
      expect(await rejection(db.sessions.update('s2', { notes: 'x' }))).toBeInstanceOf(
        DamagedRecordError,
      );
      expect(await rawStores(NAME)).toEqual(before);
    });
  });

  describe('records not sealed', () => {
    it('are read as they are while a passphrase is being set up (policy "plain")', async () => {
      const demoText = 'enc:v1:AAAA looks like ciphertext';
      await rawPut(NAME, 'goals', [goal({ text: demoText })]);
      setUnsealedPolicy('plain');
      expect((await db.goals.get('g1'))?.text).toBe(demoText);
    });

    it('on a device encrypted in the first format, decrypt only its listed fields', async () => {
      const dataKey = key as Uint8Array;
      const v1 = (value: string, id: string, field: string) =>
        encryptField(dataKey, value, `goals/${id}/${field}`);
      await rawPut(NAME, 'goals', [
        goal({ text: v1('Practise the trombone with Grandad', 'g1', 'text') }),
        // An "enc:v1:" value in a field the first format never encrypted stays text.
        goal({ id: 'g2', setBy: v1('coach', 'g2', 'setBy') as 'coach' }),
        // A first-format value moved from another record does not decrypt: left out.
        goal({ id: 'g3', text: v1('Sleep by ten', 'g9', 'text') }),
      ]);
      setUnsealedPolicy('legacy-v1');
      expect(await db.goals.get('g1')).toEqual(goal());
      expect((await db.goals.get('g2'))?.setBy).toMatch(/^enc:v1:/);
      expect(await db.goals.get('g3')).toBeUndefined();
      setUnsealedPolicy('refuse');
      expect(await db.goals.get('g1')).toBeUndefined();
    });
  });

  it('cannot be installed once the database is open', () => {
    expect(() => installEncryption(db, () => key)).toThrow(/before the database is opened/);
  });
});

describe('settings', () => {
  const safetyCopy = { savedAt: '2026-11-20T10:00:00.000Z', json: '{"name":"Zephyrine Quaile"}' };

  it('stores the restore safety copy sealed and leaves every other setting plain', async () => {
    await db.settings.put({ key: 'restoreSafetyCopy', value: safetyCopy });
    await db.settings.put({ key: 'retentionMonths', value: 12 });
    const text = await rawText(NAME);
    expect(text).not.toContain('Zephyrine');
    expect(text).toContain('retentionMonths');
    const raw = await rawStores(NAME);
    expect(Object.keys(raw.settings?.find((r) => r.key === 'restoreSafetyCopy') ?? {})).toEqual([
      'key',
      'sealed',
    ]);
    expect(await db.settings.get('restoreSafetyCopy')).toEqual({
      key: 'restoreSafetyCopy',
      value: safetyCopy,
    });
    expect(await db.settings.toArray()).toContainEqual({
      key: 'restoreSafetyCopy',
      value: safetyCopy,
    });
  });

  it('while locked, reads and writes plain settings but refuses the encrypted ones', async () => {
    await db.settings.put({ key: 'restoreSafetyCopy', value: safetyCopy });
    key = null;
    await db.settings.put({ key: 'unlockAttempts', value: { failures: 1, lockedUntil: null } });
    expect((await db.settings.get('unlockAttempts'))?.value).toEqual({
      failures: 1,
      lockedUntil: null,
    });
    expect(await rejection(db.settings.get('restoreSafetyCopy'))).toBeInstanceOf(LockedError);
    expect(
      await rejection(db.settings.put({ key: 'restoreSafetyCopy', value: safetyCopy })),
    ).toBeInstanceOf(LockedError);
    // A cursor over plain settings reads them; it is refused only on meeting a sealed one.
    const plain: unknown[] = [];
    await db.settings
      .where('key')
      .startsWith('unlock')
      .each((row) => plain.push(row.key));
    expect(plain).toEqual(['unlockAttempts']);
    expect(await rejection(db.settings.each(() => undefined))).toBeInstanceOf(LockedError);
    // Deleting needs no key.
    await db.settings.delete('restoreSafetyCopy');
    expect(await db.settings.count()).toBe(1);
  });
});

describe('before a passphrase is chosen', () => {
  it('passes records through plain, both ways', async () => {
    key = NOT_SET_UP;
    const demo = youngPerson({ name: 'Demo: Zephyrine' });
    await db.youngPeople.put(demo);
    expect(await rawText(NAME)).toContain('Demo: Zephyrine');
    expect(await db.youngPeople.get('yp1')).toEqual(demo);
  });

  it('keeps only demo young people ("Demo: …"): any other is refused, unwritten', async () => {
    key = NOT_SET_UP;
    const error = await rejection(db.youngPeople.put(youngPerson()));
    expect(error).toBeInstanceOf(PassphraseNeededError);
    expect((error as Error).message).toMatch(/^Choose a passphrase first/);
    await expect(
      db.youngPeople.bulkAdd([youngPerson({ id: 'yp8', name: 'Demo: Bo' }), BO]),
    ).rejects.toBeInstanceOf(PassphraseNeededError);
    expect(await rawText(NAME)).not.toContain('Zephyrine');
    expect(await db.youngPeople.count()).toBe(0);
    // Other tables pass through: the notice on the forms asks for no real details there.
    await db.goals.put(goal());
    expect(await db.goals.count()).toBe(1);
  });
});

describe('schema upgrades while locked', () => {
  it('still run, seeing stored values as they are', async () => {
    const name = 'enc-test-upgrade';
    await Dexie.delete(name);
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1
      .table('youngPeople')
      .put(
        youngPerson({ status: 'closed', closedOn: '2026-11-01', closureReason: 'Moved to Leeds' }),
      );
    v1.close();

    let upgradeKey: Uint8Array | null = null;
    const current = new CoachingDatabase(name);
    installEncryption(current, () => upgradeKey);
    await current.open();
    expect(await current.closures.count()).toBe(1);
    upgradeKey = randomBytes(32);
    // A device from before encryption: its records are read as they are until sealed.
    setUnsealedPolicy('plain');
    const [made] = await current.closures.toArray();
    expect(made).toMatchObject({ reason: 'other', reasonDetail: 'Moved to Leeds' });
    await current.delete();
  });
});
