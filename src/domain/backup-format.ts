/**
 * The backup file format, version 1 (shared/spec/backup-format.md): the envelope and the
 * record arrays it carries. Making a file is ./backup-file, checking its records
 * ./backup-checks, and reading a file to restore ./backup-parse.
 *
 * Besides the four arrays the format names, the app writes `closures` and `resilienceMaps`
 * (optional fields, which version 1 allows: a file without them restores as having none).
 */
import type { Closure, Goal, Rating, ResilienceMap, Session, YoungPerson } from './schemas';

export const BACKUP_FORMAT = 'resilience-coaching-backup';
export const BACKUP_VERSION = 1;

/** The record arrays a backup holds. `closures` and `resilienceMaps` may be absent. */
export interface BackupRecords {
  youngPeople: YoungPerson[];
  goals: Goal[];
  sessions: Session[];
  ratings: Rating[];
  closures?: Closure[];
  resilienceMaps?: ResilienceMap[];
}

/** Every record array, each present. */
export type FullBackupRecords = Required<BackupRecords>;

/** The name of one record array. */
export type RecordArray = keyof BackupRecords;

/** Every record array, in the order a backup file holds them. */
export const RECORD_ARRAYS = [
  'youngPeople',
  'goals',
  'sessions',
  'ratings',
  'closures',
  'resilienceMaps',
] as const satisfies readonly RecordArray[];

/** The arrays version 1 of the format requires; the others may be absent. */
export const REQUIRED_ARRAYS = ['youngPeople', 'goals', 'sessions', 'ratings'] as const;

/** A backup file, version 1, as written to disk (JSON). */
export interface BackupFile extends BackupRecords {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601 instant with a time zone. */
  exportedAt: string;
}

/** Every record array of these records, `closures` and `resilienceMaps` as [] when absent. */
export function withEveryArray(records: BackupRecords): FullBackupRecords {
  return {
    youngPeople: records.youngPeople,
    goals: records.goals,
    sessions: records.sessions,
    ratings: records.ratings,
    closures: records.closures ?? [],
    resilienceMaps: records.resilienceMaps ?? [],
  };
}

/** One value for each record array. */
export function byArray<T>(make: (array: RecordArray) => T): Record<RecordArray, T> {
  return {
    youngPeople: make('youngPeople'),
    goals: make('goals'),
    sessions: make('sessions'),
    ratings: make('ratings'),
    closures: make('closures'),
    resilienceMaps: make('resilienceMaps'),
  };
}
