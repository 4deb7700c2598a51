/**
 * Encryption at rest in one layer: a Dexie DBCore middleware that encrypts the free-text and
 * identifying fields of every record on its way into IndexedDB and decrypts them on the way
 * out (each field when it is first read), so the repositories, queries and hooks above it do
 * not change.
 *
 * - Only the fields in ENCRYPTED_FIELDS (./encrypted-fields.ts) are encrypted. Ids, dates and
 *   status stay plain, and they are the only things indexed (see ../schema.ts), so every
 *   index keeps working.
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
 *   ENCRYPTED_FIELDS) are read as they are; ./re-encrypt.ts rewrites them encrypted when the
 *   passphrase is chosen (encryptExistingRecords), and at each unlock (encryptPlainValues)
 *   until every field is known to be encrypted (ENCRYPTED_FIELDS_KEY).
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
import { DEMO_NAME_PREFIX, isDemoName } from '../../domain/demo-name';
import { isObject } from '../../lib/objects';
import { planFor, type PlainRecord, type TablePlan } from './encrypted-fields';
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

/** True once installEncryption has run on `db`: only then is anything written encrypted. */
export function isEncryptionInstalled(db: Dexie): boolean {
  return installed.has(db);
}

/**
 * The record as it is stored, for a record read through the middleware (with its encrypted
 * fields as ciphertext, none decrypted); any other value as it is.
 */
export function storedForm(record: unknown): unknown {
  return isObject(record) ? ((record as PlainRecord)[STORED] ?? record) : record;
}
