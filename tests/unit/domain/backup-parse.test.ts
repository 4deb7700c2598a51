import { describe, expect, it } from 'vitest';
import { buildBackup } from '../../../src/domain/backup-file';
import type { RecordArray } from '../../../src/domain/backup-format';
import {
  MAX_BACKUP_BYTES,
  MAX_LISTED_PROBLEMS,
  backupTooBigMessage,
  parseBackup,
  parseBackupText,
  type BackupParseResult,
} from '../../../src/domain/backup-parse';
import { asJson, sampleBackup, sampleRecords } from '../support/backup-fixtures';

type Json = Record<string, unknown>;

/** The records of one array of a file, to change. */
function list(file: Json, array: RecordArray): Json[] {
  return file[array] as Json[];
}

function record(file: Json, array: RecordArray, index: number): Json {
  const found = list(file, array)[index];
  if (!found) throw new Error(`No ${array}[${index}] in the sample`);
  return found;
}

/** The sample file, changed, checked from its JSON text. */
function check(edit: (file: Json) => void): BackupParseResult {
  const file = asJson(sampleBackup());
  edit(file);
  return parseBackupText(JSON.stringify(file));
}

function refused(result: BackupParseResult) {
  if (result.ok) throw new Error('Expected the file to be refused');
  expect(result.message.length).toBeGreaterThan(0);
  return result;
}

describe('a valid file', () => {
  it('is read back as the records it holds', () => {
    const text = JSON.stringify(sampleBackup());
    const result = parseBackupText(text);
    expect(result).toEqual({ ok: true, backup: sampleBackup() });
  });

  it('restores as version 1 without closures and resilience maps (none)', () => {
    const file = asJson(sampleBackup());
    delete file.closures;
    delete file.resilienceMaps;
    const result = parseBackup(file);
    expect(result.ok && result.backup.closures).toEqual([]);
    expect(result.ok && result.backup.resilienceMaps).toEqual([]);
    expect(result.ok && result.backup.goals).toHaveLength(3);
  });

  it('ignores fields it does not know, on the envelope and on records', () => {
    const result = check((file) => {
      file.madeBy = 'a later version';
      record(file, 'goals', 0).colour = 'green';
      record(file, 'resilienceMaps', 0).layout = { columns: 5 };
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.backup).not.toHaveProperty('madeBy');
    expect(result.backup.goals[0]).not.toHaveProperty('colour');
    expect(result.backup).toEqual(sampleBackup());
  });

  it('is not fooled by __proto__, constructor and prototype keys', () => {
    const text = JSON.stringify(sampleBackup()).replace(
      '"id":"g1",',
      '"__proto__":{"polluted":true,"status":"stopped"},"constructor":{"prototype":{"polluted":true}},"prototype":1,"id":"g1",',
    );
    const result = parseBackupText(text);
    if (!result.ok) throw new Error(result.message);
    const goal = result.backup.goals[0];
    expect(Object.getPrototypeOf(goal)).toBe(Object.prototype);
    expect(goal).toEqual(sampleBackup().goals[0]);
    expect(({} as Json).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('refuses a __proto__ key among goal outcomes or map tiles rather than lose it', () => {
    const text = JSON.stringify(sampleBackup())
      .replace('"goalOutcomes":{', '"goalOutcomes":{"__proto__":"reached",')
      .replace('"tiles":{', '"tiles":{"__proto__":"try",');
    const result = refused(parseBackupText(text));
    expect(result.problems).toEqual([
      expect.objectContaining({ array: 'closures', id: 'c1', field: 'goalOutcomes.__proto__' }),
      expect.objectContaining({ array: 'resilienceMaps', id: 'm1', field: 'tiles.__proto__' }),
    ]);
  });

  it('accepts a byte order mark before the JSON', () => {
    expect(parseBackupText(`\uFEFF${JSON.stringify(sampleBackup())}`).ok).toBe(true);
  });

  it('is what buildBackup writes, closures and maps included', () => {
    const file = buildBackup(sampleRecords(), new Date('2026-11-23T14:05:00.000Z'));
    expect(Object.keys(file)).toEqual([
      'format',
      'version',
      'exportedAt',
      'youngPeople',
      'goals',
      'sessions',
      'ratings',
      'closures',
      'resilienceMaps',
      'deletions',
    ]);
    expect(parseBackupText(JSON.stringify(file))).toEqual({ ok: true, backup: file });
  });
});

describe('the file as a whole', () => {
  it.each(['', 'hello', '{"format":', '{format: "resilience-coaching-backup"}', 'NaN', '\u0000'])(
    'refuses text that is not JSON: %j',
    (text) => {
      const result = refused(parseBackupText(text));
      expect(result.reason).toBe('not-json');
      expect(result.message).toBe('This file is not a backup: it is not JSON.');
      expect(result.problems).toEqual([]);
    },
  );

  it.each(['[]', '42', 'null', '"resilience-coaching-backup"', 'true'])(
    'refuses JSON that is not a backup object: %s',
    (text) => {
      const result = refused(parseBackupText(text));
      expect(result.reason).toBe('not-backup');
      expect(result.message).toMatch(/^This is not a Resilience coaching backup file/);
    },
  );

  it('refuses another format, naming it', () => {
    const result = refused(check((file) => (file.format = 'x')));
    expect(result.reason).toBe('not-backup');
    expect(result.message).toBe('This is not a Resilience coaching backup file (format "x").');
    const none = refused(check((file) => delete file.format));
    expect(none.message).toMatch(/does not say what format/);
  });

  it('refuses a format inherited through __proto__', () => {
    const text = JSON.stringify(sampleBackup()).replace(
      '"format":"resilience-coaching-backup",',
      '"__proto__":{"format":"resilience-coaching-backup"},',
    );
    expect(refused(parseBackupText(text)).reason).toBe('not-backup');
  });

  it('asks for the passphrase of a protected file', () => {
    const result = refused(
      parseBackupText('{"format":"resilience-coaching-backup-encrypted","version":1}'),
    );
    expect(result.reason).toBe('encrypted');
    expect(result.message).toMatch(/protected with a passphrase/);
  });

  it('refuses a newer version, naming both versions', () => {
    const result = refused(check((file) => (file.version = 3)));
    expect(result.reason).toBe('newer-version');
    expect(result.message).toBe(
      'This file was made by a newer version of the app (backup version 3). This app reads versions 1 to 2.',
    );
  });

  it.each([
    ['missing', undefined],
    ['text', '1'],
    ['a fraction', 1.5],
    ['zero', 0],
    ['null', null],
  ])('refuses a version that is %s', (_, version) => {
    const result = refused(check((file) => (file.version = version)));
    expect(result.reason).toBe('bad-envelope');
    expect(result.message).toMatch(/no valid version number/);
  });

  it('refuses a file that does not say when it was made', () => {
    expect(refused(check((file) => delete file.exportedAt)).message).toMatch(/exportedAt/);
    expect(refused(check((file) => (file.exportedAt = 'yesterday'))).message).toMatch(/exportedAt/);
  });

  it.each(['youngPeople', 'goals', 'sessions', 'ratings'] as const)(
    'refuses a file without its %s list, naming it',
    (array) => {
      const result = refused(check((file) => delete file[array]));
      expect(result.message).toBe(`This backup file is incomplete: it has no ${array} list.`);
    },
  );

  it.each(['goals', 'closures', 'resilienceMaps'] as const)(
    'refuses a %s field that is not a list',
    (array) => {
      const result = refused(check((file) => (file[array] = { 0: 'x' })));
      expect(result.message).toBe(`This backup file is damaged: its ${array} field is not a list.`);
    },
  );

  it('refuses a file over 100 MB, saying how big it is', () => {
    expect(MAX_BACKUP_BYTES).toBe(100 * 1024 * 1024);
    expect(backupTooBigMessage(150 * 1024 * 1024)).toBe(
      'This file is too big to be a backup: it is 150 MB, and a backup can be at most 100 MB.',
    );
    const result = refused(parseBackupText(' '.repeat(MAX_BACKUP_BYTES + 1)));
    expect(result.reason).toBe('too-big');
    expect(result.message).toMatch(/too big to be a backup: it is 100 MB/);
  });

  it('refuses deep nesting without throwing', () => {
    const depth = 200_000;
    const arrays = refused(parseBackupText('['.repeat(depth) + ']'.repeat(depth)));
    expect(arrays.message).toMatch(/not a Resilience coaching backup file|nested/);
    const deep = `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
    const text = JSON.stringify(sampleBackup())
      .replace('"notes":"Walked by the sea."', `"notes":${deep}`)
      .replace('"id":"g1",', `"extra":${deep},"id":"g1",`);
    const inRecord = parseBackupText(text);
    expect(refused(inRecord).problems).toEqual([
      expect.objectContaining({ array: 'sessions', index: 0, id: 's1', field: 'notes' }),
    ]);
  });

  it('never throws, even on values that throw when read', () => {
    const hostile = {
      get format(): string {
        throw new Error('boom');
      },
    };
    expect(refused(parseBackup(hostile)).reason).toBe('unreadable');
    expect(refused(parseBackup(undefined)).reason).toBe('not-backup');
    expect(refused(parseBackupText(undefined as unknown as string)).reason).toBe('not-json');
  });
});

describe('the records', () => {
  it('names the array, index, id and field of a missing field', () => {
    const result = refused(check((file) => delete record(file, 'goals', 1).text));
    expect(result.reason).toBe('bad-records');
    expect(result.problems).toEqual([
      { array: 'goals', index: 1, id: 'g2', field: 'text', message: 'This field is missing.' },
    ]);
    expect(result.message).toBe(
      'This backup cannot be restored: 1 problem found in its records. The first: goals[1] (id g2), field text: This field is missing.',
    );
  });

  it('names a field of the wrong type', () => {
    const result = refused(check((file) => (record(file, 'sessions', 1).durationMinutes = '45')));
    expect(result.problems).toEqual([
      expect.objectContaining({ array: 'sessions', index: 1, id: 's2', field: 'durationMinutes' }),
    ]);
    expect(result.message).toContain('sessions[1] (id s2), field durationMinutes');
  });

  it('names a record that is not an object, and one without an id', () => {
    const result = refused(
      check((file) => {
        (file.ratings as unknown[])[2] = 'r3';
        delete record(file, 'youngPeople', 0).id;
      }),
    );
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ array: 'ratings', index: 2, id: null, field: '(record)' }),
        expect.objectContaining({ array: 'youngPeople', index: 0, id: null, field: 'id' }),
      ]),
    );
  });

  it('names references to records that are not in the file', () => {
    const result = refused(
      check((file) => {
        record(file, 'goals', 0).youngPersonId = 'nobody';
        record(file, 'ratings', 1).sessionId = 'gone';
        record(file, 'ratings', 3).goalId = 'lost';
        record(file, 'closures', 0).youngPersonId = 'nobody';
        record(file, 'resilienceMaps', 0).youngPersonId = 'nobody';
      }),
    );
    const where = result.problems.map((p) => `${p.array}[${p.index}].${p.field}`);
    expect(where.sort()).toEqual([
      'closures[0].goalOutcomes.g3',
      'closures[0].youngPersonId',
      'goals[0].youngPersonId',
      'ratings[1].sessionId',
      'ratings[3].goalId',
      'resilienceMaps[0].youngPersonId',
    ]);
    expect(result.problems).toContainEqual({
      array: 'ratings',
      index: 1,
      id: 'r2',
      field: 'sessionId',
      message: 'Names a record that is not in the file: gone.',
    });
  });

  it('names a closure outcome for a goal that is missing or of another young person', () => {
    const result = refused(
      check((file) => {
        record(file, 'closures', 0).goalOutcomes = {
          g1: 'reached',
          ghost: 'partly',
          g3: 'stopped',
        };
      }),
    );
    expect(result.problems).toEqual([
      expect.objectContaining({
        array: 'closures',
        id: 'c1',
        field: 'goalOutcomes.g1',
        message: 'Names a goal of another young person: g1.',
      }),
      expect.objectContaining({
        field: 'goalOutcomes.ghost',
        message: 'Names a goal that is not in the file: ghost.',
      }),
    ]);
  });

  it.each(['youngPeople', 'goals', 'sessions', 'ratings', 'closures', 'resilienceMaps'] as const)(
    'names an id used twice in %s',
    (array) => {
      const result = refused(check((file) => list(file, array).push(record(file, array, 0))));
      const index = list(asJson(sampleBackup()), array).length;
      expect(result.problems).toEqual([
        expect.objectContaining({ array, index, field: 'id', message: 'This id is used twice.' }),
      ]);
    },
  );

  it.each([11, -1, 2.5, '5', null])('refuses a score of %j', (score) => {
    const result = refused(check((file) => (record(file, 'ratings', 0).score = score)));
    expect(result.problems).toEqual([
      expect.objectContaining({ array: 'ratings', index: 0, id: 'r1', field: 'score' }),
    ]);
    expect(result.problems[0]?.message).toMatch(/0 to 10/);
  });

  it('refuses unknown domains and moves wherever they appear', () => {
    const result = refused(
      check((file) => {
        record(file, 'goals', 0).domains = ['basics', 'wellbeing'];
        record(file, 'goals', 1).moves = ['belonging-fly'];
        record(file, 'sessions', 0).moves = ['coping-calm-down', 'coping-sleep'];
        record(file, 'resilienceMaps', 0).tiles = { 'basics-jump': 'try' };
        record(file, 'resilienceMaps', 0).examples = { 'basics-jump': 'High' };
      }),
    );
    expect(result.problems).toEqual([
      expect.objectContaining({
        array: 'goals',
        index: 0,
        field: 'domains.1',
        message: 'Unknown domain.',
      }),
      expect.objectContaining({
        array: 'goals',
        index: 1,
        field: 'moves.0',
        message: 'Unknown resilient move.',
      }),
      expect.objectContaining({
        array: 'sessions',
        index: 0,
        field: 'moves.1',
        message: 'Unknown resilient move.',
      }),
      expect.objectContaining({
        array: 'resilienceMaps',
        field: 'tiles.basics-jump',
        message: 'Unknown resilient move.',
      }),
      expect.objectContaining({
        array: 'resilienceMaps',
        field: 'examples.basics-jump',
        message: 'Unknown resilient move.',
      }),
    ]);
  });

  it('lists at most 200 problems and counts the rest', () => {
    const result = refused(
      check((file) => {
        for (let i = 0; i < 500; i += 1) {
          list(file, 'ratings').push({ ...record(file, 'ratings', 0), id: `x${i}`, score: 11 });
        }
      }),
    );
    expect(result.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(result.moreProblems).toBe(300);
    expect(result.message).toMatch(/^This backup cannot be restored: 500 problems found/);
  });

  it('cuts very long ids and field names short in its report', () => {
    const long = 'k'.repeat(1_000_000);
    const result = refused(
      check((file) => {
        record(file, 'resilienceMaps', 0).tiles = { [long]: 'try' };
        record(file, 'ratings', 0).goalId = long;
      }),
    );
    expect(result.message.length).toBeLessThan(1_000);
    for (const p of result.problems) {
      expect(p.field.length + p.message.length).toBeLessThan(400);
    }
  });
});
