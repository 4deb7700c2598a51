/**
 * Making a backup file (format version 2, see ./backup-format): the full backup, and one
 * young person's case export. Every record and deletion is checked first (./backup-checks),
 * so a file this writes always restores.
 */
import { ProblemList, checkDeletions, checkRecords, type BackupProblem } from './backup-checks';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  withEveryArray,
  type BackupFile,
  type BackupRecords,
} from './backup-format';
import type {
  Closure,
  Deletion,
  Goal,
  Rating,
  ResilienceMap,
  Session,
  YoungPerson,
} from './schemas';
import { compareInstants } from '../lib/instant';

/** Thrown when records would make a backup file that could not be restored. */
export class BackupError extends Error {
  readonly problems: BackupProblem[];

  constructor(problems: BackupProblem[]) {
    const first = problems[0];
    const where = first
      ? ` First: ${first.array}[${first.index}].${first.field}: ${first.message}`
      : '';
    super(`These records cannot be written as a backup (${problems.length} problems).${where}`);
    this.name = 'BackupError';
    this.problems = problems;
  }
}

/**
 * The backup envelope (format version 2) around these records and deletions. Each record
 * keeps only the fields the format names. `closures` and `resilienceMaps` are written when
 * given; `deletions` always (empty when none are given). Throws a BackupError, listing every
 * problem, if the file would not restore.
 */
export function buildBackup(
  records: BackupRecords,
  exportedAt: Date,
  deletions: readonly Deletion[] = [],
): BackupFile {
  const problems = new ProblemList(Number.POSITIVE_INFINITY);
  const parsed = checkRecords(withEveryArray(records), problems);
  const checkedDeletions = checkDeletions(deletions, problems);
  if (problems.count > 0) throw new BackupError(problems.listed);
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    youngPeople: parsed.youngPeople,
    goals: parsed.goals,
    sessions: parsed.sessions,
    ratings: parsed.ratings,
  };
  if (records.closures) file.closures = parsed.closures;
  if (records.resilienceMaps) file.resilienceMaps = parsed.resilienceMaps;
  file.deletions = checkedDeletions;
  return file;
}

/** One young person's records: as the young person page loads them, with their closures and maps. */
export interface YoungPersonRecords {
  youngPerson: YoungPerson;
  goals: readonly { goal: Goal; ratings: readonly Rating[] }[];
  sessions: readonly Session[];
  /** Every closure of their case (a case closed, reopened and closed again has more than one). */
  closures: readonly Closure[];
  /** Every saved snapshot of their resilience map. */
  resilienceMaps: readonly ResilienceMap[];
}

/**
 * One young person's case export: their record, goals, sessions, ratings, closures and
 * resilience maps in the backup format, so it restores to every record of theirs. It carries
 * no deletions (a deletion record does not say whose record it was). Sessions
 * oldest first; ratings in goal order, oldest first within each goal; closures by closing
 * date and maps by when they were saved, oldest first.
 */
export function backupForYoungPerson(detail: YoungPersonRecords, exportedAt: Date): BackupFile {
  const sessions = [...detail.sessions].sort(
    (a, b) => a.date.localeCompare(b.date) || compareInstants(a.createdAt, b.createdAt),
  );
  const ratings = detail.goals.flatMap(({ ratings: rs }) =>
    [...rs].sort((a, b) => compareInstants(a.ratedAt, b.ratedAt) || a.id.localeCompare(b.id)),
  );
  const closures = [...detail.closures].sort(
    (a, b) => a.closedOn.localeCompare(b.closedOn) || compareInstants(a.createdAt, b.createdAt),
  );
  const resilienceMaps = [...detail.resilienceMaps].sort(
    (a, b) => a.savedAt.localeCompare(b.savedAt) || a.id.localeCompare(b.id),
  );
  return buildBackup(
    {
      youngPeople: [detail.youngPerson],
      goals: detail.goals.map(({ goal }) => goal),
      sessions,
      ratings,
      closures,
      resilienceMaps,
    },
    exportedAt,
  );
}
