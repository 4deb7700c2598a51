/**
 * The full sealing layer of one table (see ./middleware.ts for what it does): sealing on the
 * way in, opening and checking on the way out, damaged records left out and noted. Loaded with
 * the sealing code at unlock (./seal-kit.ts), and handed to the middleware, which until then
 * only passes records through (no passphrase yet) or refuses them (locked).
 */
import type {
  DBCoreCursor,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
} from 'dexie';
import { isDemoName } from '../../domain/demo-name';
import { isObject } from '../../lib/objects';
import { noteDamage } from './damage-log';
import type { PlainRecord, TablePlan } from './encrypted-fields';
import {
  DamagedRecordError,
  REAL_RECORD_MESSAGE,
  attempt,
  isUpgrade,
  shapeOf,
  type DatabaseKeySource,
  type PreviousKeySource,
} from './middleware';
import {
  isSealedRecord as looksSealed,
  openLegacyRecord,
  openRecord,
  sealRecord,
  type SealFailure,
} from './record-seal';
import {
  LOCKED_READ_MESSAGE,
  LOCKED_WRITE_MESSAGE,
  LockedError,
  NOT_SET_UP,
  PassphraseNeededError,
} from './session-key';
import { unsealedPolicy } from './unsealed-policy';

/** Returned by keyFor when records pass through as they are. */
const AS_STORED = 'as-stored';

/** What reading one stored value gives: the value to show, or why it is left out. */
type Opened = { ok: true; value: unknown } | { ok: false; reason: SealFailure };

export function sealingTable(
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
  function openWith(value: unknown, key: Uint8Array | typeof AS_STORED): Opened {
    if (key === AS_STORED || !needsSeal(value)) return { ok: true, value };
    if (!looksSealed(value)) {
      const policy = unsealedPolicy();
      if (policy === 'plain') return { ok: true, value };
      if (policy === 'legacy-v1') {
        const opened = openLegacyRecord(key, shape, legacyFieldsOf(value), value);
        return opened.ok ? { ok: true, value: opened.record } : opened;
      }
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
      if (looksSealed(value)) {
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
