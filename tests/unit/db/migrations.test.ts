import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CoachingDatabase } from '../../../src/db/database';
import { CURRENT_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from '../../../src/db/schema';

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
    expect(await db.ratings.orderBy('id').toArray()).toEqual(ratings);
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
    expect(await db.ratings.orderBy('id').toArray()).toEqual(ratings);
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
    expect(await db.ratings.orderBy('id').toArray()).toEqual(ratings);
    expect(await db.closures.toArray()).toEqual([closure]);
    expect(await db.resilienceMaps.toArray()).toEqual([snapshot]);
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

describe('the declared versions', () => {
  it('declares every version from 1 to the current one, each with its stores', () => {
    const db = new CoachingDatabase(NAME);
    const declared = db.verno;
    expect(declared).toBe(CURRENT_VERSION);
    expect(CURRENT_VERSION).toBe(4);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'closures',
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
