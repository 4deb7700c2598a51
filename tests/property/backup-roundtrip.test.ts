import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/database';
import { makeBackup } from '../../src/db/repositories/backup/export';
import { readAllRecords } from '../../src/db/repositories/backup/read-records';
import { applyRestore } from '../../src/db/repositories/backup/restore';
import {
  RECORD_ARRAYS,
  type FullBackupRecords,
  type RecordArray,
} from '../../src/domain/backup-format';
import { parseBackupText } from '../../src/domain/backup-parse';
import { databaseArb } from '../unit/support/arbitraries';
import { seedRecords } from '../unit/support/backup-fixtures';

const NOW = new Date(2026, 10, 23, 14, 5, 0);
// Restored after every time the generated records hold (up to 2035): a record dated in the
// future is refused on import (tests/unit/domain/future-dates.test.ts).
const RESTORED_AT = new Date(Date.UTC(2036, 0, 2));
const RUNS = 1_000;

/** Empties every table, settings included: a wiped device. */
async function wipe(): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.tables, () => Promise.all(db.tables.map((t) => t.clear())));
}

/** Each array sorted by id, so the order the database returns them in does not matter. */
function sorted(records: FullBackupRecords) {
  return RECORD_ARRAYS.map((array) =>
    [...records[array]].sort((a: { id: string }, b: { id: string }) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    ),
  );
}

beforeAll(async () => {
  await getDb().delete();
  await getDb().open();
});

describe('backup and restore', () => {
  it(`gives back exactly the same records (${RUNS} generated databases)`, async () => {
    const seen = new Map<RecordArray, number>();
    await fc.assert(
      fc.asyncProperty(databaseArb, async (records) => {
        await wipe();
        await seedRecords(records);
        const { json } = await makeBackup(NOW);
        await wipe();
        const parsed = parseBackupText(json);
        if (!parsed.ok) throw new Error(parsed.message);
        await applyRestore(parsed.backup, 'replace', RESTORED_AT);
        expect(sorted(await readAllRecords())).toEqual(sorted(records));
        for (const array of RECORD_ARRAYS)
          if (records[array].length > 0) seen.set(array, (seen.get(array) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    // The generator must make databases with every kind of record, often.
    for (const array of RECORD_ARRAYS) expect(seen.get(array)).toBeGreaterThan(RUNS * 0.2);
  }, 180_000);
});
