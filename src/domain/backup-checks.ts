/**
 * Checking the records of a backup, to make a file or before one is restored. Every record
 * is checked with its zod schema, which also drops fields the format does not name (such as
 * anything a later schema version stores), and every reference must resolve, so records
 * that pass always restore. Each problem is named by array, index, id and field.
 */
import { z } from 'zod';
import { isObject, own } from '../lib/objects';
import {
  withEveryArray,
  type BackupRecords,
  type FullBackupRecords,
  type RecordArray,
} from './backup-format';
import {
  closureSchema,
  deletionSchema,
  goalSchema,
  ratingSchema,
  resilienceMapSchema,
  sessionSchema,
  youngPersonSchema,
  type Closure,
  type Deletion,
} from './schemas';

/** One thing wrong with the records, named by array, index, id and field. */
export interface BackupProblem {
  array: RecordArray | 'deletions';
  index: number;
  id: string | null;
  field: string;
  message: string;
}

/** Collects problems, keeping at most `limit` and counting the rest. */
export class ProblemList {
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
export function clip(text: string, max = 120): string {
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
export type RawArrays = Record<RecordArray, readonly unknown[]>;

/** Checks every record and reference; returns the parsed records (valid only if no problems). */
export function checkRecords(raw: RawArrays, problems: ProblemList): FullBackupRecords {
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
  array: RecordArray | 'deletions',
  schema: S,
  raw: RawArrays & { deletions?: readonly unknown[] },
  problems: ProblemList,
): Indexed<z.output<S>> {
  const values = raw[array] ?? [];
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

/**
 * Checks a file's deletion records (version 2): each names a kind of record, an id and when
 * it was deleted, and no record is named twice. A deletion may name a record the file does
 * not hold (it was deleted), or one it holds (brought back after it was deleted: the newer
 * of the two counts).
 */
export function checkDeletions(raw: readonly unknown[], problems: ProblemList): Deletion[] {
  const parsed = parseIndexed(
    'deletions',
    deletionSchema,
    { ...EMPTY_RAW, deletions: raw },
    problems,
  );
  const keys = raw.map((value) => {
    if (!isObject(value)) return null;
    const table = own(value, 'table');
    const id = own(value, 'id');
    return typeof table === 'string' && typeof id === 'string' && id !== ''
      ? `${table}/${id}`
      : null;
  });
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    if (key === null) return;
    if (seen.has(key)) {
      const message = 'This record is named twice in the deletions.';
      problems.add({ array: 'deletions', index, id: idOf(raw[index]), field: 'id', message });
    }
    seen.add(key);
  });
  return parsed.map(({ record }) => record);
}

const EMPTY_RAW: RawArrays = {
  youngPeople: [],
  goals: [],
  sessions: [],
  ratings: [],
  closures: [],
  resilienceMaps: [],
};

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

/** "goals[3] (id g-12), field domains.0: Unknown domain." */
export function describeBackupProblem(problem: BackupProblem): string {
  const id = problem.id === null ? '' : ` (id ${problem.id})`;
  return `${problem.array}[${problem.index}]${id}, field ${problem.field}: ${problem.message}`;
}
