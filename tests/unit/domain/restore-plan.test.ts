import { describe, expect, it } from 'vitest';
import type { FullBackupRecords } from '../../../src/domain/backup-format';
import { compareRecords, planWithErased, resultCounts } from '../../../src/domain/restore-plan';
import { SLICE } from '../../../src/domain/slices';
import { goal, sampleRecords, youngPerson } from '../support/backup-fixtures';

const none = (): FullBackupRecords => ({
  youngPeople: [],
  goals: [],
  sessions: [],
  ratings: [],
  closures: [],
  resilienceMaps: [],
});

/** A pace that only counts how often it was awaited. */
function countingPace() {
  const pace = Object.assign(
    () => {
      pace.calls += 1;
      return Promise.resolve();
    },
    { calls: 0 },
  );
  return pace;
}

describe('compareRecords', () => {
  it('counts every record as new against an empty device, and a merge writes them all', async () => {
    const { plan, toMerge } = await compareRecords(sampleRecords(), none(), countingPace());
    expect(plan.total).toMatchObject({ inFile: 13, new: 13, changed: 0, removedByReplace: 0 });
    expect(plan.onDevice).toBe(0);
    expect(toMerge).toEqual(sampleRecords());
  });

  it('sees key order as no change', async () => {
    const file = sampleRecords();
    const { id, ...rest } = file.youngPeople[0]!;
    file.youngPeople[0] = { ...rest, id };
    const { plan } = await compareRecords(file, sampleRecords(), countingPace());
    expect(plan.total).toMatchObject({ unchanged: 13, changed: 0 });
  });

  it('takes the newer version in a merge, and keeps the device one on a tie', async () => {
    const device = {
      ...none(),
      youngPeople: [youngPerson('yp1')],
      goals: [goal('g1', 'yp1'), goal('g2', 'yp1')],
    };
    const file = {
      ...none(),
      goals: [
        goal('g1', 'yp1', { status: 'achieved', updatedAt: '2026-02-01T12:00:00.000Z' }),
        goal('g2', 'yp1', { status: 'stopped' }),
      ],
    };
    const { plan, toMerge } = await compareRecords(file, device, countingPace());
    expect(plan.arrays.goals).toMatchObject({ changed: 2, fileNewer: 1, deviceNewer: 1 });
    expect(toMerge.goals.map((g) => [g.id, g.status])).toEqual([['g1', 'achieved']]);
  });

  it('counts what a replace would remove', async () => {
    const device = sampleRecords();
    const { plan } = await compareRecords(none(), device, countingPace());
    expect(plan.removedByReplace).toBe(13);
    expect(plan.onDevice).toBe(13);
  });

  it('awaits the pace once every slice of records', async () => {
    const many = Array.from({ length: 2 * SLICE + 1 }, (_, i) => youngPerson(`yp${i}`));
    const pace = countingPace();
    await compareRecords({ ...none(), youngPeople: many }, none(), pace);
    // Three slices compared, then a turn after each of the merge's two longer steps.
    expect(pace.calls).toBe(3 + 2);
  });
});

describe('planWithErased', () => {
  it("says how many of the file's young people were erased, and what a merge leaves out", async () => {
    const plan = await planWithErased(sampleRecords(), none(), new Set(['yp2']), countingPace());
    // yp2's own record, goal g3, session s2, rating r4 and closure c1.
    expect(plan.erased).toMatchObject({ youngPeople: 1, records: 5 });
    expect(plan.erased.mergeTotal).toMatchObject({ inFile: 8, new: 8 });
    expect(plan.total).toMatchObject({ inFile: 13, new: 13 });
  });

  it('ignores erased ids of young people who are on the device again', async () => {
    const device = sampleRecords();
    const plan = await planWithErased(sampleRecords(), device, new Set(['yp2']), countingPace());
    expect(plan.erased).toMatchObject({ youngPeople: 0, records: 0 });
  });
});

describe('resultCounts', () => {
  const counts = {
    inFile: 10,
    new: 3,
    changed: 4,
    unchanged: 3,
    fileNewer: 1,
    deviceNewer: 3,
    removedByReplace: 2,
    deletedHere: 0,
    refusedNew: 0,
    refusedNewer: 0,
    deletedByFile: 0,
    keptChangedHere: 0,
  };

  it('writes the whole file and removes the rest in a replace', () => {
    expect(resultCounts('replace', counts)).toEqual({
      written: 10,
      added: 3,
      updated: 4,
      unchanged: 3,
      keptFromDevice: 0,
      removed: 2,
      notBroughtBack: 0,
      refused: 0,
      keptChangedHere: 0,
    });
  });

  it('writes only what is new or newer in a merge', () => {
    expect(resultCounts('merge', counts)).toEqual({
      written: 4,
      added: 3,
      updated: 1,
      unchanged: 3,
      keptFromDevice: 3,
      removed: 0,
      notBroughtBack: 0,
      refused: 0,
      keptChangedHere: 0,
    });
  });

  it('leaves out of a merge what was deleted here or refused, and counts what it deletes', () => {
    const merged = resultCounts('merge', {
      ...counts,
      new: 5,
      deletedHere: 1,
      refusedNew: 1,
      fileNewer: 2,
      refusedNewer: 1,
      deletedByFile: 2,
      keptChangedHere: 1,
    });
    expect(merged).toEqual({
      written: 4,
      added: 3,
      updated: 1,
      unchanged: 3,
      keptFromDevice: 4,
      removed: 2,
      notBroughtBack: 1,
      refused: 2,
      keptChangedHere: 1,
    });
  });
});
