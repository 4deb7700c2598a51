import { buildDemoRecords } from '../../domain/demo-data';
import {
  closureSchema,
  goalSchema,
  ratingSchema,
  sessionSchema,
  youngPersonSchema,
} from '../../domain/schemas';
import { parseOrThrow } from '../../domain/validation';
import { newId } from '../../lib/ids';
import { getDb } from '../database';
import { getDemoIds } from './demo-ids';
import { deleteYoungPersonWithRecords, erasureTables } from './young-people';
import { DEMO_IDS_KEY } from '../settings-keys';

export { DEMO_IDS_KEY, getDemoIds };

/** Adds the fictional demo caseload, validated, in one transaction. */
export async function loadDemoData(now: Date = new Date()): Promise<number> {
  const records = buildDemoRecords(now, newId);
  const youngPeople = records.youngPeople.map((r) => parseOrThrow(youngPersonSchema, r));
  const goals = records.goals.map((r) => parseOrThrow(goalSchema, r));
  const sessions = records.sessions.map((r) => parseOrThrow(sessionSchema, r));
  const ratings = records.ratings.map((r) => parseOrThrow(ratingSchema, r));
  const closures = records.closures.map((r) => parseOrThrow(closureSchema, r));
  const db = getDb();
  await db.transaction(
    'rw',
    [db.youngPeople, db.goals, db.sessions, db.ratings, db.closures, db.settings],
    async () => {
      const existing = (await db.settings.get(DEMO_IDS_KEY))?.value;
      const ids = Array.isArray(existing) ? existing.filter((x) => typeof x === 'string') : [];
      await db.youngPeople.bulkAdd(youngPeople);
      await db.goals.bulkAdd(goals);
      await db.sessions.bulkAdd(sessions);
      await db.ratings.bulkAdd(ratings);
      await db.closures.bulkAdd(closures);
      await db.settings.put({
        key: DEMO_IDS_KEY,
        value: [...ids, ...youngPeople.map((y) => y.id)],
      });
    },
  );
  return youngPeople.length;
}

/** Removes every demo young person with all their records; real records are untouched. */
export async function removeDemoData(): Promise<void> {
  const db = getDb();
  await db.transaction('rw', erasureTables(db), async () => {
    const ids = await getDemoIds();
    for (const id of ids) await deleteYoungPersonWithRecords(id);
    await db.settings.delete(DEMO_IDS_KEY);
  });
}
