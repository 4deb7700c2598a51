import { describe, expect, it } from 'vitest';
import { ProblemList } from '../../../src/domain/backup-checks';
import type { FullBackupRecords } from '../../../src/domain/backup-format';
import { CLOCK_SKEW_MS, checkFutureDates } from '../../../src/domain/future-dates';
import { incomingDeletions, latestDeletions, stampOf } from '../../../src/domain/merge-deletions';
import { keepWhole } from '../../../src/domain/merge-rules';
import { closure, goal, rating, session, youngPerson } from '../support/backup-fixtures';

const none = (): FullBackupRecords => ({
  youngPeople: [],
  goals: [],
  sessions: [],
  ratings: [],
  closures: [],
  resilienceMaps: [],
});

const NOW = new Date('2026-11-23T14:00:00.000Z');

function futureProblems(records: Partial<FullBackupRecords>) {
  const problems = new ProblemList(100);
  checkFutureDates({ ...none(), ...records }, [], NOW, problems);
  return problems.listed.map((p) => `${p.array}[${p.index}].${p.field}`);
}

describe('checkFutureDates', () => {
  it('allows instants up to 5 minutes ahead of the clock, and no more', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    expect(
      futureProblems({ youngPeople: [youngPerson('a', { updatedAt: at(CLOCK_SKEW_MS) })] }),
    ).toEqual([]);
    expect(
      futureProblems({ youngPeople: [youngPerson('a', { updatedAt: at(CLOCK_SKEW_MS + 1) })] }),
    ).toEqual(['youngPeople[0].updatedAt']);
    // Offsets are read as instants: 15:04+01:00 is 14:04Z, within the allowance.
    expect(
      futureProblems({ goals: [goal('g', 'a', { createdAt: '2026-11-23T15:04:00+01:00' })] }),
    ).toEqual([]);
  });

  it('allows a calendar date that is today somewhere in the world, not one after that', () => {
    // 14:00 UTC on the 23rd is already the 24th in UTC+14, not yet the 25th anywhere.
    expect(futureProblems({ sessions: [session('s', 'a', { date: '2026-11-24' })] })).toEqual([]);
    expect(futureProblems({ sessions: [session('s', 'a', { date: '2026-11-25' })] })).toEqual([
      'sessions[0].date',
    ]);
    expect(
      futureProblems({
        closures: [closure('c', 'a', {}, { reopenedOn: '2027-01-01' })],
        youngPeople: [youngPerson('a', { dateOfBirth: '2030-01-01' })],
      }),
    ).toEqual(['youngPeople[0].dateOfBirth', 'closures[0].reopenedOn']);
  });
});

describe('stampOf and latestDeletions', () => {
  it('reads updatedAt, else ratedAt or savedAt, as an instant', () => {
    expect(stampOf({ updatedAt: '2026-01-01T01:00:00+01:00' })).toBe(
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(stampOf({ ratedAt: '2026-01-01T00:00:00Z' })).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(stampOf({})).toBe(Number.NEGATIVE_INFINITY);
  });

  it('keeps the latest deletion of each record', () => {
    const older = { table: 'sessions' as const, id: 's1', deletedAt: '2026-01-01T00:00:00Z' };
    const newer = { ...older, deletedAt: '2026-02-01T00:00:00Z' };
    const other = { ...older, table: 'ratings' as const };
    expect(latestDeletions([older, other], [newer])).toEqual([newer, other]);
  });
});

describe('incomingDeletions', () => {
  const device: FullBackupRecords = {
    ...none(),
    youngPeople: [youngPerson('yp1')],
    goals: [goal('g1', 'yp1'), goal('g2', 'yp1')],
    sessions: [session('s1', 'yp1')],
    ratings: [rating('r1', 'g1', 's1'), rating('r2', 'g2', null)],
    closures: [closure('c1', 'yp1', { g2: 'reached' })],
  };
  const LATER = '2026-06-01T00:00:00.000Z';

  it('deletes a session with its ratings, noting a deletion for each rating', () => {
    const result = incomingDeletions(
      [{ table: 'sessions', id: 's1', deletedAt: LATER }],
      none(),
      device,
    );
    expect([...result.remove.sessions]).toEqual(['s1']);
    expect([...result.remove.ratings]).toEqual(['r1']);
    expect(result.cascaded).toEqual([{ table: 'ratings', id: 'r1', deletedAt: LATER }]);
  });

  it('keeps a goal a closure names, and anything changed since the deletion', () => {
    const result = incomingDeletions(
      [
        { table: 'goals', id: 'g2', deletedAt: LATER },
        { table: 'sessions', id: 's1', deletedAt: '2026-01-10T11:00:00.000Z' },
      ],
      none(),
      device,
    );
    expect(result.remove.goals.size + result.remove.sessions.size).toBe(0);
    expect(result.keptChangedHere).toMatchObject({ goals: 1, sessions: 1 });
  });

  it('does nothing when the file holds a version as new as its own deletion', () => {
    const file = { ...none(), sessions: [session('s1', 'yp1', { updatedAt: LATER })] };
    const result = incomingDeletions(
      [{ table: 'sessions', id: 's1', deletedAt: LATER }],
      file,
      device,
    );
    expect(result.remove.sessions.size).toBe(0);
  });
});

describe('keepWhole', () => {
  it('leaves out records whose young person, goal or session will not be there', () => {
    const toWrite: FullBackupRecords = {
      ...none(),
      goals: [goal('g9', 'gone')],
      ratings: [rating('r9', 'g9', null), rating('r8', 'g1', 's-gone')],
    };
    const device = { ...none(), youngPeople: [youngPerson('yp1')], goals: [goal('g1', 'yp1')] };
    const nothing = {
      youngPeople: new Set<string>(),
      goals: new Set<string>(),
      sessions: new Set<string>(),
      ratings: new Set<string>(),
      closures: new Set<string>(),
      resilienceMaps: new Set<string>(),
    };
    const { kept, leftOut } = keepWhole(toWrite, device, nothing);
    expect(kept).toEqual(none());
    expect(leftOut).toEqual([
      { array: 'goals', id: 'g9' },
      { array: 'ratings', id: 'r9' },
      { array: 'ratings', id: 'r8' },
    ]);
  });
});
