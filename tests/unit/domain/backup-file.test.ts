import { describe, expect, it } from 'vitest';
import { backupProblems } from '../../../src/domain/backup-checks';
import { BackupError, backupForYoungPerson, buildBackup } from '../../../src/domain/backup-file';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupRecords,
} from '../../../src/domain/backup-format';
import type { Goal, Rating, Session, YoungPerson } from '../../../src/domain/schemas';
import { closure, resilienceMap } from '../support/backup-fixtures';

const STAMP = '2026-01-05T12:00:00.000Z';

const person: YoungPerson = {
  id: 'yp1',
  name: 'KB',
  dateOfBirth: null,
  school: null,
  programme: 'Walk and Talk',
  referralDate: '2026-01-02',
  status: 'open',
  closedOn: null,
  closureReason: null,
  createdAt: STAMP,
  updatedAt: STAMP,
};

const goal: Goal = {
  id: 'g1',
  youngPersonId: 'yp1',
  text: 'Sleep better',
  domains: ['basics'],
  moves: ['basics-sleep'],
  setBy: 'young-person',
  status: 'active',
  createdAt: STAMP,
  updatedAt: STAMP,
};

function session(id: string, date: string): Session {
  return {
    id,
    youngPersonId: 'yp1',
    date,
    durationMinutes: 45,
    location: 'outdoors',
    moves: [],
    nobleTruths: ['accepting'],
    notes: 'Walked by the sea.',
    createdAt: `${date}T12:00:00.000Z`,
    updatedAt: `${date}T12:00:00.000Z`,
  };
}

function rating(id: string, day: string, sessionId: string | null = null): Rating {
  return {
    id,
    goalId: 'g1',
    sessionId,
    score: 4,
    ratedAt: `${day}T12:00:00.000Z`,
    ratedBy: 'young-person',
    updatedAt: `${day}T12:00:00.000Z`,
  };
}

const records: BackupRecords = {
  youngPeople: [person],
  goals: [goal],
  sessions: [session('s1', '2026-01-10')],
  ratings: [rating('r1', '2026-01-05'), rating('r2', '2026-01-10', 's1')],
};

const exportedAt = new Date('2026-11-23T14:05:00.000Z');

describe('buildBackup', () => {
  it('wraps the records in the version 2 envelope, with the deletions', () => {
    const file = buildBackup(records, exportedAt);
    expect(file).toEqual({
      format: 'resilience-coaching-backup',
      version: 2,
      exportedAt: '2026-11-23T14:05:00.000Z',
      ...records,
      deletions: [],
    });
    expect(BACKUP_FORMAT).toBe('resilience-coaching-backup');
    expect(BACKUP_VERSION).toBe(2);
    const deletion = { table: 'sessions' as const, id: 's0', deletedAt: '2026-11-20T10:00:00Z' };
    expect(buildBackup(records, exportedAt, [deletion]).deletions).toEqual([deletion]);
  });

  it('refuses a deletion that is not one, naming it', () => {
    const bad = { table: 'notes', id: 's0', deletedAt: 'yesterday' };
    expect(() => buildBackup(records, exportedAt, [bad as never])).toThrow(BackupError);
  });

  it('keeps the envelope fields first when written as JSON', () => {
    const json = JSON.stringify(buildBackup(records, exportedAt));
    expect(Object.keys(JSON.parse(json) as object)).toEqual([
      'format',
      'version',
      'exportedAt',
      'youngPeople',
      'goals',
      'sessions',
      'ratings',
      'deletions',
    ]);
  });

  it('drops fields the format does not name', () => {
    const withExtra = { ...person, favouriteColour: 'green' };
    const file = buildBackup({ ...records, youngPeople: [withExtra] }, exportedAt);
    expect(file.youngPeople[0]).toEqual(person);
    expect(file.youngPeople[0]).not.toHaveProperty('favouriteColour');
  });

  it('writes an empty backup', () => {
    const empty = { youngPeople: [], goals: [], sessions: [], ratings: [] };
    expect(buildBackup(empty, exportedAt)).toMatchObject(empty);
  });

  it('refuses a record that fails its schema, naming array, index, id and field', () => {
    const bad = {
      ...records,
      ratings: [rating('r1', '2026-01-05'), { ...rating('r2', '2026-01-10'), score: 11 }],
    };
    expect(() => buildBackup(bad, exportedAt)).toThrow(BackupError);
    expect(backupProblems(bad)).toEqual([
      expect.objectContaining({ array: 'ratings', index: 1, id: 'r2', field: 'score' }),
    ]);
  });

  it('refuses references that do not resolve and ids used twice', () => {
    const bad: BackupRecords = {
      youngPeople: [person],
      goals: [goal, { ...goal, youngPersonId: 'nobody' }],
      sessions: [],
      ratings: [
        { ...rating('r1', '2026-01-05'), goalId: 'missing' },
        rating('r2', '2026-01-10', 'gone'),
      ],
    };
    const problems = backupProblems(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ array: 'goals', index: 1, id: 'g1', field: 'id' }),
        expect.objectContaining({ array: 'goals', index: 1, field: 'youngPersonId' }),
        expect.objectContaining({ array: 'ratings', index: 0, field: 'goalId' }),
        expect.objectContaining({ array: 'ratings', index: 1, field: 'sessionId' }),
      ]),
    );
    expect(problems).toHaveLength(4);
    try {
      buildBackup(bad, exportedAt);
      expect.unreachable('buildBackup should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(BackupError);
      expect((error as BackupError).problems).toHaveLength(4);
      expect((error as BackupError).message).toContain('4 problems');
    }
  });
});

describe('backupForYoungPerson', () => {
  it("holds one young person's records, sessions and ratings oldest first", () => {
    const later = session('s2', '2026-02-01');
    const file = backupForYoungPerson(
      {
        youngPerson: person,
        goals: [{ goal, ratings: [rating('r2', '2026-01-10', 's1'), rating('r1', '2026-01-05')] }],
        sessions: [later, session('s1', '2026-01-10')],
        closures: [],
        resilienceMaps: [],
      },
      exportedAt,
    );
    expect(file.format).toBe(BACKUP_FORMAT);
    expect(file.youngPeople).toEqual([person]);
    expect(file.goals).toEqual([goal]);
    expect(file.sessions.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(file.ratings.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(file.sessions[0]?.notes).toBe('Walked by the sea.');
    expect(file.closures).toEqual([]);
    expect(file.resilienceMaps).toEqual([]);
  });

  it('holds their closures and resilience maps, oldest first', () => {
    const first = closure(
      'c1',
      'yp1',
      { g1: 'not-yet' },
      {
        closedOn: '2026-02-01',
        reopenedOn: '2026-02-10',
        reopenReason: 'Asked to come back',
      },
    );
    const second = closure('c2', 'yp1', { g1: 'reached' }, { closedOn: '2026-03-01' });
    const maps = [
      resilienceMap('m2', 'yp1', { savedAt: '2026-02-01T12:00:00.000Z' }),
      resilienceMap('m1', 'yp1'),
    ];
    const file = backupForYoungPerson(
      {
        youngPerson: { ...person, status: 'closed', closedOn: '2026-03-01' },
        goals: [{ goal, ratings: records.ratings }],
        sessions: records.sessions,
        closures: [second, first],
        resilienceMaps: maps,
      },
      exportedAt,
    );
    expect(file.closures).toEqual([first, second]);
    expect(file.resilienceMaps?.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(backupProblems(file)).toEqual([]);
  });

  it('passes the validation of a restore: every reference resolves', () => {
    const file = backupForYoungPerson(
      {
        youngPerson: person,
        goals: [{ goal, ratings: records.ratings }],
        sessions: records.sessions,
        closures: [closure('c1', 'yp1', { g1: 'reached' })],
        resilienceMaps: [resilienceMap('m1', 'yp1')],
      },
      exportedAt,
    );
    expect(backupProblems(file)).toEqual([]);
  });
});
