/**
 * The backup file format, version 2 (docs/backup-format-v2.md; version 1 is
 * shared/spec/backup-format.md): the envelope and the record arrays it carries. Making a
 * file is ./backup-file, checking its records ./backup-checks, and reading a file to
 * restore ./backup-parse.
 *
 * Besides the four arrays version 1 names, the app writes `closures` and `resilienceMaps`
 * (optional fields, which version 1 allows: a file without them restores as having none).
 * Version 2 adds `updatedAt` to every rating and map, and `deletions`: what was deleted on
 * the device that made the file, and when, so that a merge does not bring it back. Files of
 * version 1 are still read: a rating's updatedAt is then its ratedAt, a map's its savedAt,
 * and there are no deletions.
 */
import type {
  Closure,
  Deletion,
  Goal,
  Rating,
  ResilienceMap,
  Session,
  YoungPerson,
} from './schemas';

export const BACKUP_FORMAT = 'resilience-coaching-backup';
/** The version this app writes. */
export const BACKUP_VERSION = 2;
/** The oldest version this app reads. */
export const OLDEST_BACKUP_VERSION = 1;

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

/** A backup file as written to disk (JSON): version 2, or a version 1 file read back. */
export interface BackupFile extends BackupRecords {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** ISO 8601 instant with a time zone. */
  exportedAt: string;
  /** Version 2: what was deleted on the device that made the file (absent: none). */
  deletions?: Deletion[];
}

/** A file that has been checked: every record array present, deletions too. */
export type CheckedBackupFile = BackupFile & FullBackupRecords & { deletions: Deletion[] };

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
