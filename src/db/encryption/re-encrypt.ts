/**
 * Rewriting records already stored, so that every value of an encrypted field
 * (./encrypted-fields.ts) ends up encrypted: all of them when the passphrase is first chosen
 * (encryptExistingRecords), and at each unlock those still plain (encryptPlainValues). The
 * records are written back through the middleware (./middleware.ts), which does the
 * encrypting: this module only chooses what to write.
 */
import type Dexie from 'dexie';
import { isObject } from '../../lib/objects';
import {
  ALL_FIELD_NAMES,
  ENCRYPTED_SETTINGS,
  FIELDS_BY_TABLE,
  NO_FIELDS,
  SETTING_VALUE,
  isEncryptedSetting,
  type FieldList,
  type PlainRecord,
} from './encrypted-fields';
import { isEncryptedField } from './field-crypto';
import { isEncryptionInstalled, storedForm } from './middleware';
import { ENCRYPTED_FIELDS_KEY } from '../settings-keys';

/** Every stored row of an encrypted setting, parts included. */
async function encryptedSettingRows(settings: Dexie['tables'][number]): Promise<PlainRecord[]> {
  const rows: PlainRecord[] = [];
  for (const key of ENCRYPTED_SETTINGS) {
    const found: unknown[] = await settings.where('key').startsWith(key).toArray();
    for (const row of found) if (isObject(row) && isEncryptedSetting(row.key)) rows.push(row);
  }
  return rows;
}

/** True when the stored list names every encrypted field there is now. */
function listsEveryField(value: unknown): boolean {
  return Array.isArray(value) && ALL_FIELD_NAMES.every((name) => value.includes(name));
}

/**
 * True when a record read through the middleware was stored with a value in one of its
 * encrypted fields that is not encrypted (plain text from before encryption, or from before
 * the field was encrypted). Looks at the stored record, so nothing is decrypted.
 */
function hasPlainValue(record: unknown, fields: FieldList): boolean {
  const stored = storedForm(record);
  if (!isObject(stored)) return false;
  return fields.some(([field]) => {
    const value = stored[field];
    return value !== null && value !== undefined && !isEncryptedField(value);
  });
}

function requireInstalled(db: Dexie): void {
  if (!isEncryptionInstalled(db)) {
    throw new Error('Encryption is not installed on this database, so nothing would be encrypted.');
  }
}

/** The tables with encrypted fields, and the settings table (when the database has one). */
function encryptedTablesOf(db: Dexie) {
  const tables = db.tables.filter((table) => FIELDS_BY_TABLE.has(table.name));
  const settings = db.tables.find((table) => table.name === 'settings');
  return { tables, settings };
}

/**
 * Rewrites every record of every table with encrypted fields, so values stored before
 * encryption was turned on are encrypted (values already encrypted get a fresh IV; nothing
 * else changes, updatedAt included), and records that every field is now encrypted
 * (ENCRYPTED_FIELDS_KEY). One transaction: if anything fails, it rolls back and every record
 * stays as it was. Needs the app unlocked. Returns how many records were written.
 */
export async function encryptExistingRecords(db: Dexie): Promise<number> {
  requireInstalled(db);
  const { tables, settings } = encryptedTablesOf(db);
  return db.transaction('rw', settings ? [...tables, settings] : tables, async () => {
    let count = 0;
    for (const table of tables) {
      const records: unknown[] = await table.toArray();
      await table.bulkPut(records);
      count += records.length;
    }
    if (settings) {
      const found = await encryptedSettingRows(settings);
      await settings.bulkPut(found);
      count += found.length;
      await settings.put({ key: ENCRYPTED_FIELDS_KEY, value: [...ALL_FIELD_NAMES] });
    }
    return count;
  });
}

/**
 * Run at each unlock: encrypts any value of an encrypted field still stored plain, in one
 * transaction, and then records that every field is encrypted (ENCRYPTED_FIELDS_KEY), so
 * later unlocks only read that setting. This covers a field newly added to ENCRYPTED_FIELDS
 * (plain values from before stay readable until then), and a passphrase set up whose first
 * encryption never ran (the keyring is written before encryptExistingRecords: a crash or a
 * closed tab in between leaves plain records under a keyring). Only records with a plain
 * value are written (encrypted values are left as they are); running it again changes
 * nothing. Needs the app unlocked. Returns how many records were written.
 */
export async function encryptPlainValues(db: Dexie): Promise<number> {
  requireInstalled(db);
  const { tables, settings } = encryptedTablesOf(db);
  if (!settings) return 0;
  // A quick look first, so an ordinary unlock never holds every table in a write transaction.
  if (listsEveryField((await settings.get(ENCRYPTED_FIELDS_KEY))?.value)) return 0;
  return db.transaction('rw', [...tables, settings], async () => {
    if (listsEveryField((await settings.get(ENCRYPTED_FIELDS_KEY))?.value)) return 0;
    let count = 0;
    for (const table of tables) {
      const fields = FIELDS_BY_TABLE.get(table.name) ?? NO_FIELDS;
      const plain = (await table.toArray()).filter((record) => hasPlainValue(record, fields));
      if (plain.length > 0) await table.bulkPut(plain);
      count += plain.length;
    }
    const rows = (await encryptedSettingRows(settings)).filter((row) =>
      hasPlainValue(row, SETTING_VALUE),
    );
    if (rows.length > 0) await settings.bulkPut(rows);
    count += rows.length;
    await settings.put({ key: ENCRYPTED_FIELDS_KEY, value: [...ALL_FIELD_NAMES] });
    return count;
  });
}
