/**
 * The restore benchmark's page (tests/bench/restore.bench.mjs builds it with Vite): the app's
 * own restore path, parseBackupText then applyRestore, beside a raw IndexedDB bulk write of the
 * same records, all timed inside the page.
 */
import { getDb } from '../../../src/db/database';
import { loadSealKit } from '../../../src/db/encryption/seal-kit';
import { setDataKey } from '../../../src/db/encryption/session-key';
import { applyRestore } from '../../../src/db/repositories/backup/restore';
import { RECORD_ARRAYS } from '../../../src/domain/backup-format';
import { parseBackupText } from '../../../src/domain/backup-parse';
import { parseBackupInBackground } from '../../../src/features/backup/parse-in-background';

type Rows = Record<string, unknown[]>;

// As on a coach's device: a passphrase is set and the app is unlocked, so the restore
// encrypts every record's text on its way in (the raw write below stores it as it is).
await loadSealKit();
setDataKey(crypto.getRandomValues(new Uint8Array(32)));
const db = getDb();
/** The backup being restored, kept in the page between the benchmark's steps. */
let file: { text: string; rows: Rows } = { text: '', rows: {} };

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The app's database through plain IndexedDB (Dexie has made it at the app's version). */
async function rawDatabase(): Promise<IDBDatabase> {
  await db.open();
  return request(indexedDB.open(db.name));
}

/** Every data table, the drafts and the settings emptied, untimed. */
async function clearAll(): Promise<void> {
  await db.transaction('rw', db.tables, () => Promise.all(db.tables.map((t) => t.clear())));
}

/** Raw bulk write: one transaction over the record stores, a put for each record. */
async function rawWrite(): Promise<number> {
  const { rows } = file;
  const idb = await rawDatabase();
  const stores = RECORD_ARRAYS.filter((array) => (rows[array]?.length ?? 0) > 0);
  const started = performance.now();
  const tx = idb.transaction(stores, 'readwrite');
  for (const store of stores) {
    const os = tx.objectStore(store);
    for (const row of rows[store] ?? []) os.put(row);
  }
  await done(tx);
  const ms = performance.now() - started;
  idb.close();
  return ms;
}

/** The app's restore: check the file's text, then replace everything, in ms each. */
async function appRestore(): Promise<{ parseMs: number; applyMs: number }> {
  const started = performance.now();
  const parsed = parseBackupText(file.text);
  if (!parsed.ok) throw new Error(`The backup was refused: ${parsed.message}`);
  const parsedAt = performance.now();
  await applyRestore(parsed.backup, 'replace').catch((error: unknown) => {
    throw new Error(`The restore failed: ${describe(error)}`);
  });
  return { parseMs: parsedAt - started, applyMs: performance.now() - parsedAt };
}

/**
 * The app's write alone (the check runs in a worker in the app), over whatever the device
 * holds now, with the page's long tasks (over 50 ms) watched: how long the write took, and
 * its longest task, the longest time the page could not answer a tap.
 */
async function applyWatched(mode: 'replace' | 'merge') {
  const parsed = parseBackupText(file.text);
  if (!parsed.ok) throw new Error(`The backup was refused: ${parsed.message}`);
  return watchLongTasks(() => applyRestore(parsed.backup, mode));
}

/** Long tasks (over 50 ms) while `work` runs: how long it took, and the longest of them. */
async function watchLongTasks(
  work: () => Promise<unknown>,
): Promise<{ ms: number; longestTaskMs: number; longTasks: number }> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  await new Promise((resolve) => setTimeout(resolve, 100));
  tasks.length = 0;
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const entry of observer.takeRecords()) tasks.push(entry.duration);
  observer.disconnect();
  return { ms, longestTaskMs: Math.max(0, ...tasks), longTasks: tasks.length };
}

/** The app's check of the file, as the restore page runs it: in a worker. */
function checkWatched() {
  return watchLongTasks(async () => {
    const check = await parseBackupInBackground(file.text, new Date());
    if (check.kind !== 'valid') throw new Error(`The backup was refused (${check.kind})`);
  });
}

/** An error's name, message and inner errors, for the benchmark's output. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = (error as Error & { inner?: unknown }).inner ?? error.cause;
  return `${error.name}: ${error.message}${inner ? ` (${describe(inner)})` : ''}`;
}

async function countAll(): Promise<Record<string, number>> {
  const counts = await Promise.all(RECORD_ARRAYS.map((array) => db.table(array).count()));
  return Object.fromEntries(RECORD_ARRAYS.map((array, i) => [array, counts[i] ?? 0]));
}

/** Fetches the backup file the benchmark serves, keeps its text and records; returns its length. */
async function load(url: string): Promise<number> {
  const text = await (await fetch(url)).text();
  const value = JSON.parse(text) as Rows;
  const rows: Rows = {};
  for (const array of RECORD_ARRAYS) rows[array] = value[array] ?? [];
  file = { text, rows };
  return text.length;
}

const bench = { load, clearAll, rawWrite, appRestore, applyWatched, checkWatched, countAll };
Object.assign(globalThis, { restoreBench: bench });
document.body.dataset.ready = 'true';
