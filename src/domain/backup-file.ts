/**
 * The backup file format, version 1 (shared/spec/backup-format.md): the envelope and the
 * records it carries. Used for the full backup and for one young person's case export.
 *
 * Every record is checked with its zod schema, which also drops fields the format does
 * not name (such as anything a later schema version stores), and every reference must
 * resolve, so a file this writes always restores.
 */
import { z } from 'zod';
import {
  goalSchema,
  ratingSchema,
  sessionSchema,
  youngPersonSchema,
  type Goal,
  type Rating,
  type Session,
  type YoungPerson,
} from './schemas';

export const BACKUP_FORMAT = 'resilience-coaching-backup';
export const BACKUP_VERSION = 1;

/** The four record arrays a backup holds. */
export interface BackupRecords {
  youngPeople: YoungPerson[];
  goals: Goal[];
  sessions: Session[];
  ratings: Rating[];
}

/** A backup file, version 1, as written to disk (JSON). */
export interface BackupFile extends BackupRecords {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601 instant with a time zone. */
  exportedAt: string;
}

/** One thing wrong with the records, named by array, index, id and field. */
export interface BackupProblem {
  array: keyof BackupRecords;
  index: number;
  id: string | null;
  field: string;
  message: string;
}

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

function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  return typeof value.id === 'string' ? value.id : null;
}

function parseAll<S extends z.ZodType>(
  array: keyof BackupRecords,
  schema: S,
  values: readonly unknown[],
  problems: BackupProblem[],
): z.output<S>[] {
  const parsed: z.output<S>[] = [];
  values.forEach((value, index) => {
    const result = schema.safeParse(value);
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.') || '(record)';
      problems.push({ array, index, id: idOf(value), field, message: issue.message });
    }
  });
  return parsed;
}

function checkIds(
  array: keyof BackupRecords,
  records: readonly { id: string }[],
  problems: BackupProblem[],
): Set<string> {
  const seen = new Set<string>();
  records.forEach((record, index) => {
    if (seen.has(record.id)) {
      problems.push({
        array,
        index,
        id: record.id,
        field: 'id',
        message: 'This id is used twice.',
      });
    }
    seen.add(record.id);
  });
  return seen;
}

function checkRefs<T extends { id: string }>(
  array: keyof BackupRecords,
  records: readonly T[],
  field: keyof T & string,
  known: Set<string>,
  problems: BackupProblem[],
): void {
  records.forEach((record, index) => {
    const ref = record[field];
    if (typeof ref === 'string' && !known.has(ref)) {
      const message = `Names a record that is not in the file: ${ref}.`;
      problems.push({ array, index, id: record.id, field, message });
    }
  });
}

/**
 * The problems that would stop these records restoring: fields that fail their schema,
 * ids used twice within an array, and references that do not resolve. Empty when valid.
 */
export function backupProblems(records: BackupRecords): BackupProblem[] {
  const problems: BackupProblem[] = [];
  const youngPeople = parseAll('youngPeople', youngPersonSchema, records.youngPeople, problems);
  const goals = parseAll('goals', goalSchema, records.goals, problems);
  const sessions = parseAll('sessions', sessionSchema, records.sessions, problems);
  const ratings = parseAll('ratings', ratingSchema, records.ratings, problems);
  const personIds = checkIds('youngPeople', youngPeople, problems);
  const goalIds = checkIds('goals', goals, problems);
  const sessionIds = checkIds('sessions', sessions, problems);
  checkIds('ratings', ratings, problems);
  checkRefs('goals', goals, 'youngPersonId', personIds, problems);
  checkRefs('sessions', sessions, 'youngPersonId', personIds, problems);
  checkRefs('ratings', ratings, 'goalId', goalIds, problems);
  checkRefs('ratings', ratings, 'sessionId', sessionIds, problems);
  return problems;
}

/**
 * The backup envelope (format version 1) around these records. Each record keeps only the
 * fields the format names. Throws a BackupError, listing every problem, if the records
 * would not restore.
 */
export function buildBackup(records: BackupRecords, exportedAt: Date): BackupFile {
  const problems = backupProblems(records);
  if (problems.length > 0) throw new BackupError(problems);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    youngPeople: records.youngPeople.map((r) => youngPersonSchema.parse(r)),
    goals: records.goals.map((r) => goalSchema.parse(r)),
    sessions: records.sessions.map((r) => sessionSchema.parse(r)),
    ratings: records.ratings.map((r) => ratingSchema.parse(r)),
  };
}

/** One young person's records, as the young person page loads them. */
export interface YoungPersonRecords {
  youngPerson: YoungPerson;
  goals: readonly { goal: Goal; ratings: readonly Rating[] }[];
  sessions: readonly Session[];
}

/**
 * One young person's case export: their record, goals, sessions and ratings in the backup
 * format. Sessions oldest first; ratings in goal order, oldest first within each goal.
 */
export function backupForYoungPerson(detail: YoungPersonRecords, exportedAt: Date): BackupFile {
  const sessions = [...detail.sessions].sort(
    (a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt),
  );
  const ratings = detail.goals.flatMap(({ ratings: rs }) =>
    [...rs].sort((a, b) => a.ratedAt.localeCompare(b.ratedAt) || a.id.localeCompare(b.id)),
  );
  return buildBackup(
    {
      youngPeople: [detail.youngPerson],
      goals: detail.goals.map(({ goal }) => goal),
      sessions,
      ratings,
    },
    exportedAt,
  );
}
