import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/database';
import { readAllRecords } from '../../src/db/repositories/backup/read-records';
import { applyRestore } from '../../src/db/repositories/backup/restore';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  RECORD_ARRAYS,
  type RecordArray,
} from '../../src/domain/backup-format';
import { MAX_LISTED_PROBLEMS, parseBackupText } from '../../src/domain/backup-parse';
import { DOMAIN_IDS, isMoveId } from '../../src/domain/framework';
import {
  closureSchema,
  goalSchema,
  instantSchema,
  ratingSchema,
  resilienceMapSchema,
  sessionSchema,
  youngPersonSchema,
} from '../../src/domain/schemas';
import { backupFileArb } from '../unit/support/arbitraries';
import { asJson, sampleRecords } from '../unit/support/backup-fixtures';

/**
 * Hostile and malformed files: every one must be refused with a message, write nothing and
 * pollute no prototype. Each generator only makes files that cannot be valid.
 */

type Json = Record<string, unknown>;

const FIELDS: Record<RecordArray, readonly string[]> = {
  youngPeople: Object.keys(youngPersonSchema.shape),
  goals: Object.keys(goalSchema.shape),
  sessions: Object.keys(sessionSchema.shape),
  ratings: Object.keys(ratingSchema.shape),
  closures: Object.keys(closureSchema.shape),
  resilienceMaps: Object.keys(resilienceMapSchema.shape),
};

/** Longer than any generated id, so it names nothing in the file. */
const MISSING = `missing:${'z'.repeat(40)}`;
/** Stands for a deeply nested value, spliced into the JSON text. */
const DEEP = '@@deep@@';

/** An object with its own __proto__, constructor and prototype keys (as JSON.parse makes). */
function hostileObject(inner: unknown): Json {
  const value: Json = {};
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    Object.defineProperty(value, key, {
      value: inner,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return value;
}

const hostileKeysArb = fc.constantFrom('__proto__', 'constructor', 'prototype');

/** Values no field of any record accepts. */
const wrongValueArb: fc.Arbitrary<unknown> = fc.constantFrom(
  true,
  12.5,
  [[]],
  DEEP,
  hostileObject({ polluted: true }),
  hostileObject({ prototype: { polluted: true } }),
);

const scoreArb = fc.constantFrom<unknown>(11, -1, 2.5, 10.0001, 1e308, '5', null, DEEP);

/** One change that makes a valid file invalid. */
type Mutation =
  | { kind: 'format'; value: unknown }
  | { kind: 'version'; value: unknown }
  | { kind: 'exportedAt'; value: unknown }
  | { kind: 'dropArray'; array: RecordArray }
  | { kind: 'arrayNotList'; array: RecordArray; value: unknown }
  | { kind: 'dropField'; pick: number; field: number }
  | { kind: 'wrongType'; pick: number; field: number; value: unknown }
  | { kind: 'hugeString'; pick: number; field: number; length: number }
  | { kind: 'score'; pick: number; value: unknown }
  | { kind: 'unknownDomain'; pick: number; id: string }
  | { kind: 'unknownMove'; pick: number; id: string; where: number }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'dangling'; pick: number; which: number }
  | { kind: 'replaceRecord'; pick: number; value: unknown }
  | { kind: 'closureGoal'; pick: number };

const pick = fc.nat();
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('format' as const),
    value: fc
      .oneof(fc.string(), fc.jsonValue(), fc.constant(undefined))
      .filter((v) => v !== BACKUP_FORMAT),
  }),
  fc.record({
    kind: fc.constant('version' as const),
    value: fc.oneof(
      fc.integer({ min: BACKUP_VERSION + 1 }),
      fc.integer({ max: 0 }),
      fc.double().filter((d) => !Number.isInteger(d)),
      fc.constantFrom<unknown>('1', null, true, [1], undefined, { 1: 1 }),
    ),
  }),
  fc.record({
    kind: fc.constant('exportedAt' as const),
    value: fc
      .oneof(fc.string(), fc.jsonValue(), fc.constant(undefined))
      .filter((v) => !instantSchema.safeParse(v).success),
  }),
  fc.record({
    kind: fc.constant('dropArray' as const),
    array: fc.constantFrom<RecordArray>('youngPeople', 'goals', 'sessions', 'ratings'),
  }),
  fc.record({
    kind: fc.constant('arrayNotList' as const),
    array: fc.constantFrom(...RECORD_ARRAYS),
    value: fc.oneof(
      fc.object(),
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.constant(DEEP),
      hostileKeysArb.map(() => hostileObject([])),
    ),
  }),
  fc.record({ kind: fc.constant('dropField' as const), pick, field: pick }),
  fc.record({ kind: fc.constant('wrongType' as const), pick, field: pick, value: wrongValueArb }),
  fc.record({
    kind: fc.constant('hugeString' as const),
    pick,
    field: pick,
    length: fc.oneof(
      { weight: 50, arbitrary: fc.constant(20_001) },
      { weight: 1, arbitrary: fc.constant(1_000_000) },
    ),
  }),
  fc.record({ kind: fc.constant('score' as const), pick, value: scoreArb }),
  fc.record({
    kind: fc.constant('unknownDomain' as const),
    pick,
    id: fc
      .oneof(fc.constantFrom('wellbeing', 'Basics', 'core_self', '', '__proto__'), fc.string())
      .filter((id) => !DOMAIN_IDS.some((d) => d === id)),
  }),
  fc.record({
    kind: fc.constant('unknownMove' as const),
    pick,
    id: fc
      .oneof(
        fc.constantFrom('basics-fly', 'coping', 'constructor', 'toString', '__proto__'),
        fc.string(),
      )
      .filter((id) => !isMoveId(id)),
    where: pick,
  }),
  fc.record({ kind: fc.constant('duplicate' as const), pick }),
  fc.record({ kind: fc.constant('dangling' as const), pick, which: pick }),
  fc.record({
    kind: fc.constant('replaceRecord' as const),
    pick,
    value: fc.oneof(
      fc.constantFrom<unknown>(null, 1, 'x', [], true, DEEP),
      fc
        .jsonValue()
        .filter(
          (v) =>
            typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length < 3,
        ),
      hostileKeysArb.map((k) => hostileObject({ id: k })),
    ),
  }),
  fc.record({ kind: fc.constant('closureGoal' as const), pick }),
);

function records(file: Json, array: RecordArray): unknown[] {
  const list = file[array];
  return Array.isArray(list) ? list : [];
}

/** A record of a non-empty array (chosen by `n`), or null when they are all empty. */
function target(file: Json, n: number, arrays: readonly RecordArray[] = RECORD_ARRAYS) {
  const nonEmpty = arrays.filter((a) => records(file, a).length > 0);
  if (nonEmpty.length === 0) return null;
  const array = nonEmpty[n % nonEmpty.length] ?? 'youngPeople';
  const list = records(file, array);
  const index = Math.floor(n / nonEmpty.length) % list.length;
  const record = list[index] as Json;
  return { array, list, index, record };
}

/** Applies a mutation; when it has nothing to act on, the format is broken instead. */
function mutate(file: Json, m: Mutation): void {
  const breakFormat = () => {
    file.format = `${BACKUP_FORMAT}-not`;
  };
  switch (m.kind) {
    case 'format':
    case 'version':
    case 'exportedAt':
      if (m.value === undefined) delete file[m.kind];
      else file[m.kind] = m.value;
      return;
    case 'dropArray':
      delete file[m.array];
      return;
    case 'arrayNotList':
      file[m.array] = m.value;
      return;
    case 'duplicate': {
      const t = target(file, m.pick);
      if (t) t.list.push(t.record);
      else breakFormat();
      return;
    }
    case 'replaceRecord': {
      const t = target(file, m.pick);
      if (t) t.list[t.index] = m.value;
      else breakFormat();
      return;
    }
    case 'dropField':
    case 'wrongType':
    case 'hugeString': {
      const t = target(file, m.pick);
      if (!t) return breakFormat();
      const fields = FIELDS[t.array].filter((f) => m.kind !== 'hugeString' || f !== 'id');
      const field = fields[m.field % fields.length] ?? 'id';
      if (m.kind === 'dropField') delete t.record[field];
      else t.record[field] = m.kind === 'wrongType' ? m.value : 'x'.repeat(m.length);
      return;
    }
    case 'score': {
      const t = target(file, m.pick, ['ratings']);
      if (t) t.record.score = m.value;
      else breakFormat();
      return;
    }
    case 'unknownDomain': {
      const t = target(file, m.pick, ['goals']);
      if (t) t.record.domains = [...(t.record.domains as unknown[]), m.id];
      else breakFormat();
      return;
    }
    case 'unknownMove': {
      const t = target(file, m.pick, ['goals', 'sessions', 'resilienceMaps']);
      if (!t) return breakFormat();
      if (t.array !== 'resilienceMaps') {
        t.record.moves = [...(t.record.moves as unknown[]), m.id];
      } else {
        const field = m.where % 2 === 0 ? 'tiles' : 'examples';
        const map = { ...(t.record[field] as Json) };
        Object.defineProperty(map, m.id, {
          value: field === 'tiles' ? 'try' : 'An example',
          enumerable: true,
          writable: true,
          configurable: true,
        });
        t.record[field] = map;
      }
      return;
    }
    case 'dangling': {
      const t = target(file, m.pick, [
        'goals',
        'sessions',
        'ratings',
        'closures',
        'resilienceMaps',
      ]);
      if (!t) return breakFormat();
      const field =
        t.array !== 'ratings' ? 'youngPersonId' : m.which % 2 === 0 ? 'goalId' : 'sessionId';
      t.record[field] = MISSING;
      return;
    }
    case 'closureGoal': {
      const t = target(file, m.pick, ['closures']);
      if (t) t.record.goalOutcomes = { ...(t.record.goalOutcomes as Json), [MISSING]: 'reached' };
      else breakFormat();
      return;
    }
  }
}

/** Harmless extra keys (__proto__ and friends) added to the envelope or a record. */
const extrasArb = fc.option(fc.record({ key: hostileKeysArb, onRecord: fc.boolean(), pick }), {
  nil: null,
});

function addExtra(
  file: Json,
  extra: { key: string; onRecord: boolean; pick: number } | null,
): void {
  if (!extra) return;
  const t = extra.onRecord ? target(file, extra.pick) : null;
  const host =
    t && typeof t.record === 'object' && t.record !== null && !Array.isArray(t.record)
      ? t.record
      : file;
  Object.defineProperty(host, extra.key, {
    value: { polluted: true, format: BACKUP_FORMAT },
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Mostly modest nesting, sometimes 100,000 levels deep. */
const depthArb = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 1, max: 2_000 }) },
  { weight: 1, arbitrary: fc.constant(100_000) },
);

function deepText(depth: number, open: string, close: string, inner: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** The JSON text of a file, with any DEEP placeholder replaced by a deeply nested value. */
function textOf(file: Json, depth: number): string {
  const text = JSON.stringify(file);
  return text.includes(`"${DEEP}"`)
    ? text.split(`"${DEEP}"`).join(deepText(depth, '{"a":[', ']}', '1'))
    : text;
}

// ---------------------------------------------------------------------------

let runs = 0;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayPrototypeKeys = Object.getOwnPropertyNames(Array.prototype).sort();
let before: unknown;

/** The check every hostile input must pass. */
async function refusedSafely(text: string): Promise<void> {
  runs += 1;
  const result = parseBackupText(text);
  if (result.ok) {
    // The page would restore it: do so, so a wrongly accepted file shows as a changed database.
    await applyRestore(result.backup, 'replace');
    throw new Error(`Accepted a file that should be refused: ${text.slice(0, 300)}`);
  }
  expect(typeof result.message).toBe('string');
  expect(result.message.length).toBeGreaterThan(0);
  expect(result.message.length).toBeLessThan(2_000);
  expect(result.problems.length).toBeLessThanOrEqual(MAX_LISTED_PROBLEMS);
  expect(({} as Json).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayPrototypeKeys);
}

async function snapshot() {
  const db = getDb();
  return { records: await readAllRecords(), settings: await db.settings.toArray() };
}

beforeAll(async () => {
  await getDb().delete();
  await getDb().open();
  const db = getDb();
  const sample = sampleRecords();
  await db.youngPeople.bulkAdd(sample.youngPeople);
  await db.goals.bulkAdd(sample.goals);
  await db.sessions.bulkAdd(sample.sessions);
  await db.ratings.bulkAdd(sample.ratings);
  await db.closures.bulkAdd(sample.closures);
  await db.resilienceMaps.bulkAdd(sample.resilienceMaps);
  await db.settings.put({ key: 'reliableChangeThreshold', value: 3 });
  before = await snapshot();
});

afterAll(async () => {
  // Every file was refused, so the database is exactly as it was.
  expect(await snapshot()).toEqual(before);
  expect(runs).toBeGreaterThanOrEqual(10_000);
});

describe('hostile and malformed backup files are refused, and change nothing', () => {
  it('valid files with one breaking change (and __proto__ keys besides)', async () => {
    await fc.assert(
      fc.asyncProperty(
        backupFileArb,
        mutationArb,
        extrasArb,
        depthArb,
        async (valid, m, extra, depth) => {
          const file = asJson(valid);
          mutate(file, m);
          addExtra(file, extra);
          await refusedSafely(textOf(file, depth));
        },
      ),
      { numRuns: 6_000 },
    );
  }, 600_000);

  it('text that is not JSON, or JSON that is not a backup', async () => {
    const jsonish = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: 'grapheme' }),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? 'undefined'),
      fc
        .dictionary(
          fc.oneof(hostileKeysArb, fc.constantFrom('format', 'version', 'goals')),
          fc.jsonValue(),
        )
        .map((d) => JSON.stringify(d)),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => new TextDecoder('latin1').decode(bytes)),
    );
    await fc.assert(fc.asyncProperty(jsonish, refusedSafely), { numRuns: 3_000 });
  }, 600_000);

  it('cut-off files and deep nesting', async () => {
    const cut = fc
      .tuple(backupFileArb, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))
      .map(([file, at]) => {
        const text = JSON.stringify(file);
        return text.slice(0, Math.floor(text.length * at));
      });
    const deep = fc
      .tuple(
        depthArb,
        fc.constantFrom(
          ['[', ']'],
          ['{"a":', '}'],
          [
            '{"format":"resilience-coaching-backup","version":1,"exportedAt":"2026-01-01T00:00:00Z","youngPeople":[',
            ']}',
          ],
        ),
      )
      .map(([depth, [open = '[', close = ']']]) => {
        const inner = open.startsWith('{"format"') ? deepText(depth, '[', ']', '') : '1';
        return open.startsWith('{"format"')
          ? `${open}${inner}${close}`
          : deepText(depth, open, close, inner);
      });
    await fc.assert(fc.asyncProperty(fc.oneof(cut, deep), refusedSafely), { numRuns: 1_000 });
  }, 600_000);
});
