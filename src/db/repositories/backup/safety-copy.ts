/**
 * The safety copy: before a "replace everything" restore, everything on the device is kept
 * in the settings table as a backup file's text, in parts, until the coach downloads or
 * deletes it. Erasing a young person takes them out of it too.
 */
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  RECORD_ARRAYS,
  byArray,
  type FullBackupRecords,
} from '../../../domain/backup-format';
import { SLICE, type Pace } from '../../../domain/slices';
import { withoutYoungPeople } from '../../../domain/without-young-people';
import { toInstant } from '../../../lib/dates';
import { fieldOf, isObject } from '../../../lib/objects';
import { getDb, type CoachingDatabase } from '../../database';
import { backupFileName } from './export';
import { SAFETY_COPY_KEY, safetyCopyPartKey } from '../../settings-keys';

/** The safety copy of a restore, to download. */
export interface SafetyCopyFile {
  fileName: string;
  /** A backup file (format version 1) of everything on the device before the restore. */
  json: string;
}

/** The safety copy as stored in the settings table. */
export interface StoredSafetyCopy {
  savedAt: string;
  json: string;
}

/**
 * The backup file's text of everything on the device, unchecked (nothing is left out), as
 * JSON.stringify would write it, a slice of records at a time (turning a record into JSON
 * decrypts it).
 */
async function safetyCopyJson(device: FullBackupRecords, now: Date, pace: Pace): Promise<string> {
  const head = JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: toInstant(now),
  });
  const parts = [head.slice(1, -1)];
  for (const array of RECORD_ARRAYS) {
    const records: string[] = [];
    for (let start = 0; start < device[array].length; start += SLICE) {
      await pace();
      for (const record of device[array].slice(start, start + SLICE)) {
        records.push(JSON.stringify(record));
      }
    }
    parts.push(`${JSON.stringify(array)}:[${records.join(',')}]`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Keeps a copy of everything on the device (read as `device`), in place of any copy there
 * was, and returns it as a file to download. Call inside the restore's transaction, which
 * must include the settings.
 */
export async function keepSafetyCopy(
  db: CoachingDatabase,
  device: FullBackupRecords,
  now: Date,
  pace: Pace,
): Promise<SafetyCopyFile> {
  const json = await safetyCopyJson(device, now, pace);
  const copy: StoredSafetyCopy = { savedAt: toInstant(now), json };
  await writeSafetyCopy(db, copy);
  return { fileName: backupFileName(now, 'safety-copy'), json: copy.json };
}

/**
 * The safety copy is kept in parts of this many characters, each encrypted on its own
 * (`restoreSafetyCopy` holds the first with savedAt and how many more there are, then
 * `restoreSafetyCopy:1`, `:2`, …): encrypting a 20 MB copy as one value would hold the page
 * for over a second. A copy stored before parts (no `parts`) is one value, read as it is.
 */
const SAFETY_COPY_PART_CHARS = 256 * 1024;

/** Every row of the safety copy, its parts included (for erasing a damaged one). */
function safetyCopyRows(db: CoachingDatabase) {
  return db.settings.where('key').startsWith(SAFETY_COPY_KEY);
}

async function deleteSafetyCopyIn(db: CoachingDatabase): Promise<void> {
  await db.settings.bulkDelete(await safetyCopyRows(db).primaryKeys());
}

/** Stores the copy in parts, in place of any copy there was. Inside a transaction. */
async function writeSafetyCopy(db: CoachingDatabase, copy: StoredSafetyCopy): Promise<void> {
  await deleteSafetyCopyIn(db);
  const pieces: string[] = [];
  for (let start = 0; start < copy.json.length; start += SAFETY_COPY_PART_CHARS) {
    pieces.push(copy.json.slice(start, start + SAFETY_COPY_PART_CHARS));
  }
  const [first = '', ...rest] = pieces;
  const head = { savedAt: copy.savedAt, json: first, parts: rest.length };
  await db.settings.put({ key: SAFETY_COPY_KEY, value: head });
  // One part a write: each is encrypted on its way in, with the page's turn between.
  for (const [index, json] of rest.entries()) {
    await db.settings.put({ key: safetyCopyPartKey(index + 1), value: { json } });
  }
}

/** The copy, its parts joined; null when there is none, or a part is missing or damaged. */
async function readSafetyCopyIn(db: CoachingDatabase): Promise<StoredSafetyCopy | null> {
  const head: unknown = (await db.settings.get(SAFETY_COPY_KEY))?.value;
  if (!isObject(head)) return null;
  const { savedAt, json, parts = 0 } = head;
  if (typeof savedAt !== 'string' || typeof json !== 'string') return null;
  if (typeof parts !== 'number' || !Number.isSafeInteger(parts) || parts < 0) return null;
  const pieces = [json];
  for (let n = 1; n <= parts; n += 1) {
    const part: unknown = (await db.settings.get(safetyCopyPartKey(n)))?.value;
    const piece = isObject(part) ? part.json : undefined;
    if (typeof piece !== 'string') return null;
    pieces.push(piece);
  }
  return { savedAt, json: pieces.join('') };
}

/** The copy kept from before the last "replace everything", or null. */
export async function getRestoreSafetyCopy(): Promise<StoredSafetyCopy | null> {
  const db = getDb();
  return db.transaction('r', db.settings, () => readSafetyCopyIn(db));
}

/**
 * Takes an erased young person out of the safety copy: their own record, goals, sessions,
 * the ratings of those goals and sessions, closures and resilience maps. The copy is stored
 * again without them, or deleted when nothing is left in it (or when it cannot be read and
 * names them). Call inside the erasure's transaction, which must include the settings.
 */
export async function eraseFromSafetyCopy(
  db: CoachingDatabase,
  youngPersonId: string,
): Promise<void> {
  if ((await safetyCopyRows(db).count()) === 0) return;
  const copy = await readSafetyCopyIn(db);
  // Each of their records names them, or a goal or session of theirs that does: a copy
  // without their id holds nothing of theirs, and is left as it is.
  if (copy && !copy.json.includes(youngPersonId)) return;
  let parsed: unknown = null;
  try {
    parsed = copy ? JSON.parse(copy.json) : null;
  } catch {
    parsed = null;
  }
  if (!copy || !isObject(parsed)) {
    // A copy that cannot be read cannot be restored either; if it names them, it goes.
    const rows = await safetyCopyRows(db).toArray();
    if (rows.some((row) => JSON.stringify(row.value).includes(youngPersonId))) {
      await deleteSafetyCopyIn(db);
    }
    return;
  }
  const arrays = byArray((array) => {
    const list = fieldOf(parsed, array);
    return Array.isArray(list) ? (list as unknown[]) : [];
  });
  const { kept, removed } = withoutYoungPeople(arrays, new Set([youngPersonId]));
  if (removed === 0) return;
  if (RECORD_ARRAYS.every((array) => kept[array].length === 0)) {
    await deleteSafetyCopyIn(db);
    return;
  }
  const rest: Record<string, unknown> = { ...parsed };
  for (const array of RECORD_ARRAYS) {
    if (Array.isArray(fieldOf(parsed, array))) rest[array] = kept[array];
  }
  await writeSafetyCopy(db, { savedAt: copy.savedAt, json: JSON.stringify(rest) });
}

/** Deletes the safety copy (once the coach has downloaded it or no longer needs it). */
export async function deleteRestoreSafetyCopy(): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.settings, () => deleteSafetyCopyIn(db));
}
