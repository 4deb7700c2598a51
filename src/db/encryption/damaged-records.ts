/**
 * Damaged records: stored records that fail their check (./record-seal.ts), which the
 * middleware leaves out of every read. They are kept, and listed here from what is really
 * stored (read with IndexedDB itself, below the middleware): table, id, why, and the young
 * person they claim to belong to (their plain youngPersonId, or for a rating its goal's),
 * which cannot be trusted but says where the coach may miss something. One can be exported
 * as it is stored (for inspection: its ciphertext and plain fields, nothing decrypted), or
 * erased.
 */
import { isObject } from '../../lib/objects';
import { getDb } from '../database';
import { SEALED_TABLES, isSealedSetting } from './encrypted-fields';
import { shapeOf } from './middleware';
import { isSealedRecord, openRecord, type SealFailure } from './record-seal';
import { getDataKey, LockedError } from './session-key';
import { acceptsUnsealed } from './unsealed-policy';

export interface DamagedRecord {
  table: string;
  id: string;
  reason: SealFailure;
  /** The young person it claims to belong to (not checked: it failed its check), if any. */
  youngPersonId: string | null;
}

/** The words for each table, for the list. */
export const RECORD_KIND: Readonly<Record<string, string>> = {
  youngPeople: 'Young person',
  goals: 'Goal',
  sessions: 'Session',
  ratings: 'Rating',
  closures: 'Case closure',
  resilienceMaps: 'Resilience map',
  drafts: 'Draft',
  settings: 'Restore safety copy',
};

/** Why a record is listed, in words. */
export const REASON_TEXT: Readonly<Record<SealFailure, string>> = {
  'not-sealed': 'It is not encrypted, so it was not written by this app.',
  'seal-broken': 'It does not open with this device’s key: it was changed, moved or copied in.',
  'fields-changed':
    'It opens, but who or what it belongs to (an id, a date or a status) was changed.',
};

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const text = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : null;

/** The tables whose records carry a youngPersonId index. */
const BY_YOUNG_PERSON = ['goals', 'sessions', 'closures', 'resilienceMaps', 'drafts'];

/**
 * The stored rows of the sealed tables (and sealed settings), as stored, by table: all of
 * them, or (with `youngPersonId`) only the young person and the rows that name them, found
 * through the indexes, with the ratings of their goals.
 */
async function readRaw(youngPersonId?: string): Promise<Map<string, unknown[]>> {
  const db = getDb();
  await db.open();
  const idb = db.backendDB();
  const tables = db.tables.map((t) => t.name).filter((name) => SEALED_TABLES.has(name));
  const stores = [...tables, 'settings'].filter((name) => idb.objectStoreNames.contains(name));
  const tx = idb.transaction(stores, 'readonly');
  if (youngPersonId === undefined) {
    const rows = await Promise.all(stores.map((store) => request(tx.objectStore(store).getAll())));
    return new Map(
      stores.map((store, i) => [
        store,
        store === 'settings'
          ? (rows[i] ?? []).filter((row: unknown) => isObject(row) && isSealedSetting(row.key))
          : (rows[i] ?? []),
      ]),
    );
  }
  const found = new Map<string, unknown[]>();
  const person: unknown = stores.includes('youngPeople')
    ? await request(tx.objectStore('youngPeople').get(youngPersonId))
    : undefined;
  found.set('youngPeople', person === undefined ? [] : [person]);
  for (const store of BY_YOUNG_PERSON.filter((name) => stores.includes(name))) {
    const index = tx.objectStore(store).index('youngPersonId');
    found.set(store, await request(index.getAll(youngPersonId)));
  }
  if (stores.includes('ratings')) {
    const goalIds = (found.get('goals') ?? []).flatMap((goal) =>
      isObject(goal) && typeof goal.id === 'string' ? [goal.id] : [],
    );
    const index = tx.objectStore('ratings').index('goalId');
    const ratings = await Promise.all(goalIds.map((id) => request(index.getAll(id))));
    found.set('ratings', ratings.flat());
  }
  return found;
}

/** Why a stored row fails its check, or null when it is genuine. */
function failureOf(key: Uint8Array, table: string, row: unknown): SealFailure | null {
  if (!isSealedRecord(row)) return acceptsUnsealed() ? null : 'not-sealed';
  const opened = openRecord(key, shapeOf(getDb().table(table).core.schema), row);
  return opened.ok ? null : opened.reason;
}

/**
 * Every damaged record on the device, by table; with `youngPersonId`, only those claiming to
 * belong to that young person (or being them). None while no data key is held: before a
 * passphrase is chosen nothing is sealed (and while locked nothing is shown).
 */
export async function findDamagedRecords(youngPersonId?: string): Promise<DamagedRecord[]> {
  const key = getDataKey();
  if (!key) return [];
  const raw = await readRaw(youngPersonId);
  const goalOwner = new Map<string, string>();
  for (const row of raw.get('goals') ?? []) {
    if (!isObject(row)) continue;
    const id = text(row.id);
    const owner = text(row.youngPersonId);
    if (id && owner) goalOwner.set(id, owner);
  }
  const claimedBy = (table: string, row: Record<string, unknown>): string | null => {
    if (table === 'youngPeople') return text(row.id);
    if (table === 'ratings') return goalOwner.get(text(row.goalId) ?? '') ?? null;
    return text(row.youngPersonId);
  };
  const found: DamagedRecord[] = [];
  for (const [table, rows] of raw) {
    for (const row of rows) {
      if (!isObject(row)) continue;
      const owner = claimedBy(table, row);
      if (youngPersonId !== undefined && owner !== youngPersonId) continue;
      const reason = failureOf(key, table, row);
      if (!reason) continue;
      const id = text(table === 'settings' ? row.key : row.id) ?? '(no id)';
      found.push({ table, id, reason, youngPersonId: owner });
    }
  }
  return found;
}

/** The stored row of a record listed as damaged, or undefined when it is not (any more). */
async function storedDamaged(table: string, id: string): Promise<unknown> {
  const key = getDataKey();
  if (!key) throw new LockedError();
  if (!SEALED_TABLES.has(table) && !(table === 'settings' && isSealedSetting(id))) return undefined;
  const db = getDb();
  await db.open();
  const tx = db.backendDB().transaction([table], 'readonly');
  const row: unknown = await request(tx.objectStore(table).get(id));
  if (row === undefined || !failureOf(key, table, row)) return undefined;
  return row;
}

/**
 * A damaged record as it is stored, as JSON text for the coach to download and have it
 * looked at (its ciphertext and plain fields: nothing in it is decrypted). Null when it is
 * not damaged (or not there).
 */
export async function damagedRecordJson(table: string, id: string): Promise<string | null> {
  const row = await storedDamaged(table, id);
  if (row === undefined) return null;
  return JSON.stringify({ table, id, stored: row }, null, 2);
}

/**
 * Erases a damaged record. Only a record that still fails its check is erased (a genuine one
 * never is, whatever id is given). Returns true when it was erased.
 */
export async function eraseDamagedRecord(table: string, id: string): Promise<boolean> {
  if ((await storedDamaged(table, id)) === undefined) return false;
  // Deleting needs no key, and goes through Dexie so live queries hear of it.
  await getDb().table(table).delete(id);
  return true;
}
