import type { YoungPerson } from '../domain/schemas';
import { compareNames } from '../lib/compare-text';
import { getDb } from './database';

/**
 * The caseload page's reads, made for a long caseload (3,000 young people with 60,000
 * sessions): the list order and the search need only the young people, and the counts are
 * read only for the rows on screen (50 at a time), each from an index range, so the cost
 * follows what is shown rather than everything recorded.
 */

/** One row of the caseload. */
export interface CaseloadRow {
  youngPerson: YoungPerson;
  goalCount: number;
  activeGoalCount: number;
  sessionCount: number;
  lastSessionDate: string | null;
}

/** Open cases first, then by name (ignoring case and accents). */
export function compareCaseloadPeople(a: YoungPerson, b: YoungPerson): number {
  const open = Number(b.status === 'open') - Number(a.status === 'open');
  if (open !== 0) return open;
  return compareNames(a.name, b.name);
}

/** Every young person in caseload order: open cases first, then by name. */
export async function getCaseloadPeople(): Promise<YoungPerson[]> {
  const people = await getDb().youngPeople.toArray();
  return people.sort(compareCaseloadPeople);
}

/**
 * The caseload rows (counts and last session) of these young people, in the order given;
 * ids no longer in the database are left out.
 */
export async function getCaseloadRows(ids: readonly string[]): Promise<CaseloadRow[]> {
  const db = getDb();
  return db.transaction('r', [db.youngPeople, db.goals, db.sessions], async () => {
    const people = await db.youngPeople.bulkGet([...ids]);
    return Promise.all(
      people
        .filter((yp): yp is YoungPerson => yp !== undefined)
        .map(async (youngPerson): Promise<CaseloadRow> => {
          const id = youngPerson.id;
          const [goals, sessionCount, lastSession] = await Promise.all([
            db.goals.where('youngPersonId').equals(id).toArray(),
            db.sessions.where('youngPersonId').equals(id).count(),
            db.sessions.where('[youngPersonId+date]').between([id, ''], [id, '\uffff']).last(),
          ]);
          return {
            youngPerson,
            goalCount: goals.length,
            activeGoalCount: goals.filter((g) => g.status === 'active').length,
            sessionCount,
            lastSessionDate: lastSession?.date ?? null,
          };
        }),
    );
  });
}
