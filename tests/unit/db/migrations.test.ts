import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CoachingDatabase } from '../../../src/db/database';
import { installEncryption } from '../../../src/db/encryption/middleware';
import { decryptField, encryptField } from '../../../src/db/encryption/field-crypto';
import { sealKit } from '../../../src/db/encryption/seal-kit';
import {
  CURRENT_VERSION,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
} from '../../../src/db/schema';
import { randomBytes } from '../../../src/lib/crypto';

// Each past schema version is seeded with the old code's shape and opened with the current
// code: every record must come through intact.

const NAME = 'migration-test';
const T = '2026-09-01T10:00:00.000Z';

const openCase = {
  id: 'yp-open',
  name: 'Ash',
  dateOfBirth: '2013-04-02',
  school: 'Fictional Primary',
  programme: 'Back on Track',
  referralDate: '2026-08-01',
  status: 'open',
  closedOn: null,
  closureReason: null,
  createdAt: T,
  updatedAt: T,
};
const closedCase = {
  ...openCase,
  id: 'yp-closed',
  name: 'Bo',
  status: 'closed',
  closedOn: '2026-10-30',
  closureReason: 'Moved away',
  updatedAt: '2026-10-30T15:00:00.000Z',
};
const closedOther = {
  ...closedCase,
  id: 'yp-closed-other',
  name: 'Cy',
  closureReason: 'Went to live with grandparents',
};
const goal = {
  id: 'g1',
  youngPersonId: 'yp-closed',
  text: 'Sleep better',
  domains: ['basics'],
  moves: ['basics-sleep'],
  setBy: 'together',
  status: 'active',
  createdAt: T,
  updatedAt: T,
};
const session = {
  id: 's1',
  youngPersonId: 'yp-closed',
  date: '2026-09-08',
  durationMinutes: 45,
  location: 'school',
  moves: ['basics-sleep'],
  nobleTruths: ['accepting'],
  notes: 'Fictional notes',
  createdAt: T,
  updatedAt: T,
};
const ratings = [
  { id: 'r1', goalId: 'g1', sessionId: null, score: 2, ratedAt: T, ratedBy: 'young-person' },
  {
    id: 'r2',
    goalId: 'g1',
    sessionId: 's1',
    score: 5,
    ratedAt: '2026-09-08T11:00:00.000Z',
    ratedBy: 'coach',
  },
];

// The v4 -> v5 upgrade gives every rating the time it was given as its updatedAt.
const ratingsV5 = ratings.map((r) => ({ ...r, updatedAt: r.ratedAt }));

async function seedVersion1() {
  const old = new Dexie(NAME);
  old.version(1).stores(SCHEMA_V1);
  await old.open();
  await old.table('youngPeople').bulkAdd([openCase, closedCase, closedOther]);
  await old.table('goals').add(goal);
  await old.table('sessions').add(session);
  await old.table('ratings').bulkAdd(ratings);
  await old.table('settings').add({ key: 'demoYoungPersonIds', value: [] });
  old.close();
}

afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('opening a version 1 database with the current code', () => {
  it('keeps every record and adds a closure for each closed case', async () => {
    await seedVersion1();
    const db = new CoachingDatabase(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);

    expect(await db.youngPeople.orderBy('id').toArray()).toEqual([
      closedCase,
      closedOther,
      openCase,
    ]);
    expect(await db.goals.toArray()).toEqual([goal]);
    expect(await db.sessions.toArray()).toEqual([session]);
    expect(await db.ratings.orderBy('id').toArray()).toEqual(ratingsV5);
    expect(await db.settings.get('demoYoungPersonIds')).toEqual({
      key: 'demoYoungPersonIds',
      value: [],
    });

    const closures = await db.closures.orderBy('youngPersonId').toArray();
    expect(closures).toHaveLength(2);
    expect(closures[0]).toMatchObject({
      youngPersonId: 'yp-closed',
      closedOn: '2026-10-30',
      reason: 'moved-away',
      reasonDetail: null,
      goalOutcomes: {},
      reopenedOn: null,
    });
    expect(closures[1]).toMatchObject({
      youngPersonId: 'yp-closed-other',
      reason: 'other',
      reasonDetail: 'Went to live with grandparents',
    });
    db.close();
  });

  it('opens an empty version 1 database', async () => {
    const old = new Dexie(NAME);
    old.version(1).stores(SCHEMA_V1);
    await old.open();
    old.close();
    const db = new CoachingDatabase(NAME);
    await db.open();
    expect(await db.closures.count()).toBe(0);
    db.close();
  });
});

// A v2 closure record, as the v2 code stored it.
const closure = {
  id: 'c1',
  youngPersonId: 'yp-closed',
  closedOn: '2026-10-30',
  reason: 'moved-away',
  reasonDetail: null,
  goalOutcomes: { g1: 'partly' },
  youngPersonSatisfaction: 8,
  parentCarerSatisfaction: null,
  youngPersonComments: 'Fictional comment',
  parentCarerComments: null,
  reopenedOn: null,
  reopenReason: null,
  createdAt: '2026-10-30T15:00:00.000Z',
  updatedAt: '2026-10-30T15:00:00.000Z',
};

async function seedVersion2() {
  const old = new Dexie(NAME);
  old.version(1).stores(SCHEMA_V1);
  old.version(2).stores(SCHEMA_V2);
  await old.open();
  await old.table('youngPeople').bulkAdd([openCase, closedCase, closedOther]);
  await old.table('goals').add(goal);
  await old.table('sessions').add(session);
  await old.table('ratings').bulkAdd(ratings);
  await old.table('closures').add(closure);
  await old.table('settings').add({ key: 'demoYoungPersonIds', value: ['yp-open'] });
  expect(old.verno).toBe(2);
  old.close();
}

describe('opening a version 2 database with the current code', () => {
  it('keeps every record as it was and adds an empty, working resilienceMaps table', async () => {
    await seedVersion2();
    const db = new CoachingDatabase(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);

    expect(await db.youngPeople.orderBy('id').toArray()).toEqual([
      closedCase,
      closedOther,
      openCase,
    ]);
    expect(await db.goals.toArray()).toEqual([goal]);
    expect(await db.sessions.toArray()).toEqual([session]);
    expect(await db.ratings.orderBy('id').toArray()).toEqual(ratingsV5);
    // The v2 -> v3 upgrade adds no closures: the one closure is exactly as stored.
    expect(await db.closures.toArray()).toEqual([closure]);
    expect(await db.settings.toArray()).toEqual([
      { key: 'demoYoungPersonIds', value: ['yp-open'] },
    ]);

    expect(await db.resilienceMaps.count()).toBe(0);
    const map = {
      id: 'm1',
      youngPersonId: 'yp-open',
      savedAt: T,
      savedBy: 'coach' as const,
      tiles: { 'coping-brave': 'try' as const },
      examples: {},
      updatedAt: T,
    };
    await db.resilienceMaps.add(map);
    expect(
      await db.resilienceMaps.where('[youngPersonId+savedAt]').equals(['yp-open', T]).toArray(),
    ).toEqual([map]);
    db.close();
  });
});

// A v3 resilience map snapshot, as the v3 code stored it.
const snapshot = {
  id: 'm1',
  youngPersonId: 'yp-open',
  savedAt: '2026-11-01T09:30:00.000Z',
  savedBy: 'young-person',
  tiles: { 'coping-brave': 'strength', 'basics-sleep': 'try' },
  examples: { 'coping-brave': 'Went to the new club on my own' },
};

async function seedVersion3() {
  const old = new Dexie(NAME);
  old.version(1).stores(SCHEMA_V1);
  old.version(2).stores(SCHEMA_V2);
  old.version(3).stores(SCHEMA_V3);
  await old.open();
  await old.table('youngPeople').bulkAdd([openCase, closedCase, closedOther]);
  await old.table('goals').add(goal);
  await old.table('sessions').add(session);
  await old.table('ratings').bulkAdd(ratings);
  await old.table('closures').add(closure);
  await old.table('resilienceMaps').add(snapshot);
  await old.table('settings').bulkAdd([
    { key: 'demoYoungPersonIds', value: ['yp-open'] },
    { key: 'reliableChangeThreshold', value: 2.45 },
  ]);
  expect(old.verno).toBe(3);
  old.close();
}

describe('opening a version 3 database with the current code', () => {
  it('keeps every record as it was and adds an empty, working drafts table', async () => {
    await seedVersion3();
    const db = new CoachingDatabase(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);

    expect(await db.youngPeople.orderBy('id').toArray()).toEqual([
      closedCase,
      closedOther,
      openCase,
    ]);
    expect(await db.goals.toArray()).toEqual([goal]);
    expect(await db.sessions.toArray()).toEqual([session]);
    expect(await db.ratings.orderBy('id').toArray()).toEqual(ratingsV5);
    expect(await db.closures.toArray()).toEqual([closure]);
    expect(await db.resilienceMaps.toArray()).toEqual([
      { ...snapshot, updatedAt: snapshot.savedAt },
    ]);
    expect(await db.settings.orderBy('key').toArray()).toEqual([
      { key: 'demoYoungPersonIds', value: ['yp-open'] },
      { key: 'reliableChangeThreshold', value: 2.45 },
    ]);

    expect(await db.drafts.count()).toBe(0);
    const draft = {
      id: 'session:yp-open',
      kind: 'session' as const,
      youngPersonId: 'yp-open',
      values: { notes: 'Half written' },
      updatedAt: T,
    };
    await db.drafts.add(draft);
    expect(await db.drafts.where('youngPersonId').equals('yp-open').toArray()).toEqual([draft]);
    db.close();
  });
});

// A v4 database as the v4 code stored it once a passphrase was chosen: free text encrypted
// field by field ("enc:v1:..."), ratings and maps with no updatedAt. One rating is stored the
// way a sealed record is (its plain, indexed fields beside one seal), to show that the
// upgrade never rewrites a sealed record: its seal binds its plain fields, so an added one
// would make it fail its check. (No v4 device holds one: sealing came with v5, and every
// record it seals already has its updatedAt.)
const dataKey = randomBytes(32);
const sealedText = (table: string, id: string, field: string, text: string) =>
  encryptField(dataKey, text, `${table}/${id}/${field}`);

const v4Goal = { ...goal, text: sealedText('goals', 'g1', 'text', goal.text) };
const v4Map = {
  ...snapshot,
  examples: sealedText('resilienceMaps', 'm1', 'examples', JSON.stringify(snapshot.examples)),
};
const v4Ratings = [
  ...ratings,
  // Already carrying an updatedAt (written by a later version and opened here): kept.
  {
    id: 'r3',
    goalId: 'g1',
    sessionId: null,
    score: 7,
    ratedAt: '2026-10-01T09:00:00.000Z',
    ratedBy: 'coach',
    updatedAt: '2026-10-02T09:00:00.000Z',
  },
];
const v4SealedRating = sealKit().sealRecord(
  dataKey,
  { table: 'ratings', plainFields: ['id', 'goalId', 'sessionId', 'ratedAt'], idOf: (r) => r.id },
  {
    id: 'r4',
    goalId: 'g1',
    sessionId: null,
    score: 6,
    ratedAt: '2026-10-05T09:00:00.000Z',
    ratedBy: 'coach',
  },
);
const draft = {
  id: 'session:yp-open',
  kind: 'session',
  youngPersonId: 'yp-open',
  values: sealedText('drafts', 'session:yp-open', 'values', '{"notes":"Half"}'),
  updatedAt: T,
};

async function seedVersion4() {
  const old = new Dexie(NAME);
  old.version(1).stores(SCHEMA_V1);
  old.version(2).stores(SCHEMA_V2);
  old.version(3).stores(SCHEMA_V3);
  old.version(4).stores(SCHEMA_V4);
  await old.open();
  await old.table('youngPeople').bulkAdd([openCase, closedCase]);
  await old.table('goals').add(v4Goal);
  await old.table('sessions').add(session);
  await old.table('ratings').bulkAdd([...v4Ratings, v4SealedRating]);
  await old.table('closures').add(closure);
  await old.table('resilienceMaps').add(v4Map);
  await old.table('drafts').add(draft);
  expect(old.verno).toBe(4);
  old.close();
}

/** The records exactly as stored, read without the encryption layer. */
async function rawTable(table: string): Promise<unknown[]> {
  const raw = new Dexie(NAME);
  await raw.open();
  const rows = await raw.table(table).toArray();
  raw.close();
  return rows;
}

describe('opening a version 4 database with the current code', () => {
  it('gives ratings and maps an updatedAt while locked, reading and rewriting no encrypted value', async () => {
    await seedVersion4();
    // Locked, as every upgrade runs: the keyring lives in this very database.
    const db = new CoachingDatabase(NAME);
    installEncryption(db, () => null);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    db.close();

    // Every rating now says when it last changed: the time it was given, unless it had one.
    expect(await rawTable('ratings')).toEqual([
      ...ratingsV5,
      v4Ratings[2],
      // A sealed record binds its plain fields: never rewritten by an upgrade.
      v4SealedRating,
    ]);
    // Maps: their savedAt; the encrypted examples are exactly the stored ciphertext.
    expect(await rawTable('resilienceMaps')).toEqual([{ ...v4Map, updatedAt: snapshot.savedAt }]);
    // Nothing else changed, ciphertext included.
    expect(await rawTable('goals')).toEqual([v4Goal]);
    expect(await rawTable('drafts')).toEqual([draft]);
    expect(await rawTable('closures')).toEqual([closure]);
    expect(await rawTable('deletions')).toEqual([]);

    // The encrypted values still open with the data key, as they were (the unlock that
    // follows reseals them: see the sealing tests), and updatedAt is an index.
    const [map] = (await rawTable('resilienceMaps')) as (typeof v4Map)[];
    expect(decryptField(dataKey, map?.examples ?? '', 'resilienceMaps/m1/examples')).toBe(
      JSON.stringify(snapshot.examples),
    );
    const raw = new Dexie(NAME);
    await raw.open();
    expect(
      await raw.table('ratings').where('updatedAt').above('2026-10-01T12:00:00.000Z').primaryKeys(),
    ).toEqual(['r3']);
    raw.close();
  });

  it('adds a working deletions table, keyed by table and id', async () => {
    await seedVersion4();
    const db = new CoachingDatabase(NAME);
    await db.open();
    const deletion = { table: 'sessions' as const, id: 's1', deletedAt: T };
    await db.deletions.put(deletion);
    await db.deletions.put({ ...deletion, deletedAt: '2026-09-02T10:00:00.000Z' });
    await db.deletions.put({ ...deletion, table: 'ratings' as const });
    expect(await db.deletions.count()).toBe(2);
    expect(await db.deletions.get(['sessions', 's1'])).toEqual({
      ...deletion,
      deletedAt: '2026-09-02T10:00:00.000Z',
    });
    db.close();
  });
});

describe('the declared versions', () => {
  it('declares every version from 1 to the current one, each with its stores', () => {
    const db = new CoachingDatabase(NAME);
    const declared = db.verno;
    expect(declared).toBe(CURRENT_VERSION);
    expect(CURRENT_VERSION).toBe(5);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'closures',
      'deletions',
      'drafts',
      'goals',
      'ratings',
      'resilienceMaps',
      'sessions',
      'settings',
      'youngPeople',
    ]);
  });
});
