/**
 * Sealing every record already stored (./record-seal.ts), in one transaction, paced so the
 * page keeps answering (../repositories/backup/pacing.ts, as a restore is):
 *
 * - when a passphrase is first chosen on a device with (demo) records: they are all plain;
 * - once, at the first unlock of a device encrypted in the first format (fields encrypted
 *   one by one): its records are read as they are, the "enc:v1:" fields decrypted;
 * - when the data key is changed: every record opened with the old key and sealed with the
 *   new one.
 *
 * The records are read and written back through the middleware (./middleware.ts), which does
 * the opening and sealing: this module only chooses what to write. A record that fails its
 * check is left out of what is read, so it is not rewritten: it stays as it was, listed as
 * damaged. The same transaction records that every record is sealed (RECORD_FORMAT_KEY), and
 * runs `alsoInside` (storing the keyring), so all of it happens or none of it.
 */
import { SLICE } from '../../domain/slices';
import { isObject } from '../../lib/objects';
import type { CoachingDatabase } from '../database';
import { pacer } from '../repositories/backup/pacing';
import { ENCRYPTED_FIELDS_KEY, RECORD_FORMAT_KEY } from '../settings-keys';
import { SEALED_SETTINGS, SEALED_TABLES, isSealedSetting } from './encrypted-fields';
import { isEncryptionInstalled } from './middleware';

/** The value of RECORD_FORMAT_KEY once every record is sealed. */
export const SEALED_RECORD_FORMAT = 2;

/** Records read (and opened) at a time: a page of a large table, each page its own task. */
const READ_PAGE = 2_000;

export interface SealOptions {
  /** Runs inside the same transaction, after the records are written (the keyring). */
  alsoInside?: () => Promise<void>;
}

/** True when the device's records are known to be sealed (RECORD_FORMAT_KEY). */
export async function isResealed(db: CoachingDatabase): Promise<boolean> {
  return (await db.settings.get(RECORD_FORMAT_KEY))?.value === SEALED_RECORD_FORMAT;
}

/**
 * Reads and writes back every record of every sealed table and every sealed setting, so
 * each is sealed with the data key of the moment, in one transaction, paced. Needs the app
 * unlocked (and, for records not sealed yet, ./unsealed-policy.ts saying how to read them).
 * Returns how many records were written.
 */
export async function sealEveryRecord(
  db: CoachingDatabase,
  options: SealOptions = {},
): Promise<number> {
  if (!isEncryptionInstalled(db)) {
    throw new Error('Encryption is not installed on this database, so nothing would be sealed.');
  }
  const tables = db.tables.filter((table) => SEALED_TABLES.has(table.name));
  return db.transaction('rw', [...tables, db.settings], async () => {
    const pace = pacer(db);
    let count = 0;
    for (const table of tables) {
      let page: unknown[] = await table.orderBy(':id').limit(READ_PAGE).toArray();
      while (page.length > 0) {
        for (let start = 0; start < page.length; start += SLICE) {
          await pace();
          await table.bulkPut(page.slice(start, start + SLICE));
        }
        count += page.length;
        if (page.length < READ_PAGE) break;
        const last = page[page.length - 1];
        if (!isObject(last)) break;
        page = await table.where(':id').above(last.id).limit(READ_PAGE).toArray();
      }
    }
    for (const key of SEALED_SETTINGS) {
      const rows = (await db.settings.where('key').startsWith(key).toArray()).filter(
        (row) => isObject(row) && isSealedSetting(row.key),
      );
      for (const row of rows) {
        await pace();
        await db.settings.put(row);
      }
      count += rows.length;
    }
    await db.settings.put({ key: RECORD_FORMAT_KEY, value: SEALED_RECORD_FORMAT });
    await db.settings.delete(ENCRYPTED_FIELDS_KEY);
    if (options.alsoInside) await options.alsoInside();
    return count;
  });
}
