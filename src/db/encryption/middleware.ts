/**
 * Encryption at rest in one layer: a Dexie DBCore middleware that encrypts the free-text and
 * identifying fields of every record on its way into IndexedDB and decrypts them on the way
 * out (each field when it is first read), so the repositories, queries and hooks above it do
 * not change.
 *
 * - Only the fields in ENCRYPTED_FIELDS are encrypted. Ids, dates and status stay plain, and
 *   they are the only things indexed (see ../schema.ts), so every index keeps working.
 * - Each value is bound to its table, record id and field (field-crypto's context), so a
 *   value copied into another record or field does not decrypt.
 * - Encryption is synchronous (field-crypto), so it never lets a transaction commit early.
 * - While no passphrase has been chosen (getKey() returns NOT_SET_UP), values pass through
 *   as they are, and only demo data can be stored: a young person whose name does not start
 *   with "Demo: " is refused (PassphraseNeededError), whatever writes it (adding, editing,
 *   closing), so a demo young person cannot be renamed into a real one and kept readable.
 * - While the app is locked (getKey() returns null), reading or writing a record of an
 *   encrypted table throws a LockedError, and nothing reaches IndexedDB. Still allowed
 *   while locked: counts, reads of keys only (ids, dates), deletes, and every table without
 *   encrypted fields (ratings, settings: the keyring and the unlock attempts live there).
 * - Values stored before encryption was turned on (or before their field was added to
 *   ENCRYPTED_FIELDS) are read as they are; encryptExistingRecords rewrites them encrypted when
 *   the passphrase is chosen, and encryptPlainValues at each unlock, until every field is
 *   known to be encrypted (ENCRYPTED_FIELDS_KEY).
 * - Schema upgrades run when the database opens, which is before the app can be unlocked
 *   (the keyring is in the same database). Inside an upgrade transaction while locked, the
 *   stored values pass through as they are: an upgrade sees ciphertext ("enc:v1:...") in
 *   encrypted fields and must not rewrite them. (The v1 -> v2 upgrade only meets data from
 *   before encryption existed.)
 */
import type Dexie from 'dexie';
import type {
  DBCore,
  DBCoreCursor,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCorePutRequest,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import type { Draft } from '../../domain/draft';
import { DEMO_NAME_PREFIX, isDemoName } from '../../domain/demo-name';
import type { Closure, Goal, ResilienceMap, Session, YoungPerson } from '../../domain/schemas';
import { isObject } from '../../lib/objects';
import { decryptField, encryptField, isEncryptedField } from './field-crypto';
import {
  LOCKED_READ_MESSAGE,
  LOCKED_WRITE_MESSAGE,
  LockedError,
  NOT_SET_UP,
  PassphraseNeededError,
} from './session-key';

/**
 * The key for each read and write: the data key; NOT_SET_UP while no passphrase has been
 * chosen (values pass through as they are: only demo data is stored then); or null while
 * locked (records are refused).
 */
export type DatabaseKeySource = () => Uint8Array | typeof NOT_SET_UP | null;

/** 'text': a string, encrypted as it is. 'json': any value, as JSON text. */
export type EncryptedFieldKind = 'text' | 'json';

interface EncryptableRecords {
  youngPeople: YoungPerson;
  goals: Goal;
  sessions: Session;
  closures: Closure;
  resilienceMaps: ResilienceMap;
  drafts: Draft;
}

/**
 * The fields stored encrypted, by table. Left plain on purpose: ids, dates and status (the
 * indexes, which queries need), referralDate and closedOn (indexed dates), goal domains and
 * moves, session location, moves and noble truths, map tiles (framework ids), closure reasons
 * and outcomes (fixed choices), scores and ratings. A young person's programme is free text
 * (it is not indexed: reports filter it in memory), and a closure's reopenReason too, so both
 * are encrypted.
 */
export const ENCRYPTED_FIELDS = {
  youngPeople: {
    name: 'text',
    dateOfBirth: 'text',
    school: 'text',
    programme: 'text',
    closureReason: 'text',
  },
  goals: { text: 'text' },
  sessions: { notes: 'text' },
  closures: {
    reasonDetail: 'text',
    youngPersonComments: 'text',
    parentCarerComments: 'text',
    reopenReason: 'text',
  },
  resilienceMaps: { examples: 'json' },
  drafts: { values: 'json' },
} as const satisfies {
  [T in keyof EncryptableRecords]: Partial<Record<keyof EncryptableRecords[T], EncryptedFieldKind>>;
};

export type EncryptedTableName = keyof typeof ENCRYPTED_FIELDS;

type FieldList = readonly (readonly [string, EncryptedFieldKind])[];

const FIELDS_BY_TABLE: ReadonlyMap<string, FieldList> = new Map(
  Object.entries(ENCRYPTED_FIELDS).map(([table, fields]) => [table, Object.entries(fields)]),
);

/**
 * Settings whose value holds records about young people, stored encrypted like record
 * fields: the safety copy kept before a restore replaced everything. Every other setting
 * (the keyring, wrong tries, the PIN's hash, the handover, numbers and dates) stays plain,
 * since the app needs some of them while locked.
 */
export const ENCRYPTED_SETTINGS: ReadonlySet<string> = new Set(['restoreSafetyCopy']);

/**
 * True for an encrypted setting, or a further part of one: a large value (the safety copy)
 * is kept in parts, `restoreSafetyCopy`, then `restoreSafetyCopy:1`, `restoreSafetyCopy:2`, …
 */
function isEncryptedSetting(key: unknown): boolean {
  if (typeof key !== 'string') return false;
  const colon = key.indexOf(':');
  return ENCRYPTED_SETTINGS.has(colon === -1 ? key : key.slice(0, colon));
}

/** Every stored row of an encrypted setting, parts included. */
async function encryptedSettingRows(settings: Dexie['tables'][number]): Promise<PlainRecord[]> {
  const rows: PlainRecord[] = [];
  for (const key of ENCRYPTED_SETTINGS) {
    const found: unknown[] = await settings.where('key').startsWith(key).toArray();
    for (const row of found) if (isObject(row) && isEncryptedSetting(row.key)) rows.push(row);
  }
  return rows;
}

const SETTING_VALUE: FieldList = [['value', 'json']];
const NO_FIELDS: FieldList = [];

/** How one table is encrypted. */
interface TablePlan {
  /** The encrypted fields of this record (all of them for most tables). */
  fieldsOf: (record: PlainRecord) => FieldList;
  /** Every field that can be encrypted in this table. */
  allFields: FieldList;
  /**
   * True when every record has encrypted fields, so any read or write of a record while
   * locked is refused. False for settings: only the encrypted ones are refused then.
   */
  strict: boolean;
}

function planFor(table: string): TablePlan | null {
  const fields = FIELDS_BY_TABLE.get(table);
  if (fields) return { fieldsOf: () => fields, allFields: fields, strict: true };
  if (table !== 'settings') return null;
  return {
    fieldsOf: (record) => (isEncryptedSetting(record.key) ? SETTING_VALUE : NO_FIELDS),
    allFields: SETTING_VALUE,
    strict: false,
  };
}

type PlainRecord = Record<string | symbol, unknown>;

/** Where a value belongs: it decrypts only there. */
function fieldContext(table: string, id: unknown, field: string): string {
  const idText = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  return `${table}/${idText}/${field}`;
}

/** An upgrade transaction (IndexedDB's "versionchange"), which runs while the app is locked. */
function isUpgrade(trans: DBCoreTransaction): boolean {
  return 'mode' in trans && trans.mode === 'versionchange';
}

/** Runs `fn`, turning a synchronous throw into a rejected promise as DBCore callers expect. */
function attempt<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * On a record read with encrypted fields: the record as it is stored (with the ciphertext),
 * kept out of sight (a symbol, not enumerable: spreading, JSON, structured cloning and
 * Object.keys never see it) until an encrypted field is first read.
 */
const STORED = Symbol('stored record');

/** A field's value from here on: an ordinary data property, as on any other record. */
function settle(record: PlainRecord, field: string, value: unknown): void {
  // Reflect: a frozen record keeps its getter (and decrypts again on the next read).
  Reflect.defineProperty(record, field, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** Why a young person is refused before a passphrase is chosen. */
export const REAL_RECORD_MESSAGE = `Choose a passphrase first (in Settings), so that real records are kept encrypted on this device. Until then only demo young people, named “${DEMO_NAME_PREFIX}…”, can be saved.`;

/** Returned by keyFor when values pass through as they are (an upgrade while locked). */
const AS_STORED = 'as-stored';

function encryptingTable(
  down: DBCoreTable,
  { fieldsOf, allFields, strict }: TablePlan,
  getKey: DatabaseKeySource,
): DBCoreTable {
  const table = down.name;
  const extractKey = down.schema.primaryKey.extractKey;
  const idOf = (record: PlainRecord): unknown => (extractKey ? extractKey(record) : undefined);

  function keyFor(trans: DBCoreTransaction, lockedMessage: string): Uint8Array | typeof AS_STORED {
    const key = getKey();
    if (key === NOT_SET_UP) return AS_STORED;
    if (key) return key;
    if (isUpgrade(trans)) return AS_STORED;
    throw new LockedError(lockedMessage);
  }

  /**
   * Before a passphrase is chosen records are stored as they are, so only demo young people
   * (named "Demo: …") may be written. (Upgrades rewrite what is already stored.)
   */
  function refuseRealYoungPeople(req: DBCoreMutateRequest): void {
    if (table !== 'youngPeople' || isUpgrade(req.trans)) return;
    if (req.type !== 'add' && req.type !== 'put') return;
    if (req.values.every((value) => isObject(value) && isDemoName(value.name))) return;
    throw new PassphraseNeededError(REAL_RECORD_MESSAGE);
  }

  /** A copy of `value` with its fields encrypted; the caller's object is never changed. */
  function seal(value: unknown, key: Uint8Array): unknown {
    if (!isObject(value)) return value;
    const id = idOf(value);
    let copy: PlainRecord | null = null;
    for (const [field, kind] of fieldsOf(value)) {
      const plain = value[field];
      if (plain === null || plain === undefined) continue;
      const text = kind === 'json' ? JSON.stringify(plain) : plain;
      if (typeof text !== 'string') {
        throw new TypeError(`${table}.${field} must be text to be stored encrypted.`);
      }
      copy ??= { ...value };
      copy[field] = encryptField(key, text, fieldContext(table, id, field));
    }
    return copy ?? value;
  }

  /**
   * The getter and setter of each encrypted field, one pair per field shared by every record
   * of the table (so that records read in their thousands share one shape and stay quick).
   * The getter decrypts the stored value with the key of the moment (never kept), and from
   * then on the field is an ordinary property holding the plain value. Setting the field
   * replaces it, as with any property.
   */
  const accessors = new Map<string, PropertyDescriptor>(
    allFields.map(([field, kind]) => [
      field,
      {
        enumerable: true,
        configurable: true,
        get(this: PlainRecord): unknown {
          const stored = this[STORED];
          if (!isObject(stored)) return undefined;
          const sealed = stored[field];
          const key = getKey();
          if (key === NOT_SET_UP || !isEncryptedField(sealed)) return sealed;
          if (!key) throw new LockedError(LOCKED_READ_MESSAGE);
          const text = decryptField(key, sealed, fieldContext(table, idOf(stored), field));
          const value: unknown = kind === 'json' ? JSON.parse(text) : text;
          settle(this, field, value);
          return value;
        },
        set(this: PlainRecord, value: unknown): void {
          settle(this, field, value);
        },
      },
    ]),
  );

  /**
   * A copy of a stored record whose encrypted fields are decrypted when first read (plain
   * ones are as they are; the fields keep their order). Pages read few of the fields of the
   * records they load: the caseload sorts by name and never reads a school or notes, and the
   * service report reads none of them, so decrypting every field of every record up front
   * took most of those pages' time with a large caseload. Read while locked, a field not yet
   * decrypted throws a LockedError; a value that does not decrypt (wrong key, changed or
   * moved) throws a FieldDecryptError when it is read.
   */
  function open(value: unknown): unknown {
    if (!isObject(value)) return value;
    // A record's encrypted fields are all of its table's (or none, for most settings).
    const fields = fieldsOf(value);
    if (!fields.some(([field]) => isEncryptedField(value[field]))) return value;
    const copy: PlainRecord = {};
    for (const field of Object.keys(value)) {
      const stored = value[field];
      const accessor = isEncryptedField(stored) ? accessors.get(field) : undefined;
      if (accessor) Object.defineProperty(copy, field, accessor);
      else copy[field] = stored;
    }
    Object.defineProperty(copy, STORED, { value });
    return copy;
  }

  /** True when the record has an encrypted field with a value (to seal or to open). */
  function hasSealedFields(value: unknown, stored: boolean): boolean {
    if (!isObject(value)) return false;
    return fieldsOf(value).some(([field]) =>
      stored ? isEncryptedField(value[field]) : value[field] !== null && value[field] !== undefined,
    );
  }

  function openRead(trans: DBCoreTransaction, value: unknown): unknown {
    if (!strict && !hasSealedFields(value, true)) return value;
    const key = keyFor(trans, LOCKED_READ_MESSAGE);
    return key === AS_STORED ? value : open(value);
  }

  /** Plain text must not travel down in a change description: encrypted fields are left out. */
  function withoutEncryptedFields(spec: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(spec).filter(
        ([path]) => !allFields.some(([field]) => path === field || path.startsWith(`${field}.`)),
      ),
    );
  }

  function sealRequest(req: DBCoreMutateRequest, key: Uint8Array): DBCoreMutateRequest {
    if (req.type === 'add') return { ...req, values: req.values.map((v) => seal(v, key)) };
    if (req.type !== 'put') return req;
    const sealed: DBCorePutRequest = { ...req, values: req.values.map((v) => seal(v, key)) };
    if (req.changeSpec) sealed.changeSpec = withoutEncryptedFields(req.changeSpec);
    if (req.updates) {
      sealed.updates = {
        keys: req.updates.keys,
        changeSpecs: req.updates.changeSpecs.map(withoutEncryptedFields),
      };
    }
    return sealed;
  }

  function openCursor(cursor: DBCoreCursor, trans: DBCoreTransaction): DBCoreCursor {
    // Decrypted once per position. The real cursor's native getters need the real cursor as
    // `this`, so key and primaryKey are passed through explicitly; continue, start, stop and
    // the rest are inherited from it.
    let stored: unknown;
    let opened: unknown;
    let hasOpened = false;
    const wrapped: DBCoreCursor = Object.create(cursor, {
      key: { get: () => cursor.key },
      primaryKey: { get: () => cursor.primaryKey },
      value: {
        get: () => {
          const value: unknown = cursor.value;
          if (!hasOpened || value !== stored) {
            opened = openRead(trans, value);
            stored = value;
            hasOpened = true;
          }
          return opened;
        },
      },
    });
    return wrapped;
  }

  return {
    ...down,
    mutate(req): Promise<DBCoreMutateResponse> {
      if (req.type === 'delete' || req.type === 'deleteRange') return down.mutate(req);
      if (!strict && !req.values.some((value) => hasSealedFields(value, false))) {
        return down.mutate(req);
      }
      return attempt(() => {
        if (getKey() === NOT_SET_UP) refuseRealYoungPeople(req);
        const key = keyFor(req.trans, LOCKED_WRITE_MESSAGE);
        return down.mutate(key === AS_STORED ? req : sealRequest(req, key));
      });
    },
    get(req) {
      return attempt(() => {
        if (strict) keyFor(req.trans, LOCKED_READ_MESSAGE);
        return down.get(req).then((value: unknown) => openRead(req.trans, value));
      });
    },
    getMany(req) {
      return attempt(() => {
        if (strict) keyFor(req.trans, LOCKED_READ_MESSAGE);
        return down
          .getMany(req)
          .then((values: unknown[]) => values.map((value) => openRead(req.trans, value)));
      });
    },
    query(req) {
      if (!req.values) return down.query(req);
      return attempt(() => {
        if (strict) keyFor(req.trans, LOCKED_READ_MESSAGE);
        return down.query(req).then((res) => ({
          ...res,
          result: res.result.map((value: unknown) => openRead(req.trans, value)),
        }));
      });
    },
    openCursor(req) {
      if (!req.values) return down.openCursor(req);
      return attempt(() => {
        if (strict) keyFor(req.trans, LOCKED_READ_MESSAGE);
        return down
          .openCursor(req)
          .then((cursor) => (cursor ? openCursor(cursor, req.trans) : cursor));
      });
    },
  };
}

/**
 * The middleware: encrypts ENCRYPTED_FIELDS with the key `getKey` returns at the moment of
 * each read or write (never kept), and refuses records while it returns null.
 */
function encryptionMiddleware(getKey: DatabaseKeySource): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'field-encryption',
    // Above Dexie's own middlewares (hooks, cache, observability: levels 2 and below), so they
    // only ever see encrypted records, and everything above sees decrypted ones.
    level: 10,
    create(down) {
      const tables = new Map<string, DBCoreTable>();
      return {
        ...down,
        table(name) {
          const downTable = down.table(name);
          const plan = planFor(name);
          if (!plan) return downTable;
          let table = tables.get(name);
          if (!table) {
            table = encryptingTable(downTable, plan, getKey);
            tables.set(name, table);
          }
          return table;
        },
      };
    },
  };
}

const installed = new WeakSet<Dexie>();

/** Installs the middleware on a database. Must run before the database is first opened. */
export function installEncryption(db: Dexie, getKey: DatabaseKeySource): void {
  if (db.isOpen()) throw new Error('Install encryption before the database is opened.');
  db.use(encryptionMiddleware(getKey));
  installed.add(db);
}

/**
 * Settings key: the encrypted fields ("youngPeople.name", …, "settings.restoreSafetyCopy")
 * whose every stored value is known to be encrypted. Written in the same transaction as the
 * values, so an unlock can skip encryptPlainValues' scan once it lists every current field.
 */
export const ENCRYPTED_FIELDS_KEY = 'encryptedFields';

/** Every encrypted field, as ENCRYPTED_FIELDS_KEY lists them. */
const ALL_FIELD_NAMES: readonly string[] = [
  ...[...FIELDS_BY_TABLE].flatMap(([table, fields]) =>
    fields.map(([field]) => `${table}.${field}`),
  ),
  ...[...ENCRYPTED_SETTINGS].map((key) => `settings.${key}`),
];

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
  if (!isObject(record)) return false;
  const stored = (record as PlainRecord)[STORED] ?? record;
  if (!isObject(stored)) return false;
  return fields.some(([field]) => {
    const value = stored[field];
    return value !== null && value !== undefined && !isEncryptedField(value);
  });
}

function requireInstalled(db: Dexie): void {
  if (!installed.has(db)) {
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
