import { getDb } from '../../src/db/database';
import { compareCaseloadPeople, type CaseloadRow } from '../../src/db/caseload-queries';

/**
 * The whole caseload in one read, the way the app read it before the caseload paged its rows
 * (see src/db/caseload-queries.ts): a reference the tests compare the paged reads with.
 */
/**
 * Every young person with counts for the caseload, open cases first, then by name.
 * Counts come from index keys, so goal and session records are not read.
 */
export async function getCaseload(): Promise<CaseloadRow[]> {
  const db = getDb();
  return db.transaction('r', [db.youngPeople, db.goals, db.sessions], async () => {
    const [people, goalOwners, activeGoals, sessionKeys] = await Promise.all([
      db.youngPeople.toArray(),
      db.goals.orderBy('youngPersonId').keys(),
      db.goals.where('status').equals('active').toArray(),
      db.sessions.orderBy('[youngPersonId+date]').keys(),
    ]);
    const goalCounts = countBy(goalOwners.map(String));
    const activeCounts = countBy(activeGoals.map((g) => g.youngPersonId));
    const sessionCounts = new Map<string, number>();
    const lastDates = new Map<string, string>();
    for (const key of sessionKeys) {
      const [ypId, date] = key as unknown as [string, string];
      sessionCounts.set(ypId, (sessionCounts.get(ypId) ?? 0) + 1);
      // Keys arrive sorted by date within each young person, so the last one wins.
      lastDates.set(ypId, date);
    }
    return people
      .map((youngPerson) => ({
        youngPerson,
        goalCount: goalCounts.get(youngPerson.id) ?? 0,
        activeGoalCount: activeCounts.get(youngPerson.id) ?? 0,
        sessionCount: sessionCounts.get(youngPerson.id) ?? 0,
        lastSessionDate: lastDates.get(youngPerson.id) ?? null,
      }))
      .sort(compareCaseloadRows);
  });
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

function compareCaseloadRows(a: CaseloadRow, b: CaseloadRow): number {
  return compareCaseloadPeople(a.youngPerson, b.youngPerson);
}
