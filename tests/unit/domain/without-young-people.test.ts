import { describe, expect, it } from 'vitest';
import { RECORD_ARRAYS } from '../../../src/domain/backup-format';
import { erasedInFile, withoutYoungPeople } from '../../../src/domain/without-young-people';
import { rating, sampleRecords } from '../support/backup-fixtures';

const ids = (list: readonly { id: string }[]) => list.map((record) => record.id);

describe('withoutYoungPeople', () => {
  it('takes out their own record and everything of theirs, and counts it', () => {
    const { kept, removed } = withoutYoungPeople(sampleRecords(), new Set(['yp2']));
    expect(removed).toBe(5);
    expect(ids(kept.youngPeople)).toEqual(['yp1']);
    expect(ids(kept.goals)).toEqual(['g1', 'g2']);
    expect(ids(kept.sessions)).toEqual(['s1']);
    expect(ids(kept.ratings)).toEqual(['r1', 'r2', 'r3']);
    expect(kept.closures).toEqual([]);
    expect(ids(kept.resilienceMaps)).toEqual(['m1']);
  });

  it("takes out a rating of their session even when its goal is someone else's", () => {
    const records = sampleRecords();
    records.ratings.push(rating('r5', 'g1', 's2'));
    expect(ids(withoutYoungPeople(records, new Set(['yp2'])).kept.ratings)).not.toContain('r5');
  });

  it('leaves records that may be anything alone unless they name them', () => {
    const loose = Object.fromEntries(RECORD_ARRAYS.map((array) => [array, [null, 7, 'x']]));
    const records = { ...sampleRecords(), ...loose } as Record<
      (typeof RECORD_ARRAYS)[number],
      unknown[]
    >;
    const { kept, removed } = withoutYoungPeople(records, new Set(['yp1']));
    expect(removed).toBe(0);
    expect(kept.goals).toEqual([null, 7, 'x']);
  });
});

describe('erasedInFile', () => {
  it("names the file's young people erased here and not on the device now", () => {
    const file = sampleRecords();
    const device = { ...sampleRecords(), youngPeople: [file.youngPeople[0]!] };
    expect(erasedInFile(file, device, new Set(['yp1', 'yp2', 'other']))).toEqual(new Set(['yp2']));
    expect(erasedInFile(file, device, new Set())).toEqual(new Set());
  });
});
