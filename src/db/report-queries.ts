import type { ServiceReportRecords } from '../domain/report';
import { getDb } from './database';
import { getReliableChangeThreshold } from './repositories/settings';

/** Everything the service report and the evaluation export are worked out from. */
export interface ReportData {
  records: ServiceReportRecords;
  /** The service's reliable change threshold (3 unless set in Settings). */
  threshold: number;
}

/**
 * Every young person, goal, session, rating and closure, with the reliable change threshold,
 * read in one read transaction so the figures never mix two states of the data. Whole-table
 * reads use IndexedDB's getAll.
 */
export async function getReportData(): Promise<ReportData> {
  const db = getDb();
  return db.transaction(
    'r',
    [db.youngPeople, db.goals, db.sessions, db.ratings, db.closures, db.settings],
    async () => {
      const [youngPeople, goals, sessions, ratings, closures, threshold] = await Promise.all([
        db.youngPeople.toArray(),
        db.goals.toArray(),
        db.sessions.toArray(),
        db.ratings.toArray(),
        db.closures.toArray(),
        getReliableChangeThreshold(),
      ]);
      return { records: { youngPeople, goals, sessions, ratings, closures }, threshold };
    },
  );
}
