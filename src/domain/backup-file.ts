/**
 * The backup file format, version 1 (shared/spec/backup-format.md): the envelope and the
 * records it carries. Used for the full backup, for one young person's case export, and to
 * check a file before it is restored.
 *
 * Every record is checked with its zod schema, which also drops fields the format does
 * not name (such as anything a later schema version stores), and every reference must
 * resolve, so a file this writes always restores.
 *
 * Besides the four arrays the format names, the app writes `closures` and `resilienceMaps`
 * (optional fields, which version 1 allows: a file without them restores as having none).
 */
import { z } from 'zod';
import { isObject, own } from '../lib/objects';
import { ENCRYPTED_BACKUP_FORMAT } from './backup-crypto';
import {
  closureSchema,
  goalSchema,
  instantSchema,
  ratingSchema,
  resilienceMapSchema,
  sessionSchema,
  youngPersonSchema,
  type Closure,
  type Goal,
  type Rating,
  type ResilienceMap,
  type Session,
  type YoungPerson,
} from './schemas';

export const BACKUP_FORMAT = 'resilience-coaching-backup';
export const BACKUP_VERSION = 1;

/** The largest backup file the app reads: 100 MB. */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

/** How many problems a refused file lists; the rest are counted in `moreProblems`. */
export const MAX_LISTED_PROBLEMS = 200;

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
const REQUIRED_ARRAYS = ['youngPeople', 'goals', 'sessions', 'ratings'] as const;

/** A backup file, version 1, as written to disk (JSON). */
export interface BackupFile extends BackupRecords {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601 instant with a time zone. */
  exportedAt: string;
}

/** One thing wrong with the records, named by array, index, id and field. */
export interface BackupProblem {
  array: RecordArray;
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

// ---------------------------------------------------------------------------
// Checking records

/** Collects problems, keeping at most `limit` and counting the rest. */
class ProblemList {
  readonly listed: BackupProblem[] = [];
  more = 0;

  constructor(private readonly limit: number) {}

  add(problem: BackupProblem): void {
    if (this.listed.length < this.limit) this.listed.push(problem);
    else this.more += 1;
  }

  get count(): number {
    return this.listed.length + this.more;
  }
}

/** Long ids and field names (a hostile file's) are cut short in messages. */
function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function idOf(value: unknown): string | null {
  if (!isObject(value)) return null;
  const id = own(value, 'id');
  return typeof id === 'string' ? clip(id) : null;
}

function issueMessage(issue: z.core.$ZodIssue, value: unknown): string {
  if (!isObject(value)) return 'This record is not an object with fields.';
  const [key] = issue.path;
  const missing =
    issue.code === 'invalid_type' &&
    issue.path.length === 1 &&
    typeof key === 'string' &&
    !Object.hasOwn(value, key);
  return missing ? 'This field is missing.' : issue.message;
}

/** Records that passed their schema, with their index in the file's array. */
type Indexed<T> = { record: T; index: number }[];

/** The id of every record that has one (valid or not), by index. */
function rawIds(values: readonly unknown[]): (string | null)[] {
  const ids: (string | null)[] = [];
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    const id = isObject(value) ? own(value, 'id') : undefined;
    ids.push(typeof id === 'string' && id !== '' ? id : null);
  }
  return ids;
}

/**
 * Reports ids used more than once, and returns every id in the array. Records that failed
 * their schema count too, so one bad record does not make every reference to it a problem.
 */
function checkIds(array: RecordArray, ids: readonly (string | null)[], problems: ProblemList) {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (id === null) return;
    if (seen.has(id)) {
      const message = 'This id is used twice.';
      problems.add({ array, index, id: clip(id), field: 'id', message });
    }
    seen.add(id);
  });
  return seen;
}

function checkRefs<T extends { id: string }>(
  array: RecordArray,
  records: Indexed<T>,
  field: keyof T & string,
  known: Set<string>,
  problems: ProblemList,
): void {
  for (const { record, index } of records) {
    const ref = record[field];
    if (typeof ref === 'string' && !known.has(ref)) {
      const message = `Names a record that is not in the file: ${clip(ref)}.`;
      problems.add({ array, index, id: clip(record.id), field, message });
    }
  }
}

/** A closure's goal outcomes must name goals of the same young person. */
function checkOutcomes(
  closures: Indexed<Closure>,
  rawGoals: readonly unknown[],
  problems: ProblemList,
): void {
  const owners = new Map<string, unknown>();
  for (const goal of rawGoals) {
    if (!isObject(goal)) continue;
    const id = own(goal, 'id');
    if (typeof id === 'string') owners.set(id, own(goal, 'youngPersonId'));
  }
  for (const { record, index } of closures) {
    for (const goalId of Object.keys(record.goalOutcomes)) {
      const owner = owners.has(goalId) ? owners.get(goalId) : undefined;
      if (owner === record.youngPersonId) continue;
      const message = !owners.has(goalId)
        ? `Names a goal that is not in the file: ${clip(goalId)}.`
        : `Names a goal of another young person: ${clip(goalId)}.`;
      const field = `goalOutcomes.${clip(goalId)}`;
      problems.add({ array: 'closures', index, id: clip(record.id), field, message });
    }
  }
}

/**
 * zod leaves a `__proto__` key out of a keyed field (goal outcomes, map tiles and examples)
 * without a word; a file holding one is refused instead, so nothing is lost unseen.
 */
function checkHiddenKeys(
  array: RecordArray,
  values: readonly unknown[],
  fields: readonly string[],
  problems: ProblemList,
): void {
  values.forEach((value, index) => {
    if (!isObject(value)) return;
    for (const field of fields) {
      const map = own(value, field);
      if (isObject(map) && Object.hasOwn(map, '__proto__')) {
        const message = 'A key named __proto__ is not allowed here.';
        problems.add({ array, index, id: idOf(value), field: `${field}.__proto__`, message });
      }
    }
  });
}

/** The raw arrays of a file or of records, before checking. */
type RawArrays = Record<RecordArray, readonly unknown[]>;

/** Checks every record and reference; returns the parsed records (valid only if no problems). */
function checkRecords(raw: RawArrays, problems: ProblemList): FullBackupRecords {
  const youngPeople = parseIndexed('youngPeople', youngPersonSchema, raw, problems);
  const goals = parseIndexed('goals', goalSchema, raw, problems);
  const sessions = parseIndexed('sessions', sessionSchema, raw, problems);
  const ratings = parseIndexed('ratings', ratingSchema, raw, problems);
  const closures = parseIndexed('closures', closureSchema, raw, problems);
  const maps = parseIndexed('resilienceMaps', resilienceMapSchema, raw, problems);
  const personIds = checkIds('youngPeople', rawIds(raw.youngPeople), problems);
  const goalIds = checkIds('goals', rawIds(raw.goals), problems);
  const sessionIds = checkIds('sessions', rawIds(raw.sessions), problems);
  checkIds('ratings', rawIds(raw.ratings), problems);
  checkIds('closures', rawIds(raw.closures), problems);
  checkIds('resilienceMaps', rawIds(raw.resilienceMaps), problems);
  checkRefs('goals', goals, 'youngPersonId', personIds, problems);
  checkRefs('sessions', sessions, 'youngPersonId', personIds, problems);
  checkRefs('ratings', ratings, 'goalId', goalIds, problems);
  checkRefs('ratings', ratings, 'sessionId', sessionIds, problems);
  checkRefs('closures', closures, 'youngPersonId', personIds, problems);
  checkRefs('resilienceMaps', maps, 'youngPersonId', personIds, problems);
  checkOutcomes(closures, raw.goals, problems);
  checkHiddenKeys('closures', raw.closures, ['goalOutcomes'], problems);
  checkHiddenKeys('resilienceMaps', raw.resilienceMaps, ['tiles', 'examples'], problems);
  const records = <T>(list: Indexed<T>) => list.map(({ record }) => record);
  return {
    youngPeople: records(youngPeople),
    goals: records(goals),
    sessions: records(sessions),
    ratings: records(ratings),
    closures: records(closures),
    resilienceMaps: records(maps),
  };
}

/** Parses one array with its schema, keeping each valid record's index in the file. */
function parseIndexed<S extends z.ZodType>(
  array: RecordArray,
  schema: S,
  raw: RawArrays,
  problems: ProblemList,
): Indexed<z.output<S>> {
  const values = raw[array];
  const out: Indexed<z.output<S>> = [];
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    const result = schema.safeParse(value);
    if (result.success) {
      out.push({ record: result.data, index });
      continue;
    }
    const id = idOf(value);
    for (const issue of result.error.issues) {
      const field = clip(issue.path.map(String).join('.')) || '(record)';
      problems.add({ array, index, id, field, message: issueMessage(issue, value) });
    }
  }
  return out;
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

/**
 * The problems that would stop these records restoring: fields that fail their schema,
 * ids used twice within an array, references that do not resolve, and closure outcomes of
 * goals that are not the young person's. Empty when valid.
 */
export function backupProblems(records: BackupRecords): BackupProblem[] {
  const problems = new ProblemList(Number.POSITIVE_INFINITY);
  checkRecords(withEveryArray(records), problems);
  return problems.listed;
}

/**
 * The backup envelope (format version 1) around these records. Each record keeps only the
 * fields the format names. `closures` and `resilienceMaps` are written when given. Throws a
 * BackupError, listing every problem, if the records would not restore.
 */
export function buildBackup(records: BackupRecords, exportedAt: Date): BackupFile {
  const problems = new ProblemList(Number.POSITIVE_INFINITY);
  const parsed = checkRecords(withEveryArray(records), problems);
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
 * resilience maps in the backup format, so it restores to every record of theirs. Sessions
 * oldest first; ratings in goal order, oldest first within each goal; closures by closing
 * date and maps by when they were saved, oldest first.
 */
export function backupForYoungPerson(detail: YoungPersonRecords, exportedAt: Date): BackupFile {
  const sessions = [...detail.sessions].sort(
    (a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt),
  );
  const ratings = detail.goals.flatMap(({ ratings: rs }) =>
    [...rs].sort((a, b) => a.ratedAt.localeCompare(b.ratedAt) || a.id.localeCompare(b.id)),
  );
  const closures = [...detail.closures].sort(
    (a, b) => a.closedOn.localeCompare(b.closedOn) || a.createdAt.localeCompare(b.createdAt),
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

// ---------------------------------------------------------------------------
// Reading a file to restore

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

/** A valid file, every record parsed (closures and resilienceMaps always present), or why not. */
export type BackupParseResult =
  | { ok: true; backup: BackupFile & FullBackupRecords }
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

/** "goals[3] (id g-12), field domains.0: Unknown domain." */
export function describeBackupProblem(problem: BackupProblem): string {
  const id = problem.id === null ? '' : ` (id ${problem.id})`;
  return `${problem.array}[${problem.index}]${id}, field ${problem.field}: ${problem.message}`;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${clip(value, 60)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

/** Checks the envelope; returns a refusal, or the raw arrays and exportedAt. */
function readEnvelope(
  value: unknown,
): { ok: false; refusal: BackupParseResult } | { ok: true; exportedAt: string; raw: RawArrays } {
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
      `This file was made by a newer version of the app (backup version ${version}). This app reads version ${BACKUP_VERSION}.`,
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
  return { ok: true, exportedAt: exportedAt.data, raw: raw as RawArrays };
}

function countWord(n: number): string {
  return n === 1 ? '1 problem' : `${n.toLocaleString('en-GB')} problems`;
}

/**
 * Checks a parsed backup file (JSON.parse of its text) before anything is restored: the
 * envelope first (a backup at all, not protected, a version this app reads), then every
 * record and reference. Never throws. A valid file's records keep only the fields the
 * format names.
 */
export function parseBackup(value: unknown): BackupParseResult {
  try {
    const envelope = readEnvelope(value);
    if (!envelope.ok) return envelope.refusal;
    const problems = new ProblemList(MAX_LISTED_PROBLEMS);
    const records = checkRecords(envelope.raw, problems);
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
        version: BACKUP_VERSION,
        exportedAt: envelope.exportedAt,
        ...records,
      },
    };
  } catch (error) {
    const detail = error instanceof RangeError ? ' It is too large or too deeply nested.' : '';
    return refuse('unreadable', `This file could not be checked as a backup.${detail}`);
  }
}

/** Checks a backup file's text (see parseBackup). Never throws. */
export function parseBackupText(text: string): BackupParseResult {
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
    return parseBackup(value);
  } catch {
    return refuse('unreadable', 'This file could not be checked as a backup.');
  }
}
