/**
 * Reading a backup file to restore: the envelope first (a backup at all, not protected, a
 * version this app reads: 1 or 2), then every record and reference (./backup-checks), the
 * deletions (version 2), and, given the time, that nothing is dated in the future
 * (./future-dates). Never throws: a file is either valid, every record parsed, or refused
 * with a reason and a message for the coach.
 */
import { isObject, own } from '../lib/objects';
import { ENCRYPTED_BACKUP_FORMAT } from './backup-crypto';
import {
  ProblemList,
  checkDeletions,
  checkRecords,
  clip,
  describeBackupProblem,
  type BackupProblem,
  type RawArrays,
} from './backup-checks';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  RECORD_ARRAYS,
  REQUIRED_ARRAYS,
  type CheckedBackupFile,
} from './backup-format';
import { checkFutureDates } from './future-dates';
import { instantSchema } from './schemas';

/** The largest backup file the app reads: 100 MB. */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

/** How many problems a refused file lists; the rest are counted in `moreProblems`. */
export const MAX_LISTED_PROBLEMS = 200;

/** Why a file was refused. */
export type BackupRefusal =
  | 'too-big'
  | 'not-json'
  | 'not-backup'
  | 'encrypted'
  | 'newer-version'
  | 'bad-envelope'
  | 'bad-records'
  | 'unreadable';

/**
 * A valid file, every record parsed (closures, resilienceMaps and deletions always present;
 * a version 1 file's read as version 2 records), or why not.
 */
export type BackupParseResult =
  | { ok: true; backup: CheckedBackupFile }
  | {
      ok: false;
      reason: BackupRefusal;
      /** What is wrong, in words for the coach; names the first record problem if any. */
      message: string;
      /** Up to MAX_LISTED_PROBLEMS record problems. */
      problems: BackupProblem[];
      /** How many more problems there were than are listed. */
      moreProblems: number;
    };

/** "1.5 MB", for the too-big message. */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

/** Why a file of this size is not read. */
export function backupTooBigMessage(bytes: number): string {
  return `This file is too big to be a backup: it is ${megabytes(bytes)}, and a backup can be at most ${megabytes(MAX_BACKUP_BYTES)}.`;
}

const refuse = (reason: BackupRefusal, message: string): BackupParseResult => ({
  ok: false,
  reason,
  message,
  problems: [],
  moreProblems: 0,
});

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${clip(value, 60)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

/** A raw envelope's arrays, once checked to be lists. */
interface RawFile {
  exportedAt: string;
  version: number;
  raw: RawArrays;
  deletions: readonly unknown[];
}

/**
 * A version 1 record as version 2 holds it: a rating's updatedAt is its ratedAt, and a
 * map's its savedAt (version 1 had neither). Anything else is left as it is, for the checks.
 */
function fromVersion1(raw: RawArrays): RawArrays {
  const stamped = (list: readonly unknown[], from: string) =>
    list.map((value) =>
      isObject(value) && !Object.hasOwn(value, 'updatedAt')
        ? { ...value, updatedAt: own(value, from) }
        : value,
    );
  return {
    ...raw,
    ratings: stamped(raw.ratings, 'ratedAt'),
    resilienceMaps: stamped(raw.resilienceMaps, 'savedAt'),
  };
}

/** Checks the envelope; returns a refusal, or the raw arrays and exportedAt. */
function readEnvelope(
  value: unknown,
): { ok: false; refusal: BackupParseResult } | ({ ok: true } & RawFile) {
  const fail = (reason: BackupRefusal, message: string) => ({
    ok: false as const,
    refusal: refuse(reason, message),
  });
  if (!isObject(value)) {
    return fail(
      'not-backup',
      `This is not a Resilience coaching backup file: it holds ${describeValue(value)}, not a backup.`,
    );
  }
  const format = own(value, 'format');
  if (format === ENCRYPTED_BACKUP_FORMAT) {
    return fail(
      'encrypted',
      'This backup is protected with a passphrase. Enter the passphrase to open it.',
    );
  }
  if (format !== BACKUP_FORMAT) {
    return fail(
      'not-backup',
      format === undefined
        ? 'This is not a Resilience coaching backup file (it does not say what format it is).'
        : `This is not a Resilience coaching backup file (format ${describeValue(format)}).`,
    );
  }
  const version = own(value, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(
      'bad-envelope',
      `This backup file has no valid version number (version: ${describeValue(version)}).`,
    );
  }
  if (version > BACKUP_VERSION) {
    return fail(
      'newer-version',
      `This file was made by a newer version of the app (backup version ${version}). This app reads versions 1 to ${BACKUP_VERSION}.`,
    );
  }
  const exportedAt = instantSchema.safeParse(own(value, 'exportedAt'));
  if (!exportedAt.success) {
    return fail(
      'bad-envelope',
      'This backup file does not say when it was made: its exportedAt field is missing or not a date and time.',
    );
  }
  const raw: Partial<RawArrays> = {};
  for (const array of RECORD_ARRAYS) {
    const list = own(value, array);
    const required = REQUIRED_ARRAYS.some((a) => a === array);
    if (list === undefined && !required) {
      raw[array] = [];
    } else if (!Array.isArray(list)) {
      return fail(
        'bad-envelope',
        list === undefined
          ? `This backup file is incomplete: it has no ${array} list.`
          : `This backup file is damaged: its ${array} field is not a list.`,
      );
    } else {
      raw[array] = list;
    }
  }
  // Version 1 had no deletions: any such field is one of the extra fields it ignores.
  const deletions = version >= 2 ? own(value, 'deletions') : undefined;
  if (deletions !== undefined && !Array.isArray(deletions)) {
    return fail('bad-envelope', 'This backup file is damaged: its deletions field is not a list.');
  }
  const arrays = raw as RawArrays;
  return {
    ok: true,
    exportedAt: exportedAt.data,
    version,
    raw: version === 1 ? fromVersion1(arrays) : arrays,
    deletions: deletions ?? [],
  };
}

function countWord(n: number): string {
  return n === 1 ? '1 problem' : `${n.toLocaleString('en-GB')} problems`;
}

/**
 * Checks a parsed backup file (JSON.parse of its text) before anything is restored: the
 * envelope first (a backup at all, not protected, a version this app reads), then every
 * record, reference and deletion, and, with `now`, that no record is dated in the future.
 * Never throws. A valid file's records keep only the fields the format names.
 */
export function parseBackup(value: unknown, now?: Date): BackupParseResult {
  try {
    const envelope = readEnvelope(value);
    if (!envelope.ok) return envelope.refusal;
    const problems = new ProblemList(MAX_LISTED_PROBLEMS);
    const records = checkRecords(envelope.raw, problems);
    const deletions = checkDeletions(envelope.deletions, problems);
    // Dates are checked once every record has passed (each is then at its index).
    if (now && problems.count === 0) checkFutureDates(records, deletions, now, problems);
    const first = problems.listed[0];
    if (first) {
      return {
        ok: false,
        reason: 'bad-records',
        message: `This backup cannot be restored: ${countWord(problems.count)} found in its records. The first: ${describeBackupProblem(first)}`,
        problems: problems.listed,
        moreProblems: problems.more,
      };
    }
    return {
      ok: true,
      backup: {
        format: BACKUP_FORMAT,
        version: envelope.version,
        exportedAt: envelope.exportedAt,
        ...records,
        deletions,
      },
    };
  } catch (error) {
    const detail = error instanceof RangeError ? ' It is too large or too deeply nested.' : '';
    return refuse('unreadable', `This file could not be checked as a backup.${detail}`);
  }
}

/** Checks a backup file's text (see parseBackup). Never throws. */
export function parseBackupText(text: string, now?: Date): BackupParseResult {
  try {
    if (typeof text !== 'string')
      return refuse('not-json', 'This file is not a backup: it is not JSON.');
    if (text.length > MAX_BACKUP_BYTES) return refuse('too-big', backupTooBigMessage(text.length));
    let value: unknown;
    try {
      // A byte order mark, which some editors add, is not part of the JSON.
      value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    } catch (error) {
      if (error instanceof RangeError) {
        return refuse('unreadable', 'This file could not be read: it is too deeply nested.');
      }
      return refuse('not-json', 'This file is not a backup: it is not JSON.');
    }
    return parseBackup(value, now);
  } catch {
    return refuse('unreadable', 'This file could not be checked as a backup.');
  }
}
