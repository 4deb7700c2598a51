/**
 * Encryption at rest in one layer: a Dexie DBCore middleware that seals every record of the
 * tables in SEALED_TABLES (and the sealed settings) on its way into IndexedDB and opens it on
 * the way out, so the repositories, queries and hooks above it do not change.
 *
 * The work is done by ./sealing-table.ts, loaded with the rest of the sealing code at unlock
 * (or when a passphrase is chosen: ./seal-kit.ts). Until then, on the first screen, this
 * module only passes records through (no passphrase yet: demo data) or refuses them (locked).
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
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTableSchema,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import { DEMO_NAME_PREFIX, isDemoName } from '../../domain/demo-name';
import { isObject } from '../../lib/objects';
import { planFor, type TablePlan } from './encrypted-fields';
import type { SealShape } from './record-seal';
import {
  LOCKED_READ_MESSAGE,
  LOCKED_WRITE_MESSAGE,
  LockedError,
  NOT_SET_UP,
  PassphraseNeededError,
} from './session-key';

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
export function isUpgrade(trans: DBCoreTransaction): boolean {
  return 'mode' in trans && trans.mode === 'versionchange';
}

/** Runs `fn`, turning a synchronous throw into a rejected promise as DBCore callers expect. */
export function attempt<T>(fn: () => Promise<T>): Promise<T> {
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

/**
 * The full sealing layer of a table (./sealing-table.ts), once the sealing code is loaded
 * (./seal-kit.ts provides it at unlock or when a passphrase is chosen).
 */
export type SealingTableFactory = (
  down: DBCoreTable,
  plan: TablePlan,
  getKey: DatabaseKeySource,
  getPreviousKey: PreviousKeySource,
) => DBCoreTable;

let fullTables: SealingTableFactory | null = null;

/** Called by ./seal-kit.ts once the sealing code is loaded. */
export function provideSealingTables(factory: SealingTableFactory): void {
  fullTables = factory;
}

/**
 * A table until the sealing code is loaded (the first screen): with no passphrase yet, records
 * pass through as they are (only demo young people may be written); inside an upgrade, as
 * stored; otherwise (locked, or a key without the code to use it) records are refused.
 */
function basicTable(down: DBCoreTable, plan: TablePlan, getKey: DatabaseKeySource): DBCoreTable {
  const table = down.name;
  const needsSeal = (value: unknown) => isObject(value) && plan.isSealedRow(value);
  /** True when records pass through; throws a LockedError when they must be refused. */
  const passes = (trans: DBCoreTransaction, message: string): boolean => {
    if (getKey() === NOT_SET_UP || isUpgrade(trans)) return true;
    throw new LockedError(message);
  };
  const readable = (trans: DBCoreTransaction, value: unknown) => {
    if (!plan.strict && !needsSeal(value)) return value;
    passes(trans, LOCKED_READ_MESSAGE);
    return value;
  };
  return {
    ...down,
    mutate(req): Promise<DBCoreMutateResponse> {
      if (req.type === 'delete' || req.type === 'deleteRange') return down.mutate(req);
      if (!plan.strict && !req.values.some(needsSeal)) return down.mutate(req);
      return attempt(() => {
        passes(req.trans, LOCKED_WRITE_MESSAGE);
        if (
          getKey() === NOT_SET_UP &&
          table === 'youngPeople' &&
          !isUpgrade(req.trans) &&
          (req.type === 'add' || req.type === 'put') &&
          !req.values.every((value) => isObject(value) && isDemoName(value.name))
        ) {
          throw new PassphraseNeededError(REAL_RECORD_MESSAGE);
        }
        return down.mutate(req);
      });
    },
    get(req) {
      return attempt(() => {
        if (plan.strict) passes(req.trans, LOCKED_READ_MESSAGE);
        return down.get(req).then((value: unknown) => readable(req.trans, value));
      });
    },
    getMany(req) {
      return attempt(() => {
        if (plan.strict) passes(req.trans, LOCKED_READ_MESSAGE);
        return down
          .getMany(req)
          .then((values: unknown[]) => values.map((value) => readable(req.trans, value)));
      });
    },
    query(req) {
      if (!req.values) return down.query(req);
      return attempt(() => {
        if (plan.strict) passes(req.trans, LOCKED_READ_MESSAGE);
        return down.query(req).then((res) => {
          for (const value of res.result) readable(req.trans, value);
          return res;
        });
      });
    },
    openCursor(req) {
      if (!req.values) return down.openCursor(req);
      return attempt(() => {
        if (plan.strict) passes(req.trans, LOCKED_READ_MESSAGE);
        if (plan.strict) return down.openCursor(req);
        return down.openCursor(req).then((cursor) => {
          if (!cursor) return cursor;
          const wrapped: DBCoreCursor = Object.create(cursor, {
            key: { get: () => cursor.key },
            primaryKey: { get: () => cursor.primaryKey },
            value: { get: () => readable(req.trans, cursor.value) },
          });
          return wrapped;
        });
      });
    },
  };
}

/** Hands each request to the full table once the sealing code is there, else to the basic one. */
function sealingTable(
  down: DBCoreTable,
  plan: TablePlan,
  getKey: DatabaseKeySource,
  getPreviousKey: PreviousKeySource,
): DBCoreTable {
  const basic = basicTable(down, plan, getKey);
  let full: DBCoreTable | null = null;
  const now = (): DBCoreTable => {
    if (!full && fullTables) full = fullTables(down, plan, getKey, getPreviousKey);
    return full ?? basic;
  };
  return {
    ...down,
    mutate: (req) => now().mutate(req),
    get: (req) => now().get(req),
    getMany: (req) => now().getMany(req),
    query: (req) => now().query(req),
    openCursor: (req) => now().openCursor(req),
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
