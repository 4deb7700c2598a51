/**
 * Encryption at rest in one layer: a Dexie DBCore middleware that seals every record of the
 * tables in SEALED_TABLES (and the sealed settings) on its way into IndexedDB and opens it on
 * the way out, so the repositories, queries and hooks above it do not change.
 *
 * - A stored record is its indexed fields and one sealed value holding the whole record
 *   (./record-seal.ts). The indexes (ids, dates, status: see ../schema.ts) keep working; the
 *   plain fields are checked against the sealed copy when the record is read.
 * - A record that fails its check (./record-seal.ts's SealFailure) is never shown as genuine:
 *   it is left out of what is read (get gives undefined, queries and cursors skip it) and
 *   noted in ./damage-log.ts. A query with a limit that left something out is asked again
 *   without the limit, so a page still gets as many records as it asked for. It stays in the
 *   database, to be listed, exported or erased (./damaged-records.ts). Counts and key-only
 *   reads still include it.
 * - A change by Dexie's modify or update that would touch such a record is refused whole
 *   (DamagedRecordError): it is never rewritten as genuine, nor taken for one to delete.
 * - Once encryption is on, a record without a seal is damaged ('not-sealed'), unless
 *   ./unsealed-policy.ts says otherwise: during the one-time upgrade of a device encrypted in
 *   the first format (its "enc:v1:" fields are decrypted, and only those fields of
 *   LEGACY_ENCRYPTED_FIELDS), or while a passphrase is set up on a device that had none.
 * - Sealing is synchronous (field-crypto), so it never lets a transaction commit early.
 * - While no passphrase has been chosen (getKey() returns NOT_SET_UP), records pass through
 *   as they are, and only demo data can be stored: a young person whose name does not start
 *   with "Demo: " is refused (PassphraseNeededError), whatever writes it.
 * - While the app is locked (getKey() returns null), reading or writing a record of a sealed
 *   table throws a LockedError, and nothing reaches IndexedDB. Still allowed while locked:
 *   counts, reads of keys only (ids, dates), deletes, and every other table (settings: the
 *   keyring and the unlock attempts live there).
 * - Schema upgrades run when the database opens, which is before the app can be unlocked.
 *   Inside an upgrade transaction while locked, stored records pass through as they are: an
 *   upgrade sees sealed records (only their indexed fields readable) and must not rewrite
 *   what it cannot read.
 * - While the data key is being changed (./reseal.ts), getPreviousKey() gives the old key,
 *   and a seal that does not open with the new key is tried with the old one.
 */
import type Dexie from 'dexie';
import type {
  DBCore,
  DBCoreCursor,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTableSchema,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import { DEMO_NAME_PREFIX, isDemoName } from '../../domain/demo-name';
import { isObject } from '../../lib/objects';
import { noteDamage } from './damage-log';
import { planFor, type PlainRecord, type TablePlan } from './encrypted-fields';
import { decryptField, isEncryptedField } from './field-crypto';
import {
  isSealedRecord,
  openRecord,
  sealRecord,
  type SealFailure,
  type SealShape,
} from './record-seal';
import {
  LOCKED_READ_MESSAGE,
  LOCKED_WRITE_MESSAGE,
  LockedError,
  NOT_SET_UP,
  PassphraseNeededError,
} from './session-key';
import { unsealedPolicy } from './unsealed-policy';

/**
 * The key for each read and write: the data key; NOT_SET_UP while no passphrase has been
 * chosen (records pass through as they are: only demo data is stored then); or null while
 * locked (records are refused).
 */
export type DatabaseKeySource = () => Uint8Array | typeof NOT_SET_UP | null;

/** The old data key while the key is being changed, else null. */
export type PreviousKeySource = () => Uint8Array | null;

/** The fields kept plain in a table: its primary key and every index, compound ones split. */
export function plainFieldsOf(schema: DBCoreTableSchema): string[] {
  const fields = new Set<string>();
  for (const index of [schema.primaryKey, ...schema.indexes]) {
    const paths = index.keyPath;
    if (paths === null || paths === undefined) continue;
    for (const path of Array.isArray(paths) ? paths : [paths]) fields.add(path);
  }
  return [...fields];
}

/** How a Dexie table's records are sealed. */
export function shapeOf(schema: DBCoreTableSchema): SealShape {
  const extractKey = schema.primaryKey.extractKey;
  return {
    table: schema.name,
    plainFields: plainFieldsOf(schema),
    idOf: (record) => (extractKey ? extractKey(record) : undefined),
  };
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

/** Why a young person is refused before a passphrase is chosen. */
export const REAL_RECORD_MESSAGE = `Choose a passphrase first (in Settings), so that real records are kept encrypted on this device. Until then only demo young people, named “${DEMO_NAME_PREFIX}…”, can be saved.`;

/**
 * Thrown when a change (Dexie's modify or update) would touch a record that failed its
 * check: it is neither changed nor deleted, and nothing else of the change is written.
 */
export class DamagedRecordError extends Error {
  constructor(table: string) {
    super(
      `A damaged record in ${table} is in the way, so nothing was changed. See "Damaged records" in Settings.`,
    );
    this.name = 'DamagedRecordError';
  }
}

/** Returned by keyFor when records pass through as they are. */
const AS_STORED = 'as-stored';

/** What reading one stored value gives: the value to show, or why it is left out. */
type Opened = { ok: true; value: unknown } | { ok: false; reason: SealFailure };

/** Where a first-format value belongs (its associated data then). */
function legacyContext(table: string, id: unknown, field: string): string {
  const idText = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  return `${table}/${idText}/${field}`;
}

function sealingTable(
  down: DBCoreTable,
  { strict, isSealedRow, legacyFieldsOf }: TablePlan,
  getKey: DatabaseKeySource,
  getPreviousKey: PreviousKeySource,
): DBCoreTable {
  const table = down.name;
  const shape = shapeOf(down.schema);
  const plainFields = new Set(shape.plainFields);

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

  const needsSeal = (value: unknown): value is PlainRecord => isObject(value) && isSealedRow(value);

  function seal(value: unknown, key: Uint8Array): unknown {
    return needsSeal(value) ? sealRecord(key, shape, value) : value;
  }

  /** A first-format record: its "enc:v1:" values of the legacy fields decrypted. */
  function openLegacy(value: PlainRecord, key: Uint8Array): Opened {
    let copy: PlainRecord | null = null;
    for (const [field, kind] of legacyFieldsOf(value)) {
      const stored = value[field];
      if (!isEncryptedField(stored)) continue;
      try {
        const text = decryptField(key, stored, legacyContext(table, shape.idOf(value), field));
        copy ??= { ...value };
        copy[field] = kind === 'json' ? JSON.parse(text) : text;
      } catch {
        return { ok: false, reason: 'seal-broken' };
      }
    }
    return { ok: true, value: copy ?? value };
  }

  function openWith(value: unknown, key: Uint8Array | typeof AS_STORED): Opened {
    if (key === AS_STORED || !needsSeal(value)) return { ok: true, value };
    if (!isSealedRecord(value)) {
      const policy = unsealedPolicy();
      if (policy === 'plain') return { ok: true, value };
      if (policy === 'legacy-v1') return openLegacy(value, key);
      return { ok: false, reason: 'not-sealed' };
    }
    let opened = openRecord(key, shape, value);
    const previous = opened.ok ? null : getPreviousKey();
    if (previous) opened = openRecord(previous, shape, value);
    return opened.ok ? { ok: true, value: opened.record } : opened;
  }

  /** Opens a stored value; one that fails its check is noted and left out (undefined). */
  function openOrNote(value: unknown, key: Uint8Array | typeof AS_STORED): Opened {
    if (value === undefined) return { ok: true, value };
    const opened = openWith(value, key);
    if (!opened.ok)
      noteDamage(table, isObject(value) ? shape.idOf(value) : undefined, opened.reason);
    return opened;
  }

  /** The key to read with: as stored when there is no passphrase yet (sealed rows left out). */
  function readKey(trans: DBCoreTransaction): Uint8Array | typeof AS_STORED | 'not-set-up' {
    if (getKey() === NOT_SET_UP) return NOT_SET_UP;
    return keyFor(trans, LOCKED_READ_MESSAGE);
  }

  function openRead(value: unknown, key: ReturnType<typeof readKey>): Opened {
    if (key === NOT_SET_UP) {
      // No key yet: a sealed record cannot be read (and should not be there).
      if (isSealedRecord(value)) {
        noteDamage(table, isObject(value) ? shape.idOf(value) : undefined, 'seal-broken');
        return { ok: false, reason: 'seal-broken' };
      }
      return { ok: true, value };
    }
    return openOrNote(value, key);
  }

  /** Plain text must not travel down in a change description: only plain fields are kept. */
  function plainOnly(spec: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(spec).filter(([path]) => plainFields.has(path.split('.')[0] ?? path)),
    );
  }

  function sealRequest(req: DBCoreMutateRequest, key: Uint8Array): DBCoreMutateRequest {
    if (req.type === 'add') return { ...req, values: req.values.map((v) => seal(v, key)) };
    if (req.type !== 'put') return req;
    const sealed = { ...req, values: req.values.map((v) => seal(v, key)) };
    if (req.changeSpec) sealed.changeSpec = plainOnly(req.changeSpec);
    if (req.updates) {
      sealed.updates = {
        keys: req.updates.keys,
        changeSpecs: req.updates.changeSpecs.map(plainOnly),
      };
    }
    return sealed;
  }

  /** A cursor that opens each record once, and steps over those that fail their check. */
  function openCursor(cursor: DBCoreCursor, key: () => ReturnType<typeof readKey>): DBCoreCursor {
    let stored: unknown;
    let opened: Opened = { ok: true, value: undefined };
    let hasOpened = false;
    const current = (): Opened => {
      const value: unknown = cursor.value;
      if (!hasOpened || value !== stored) {
        opened = !strict && !needsSeal(value) ? { ok: true, value } : openRead(value, key());
        stored = value;
        hasOpened = true;
      }
      return opened;
    };
    // The real cursor's native getters need the real cursor as `this`, so key and primaryKey
    // are passed through explicitly; continue, stop and the rest are inherited from it.
    const wrapped: DBCoreCursor = Object.create(cursor, {
      key: { get: () => cursor.key },
      primaryKey: { get: () => cursor.primaryKey },
      value: {
        get: () => {
          const now = current();
          return now.ok ? now.value : undefined;
        },
      },
      start: {
        value: (onNext: () => void) =>
          cursor.start(() => {
            if (current().ok) onNext();
            else cursor.continue();
          }),
      },
    });
    return wrapped;
  }

  return {
    ...down,
    mutate(req): Promise<DBCoreMutateResponse> {
      if (req.type === 'delete' || req.type === 'deleteRange') return down.mutate(req);
      if (!strict && !req.values.some(needsSeal)) return down.mutate(req);
      return attempt(() => {
        if (getKey() === NOT_SET_UP) refuseRealYoungPeople(req);
        const key = keyFor(req.trans, LOCKED_WRITE_MESSAGE);
        return down.mutate(key === AS_STORED ? req : sealRequest(req, key));
      });
    },
    get(req) {
      return attempt(() => {
        const key = strict ? readKey(req.trans) : null;
        return down.get(req).then((value: unknown) => {
          if (!strict && !needsSeal(value)) return value;
          const opened = openRead(value, key ?? readKey(req.trans));
          return opened.ok ? opened.value : undefined;
        });
      });
    },
    getMany(req) {
      return attempt(() => {
        const key = strict ? readKey(req.trans) : null;
        return down.getMany(req).then((values: unknown[]) =>
          values.map((value) => {
            if (!strict && !needsSeal(value)) return value;
            const opened = openRead(value, key ?? readKey(req.trans));
            if (opened.ok) return opened.value;
            // Dexie's modify (and update) reads the records it changes this way, and would
            // take a missing one for a record to delete: refuse the whole change instead.
            if (req.cache === 'immutable') throw new DamagedRecordError(table);
            return undefined;
          }),
        );
      });
    },
    query(req) {
      if (!req.values) return down.query(req);
      return attempt(() => {
        const key = strict ? readKey(req.trans) : null;
        const openResult = (result: readonly unknown[]) =>
          result.flatMap((value) => {
            if (!strict && !needsSeal(value)) return [value];
            const opened = openRead(value, key ?? readKey(req.trans));
            return opened.ok ? [opened.value] : [];
          });
        return down.query(req).then((res) => {
          const result = openResult(res.result);
          const limit = req.limit;
          const dropped = result.length < res.result.length;
          if (!dropped || limit === undefined || res.result.length < limit) {
            return { ...res, result };
          }
          // Some were left out of a full page: ask again without the limit.
          return down.query({ ...req, limit: undefined }).then((all) => ({
            ...all,
            result: openResult(all.result).slice(0, limit),
          }));
        });
      });
    },
    openCursor(req) {
      if (!req.values) return down.openCursor(req);
      return attempt(() => {
        // Settings: the key is asked for only when a sealed row is met (plain ones are read
        // while locked too).
        let known: ReturnType<typeof readKey> | null = strict ? readKey(req.trans) : null;
        const key = () => (known ??= readKey(req.trans));
        return down.openCursor(req).then((cursor) => (cursor ? openCursor(cursor, key) : cursor));
      });
    },
  };
}

/**
 * The middleware: seals records with the key `getKey` returns at the moment of each read or
 * write (never kept), and refuses records while it returns null.
 */
function encryptionMiddleware(
  getKey: DatabaseKeySource,
  getPreviousKey: PreviousKeySource,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'record-sealing',
    // Above Dexie's own middlewares (hooks, cache, observability: levels 2 and below), so they
    // only ever see sealed records, and everything above sees opened ones.
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
            table = sealingTable(downTable, plan, getKey, getPreviousKey);
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
export function installEncryption(
  db: Dexie,
  getKey: DatabaseKeySource,
  getPreviousKey: PreviousKeySource = () => null,
): void {
  if (db.isOpen()) throw new Error('Install encryption before the database is opened.');
  db.use(encryptionMiddleware(getKey, getPreviousKey));
  installed.add(db);
}

/** True once installEncryption has run on `db`: only then is anything written sealed. */
export function isEncryptionInstalled(db: Dexie): boolean {
  return installed.has(db);
}
