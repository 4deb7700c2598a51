/** Reading IndexedDB with the browser's own API, below Dexie and its middleware. */

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function openRaw(name: string): Promise<IDBDatabase> {
  return request(indexedDB.open(name));
}

/** Every record of every store, exactly as stored, by store name. */
export async function rawStores(name: string): Promise<Record<string, Record<string, unknown>[]>> {
  const idb = await openRaw(name);
  try {
    const stores = [...idb.objectStoreNames];
    const tx = idb.transaction(stores, 'readonly');
    const contents = await Promise.all(
      stores.map((store) => request<Record<string, unknown>[]>(tx.objectStore(store).getAll())),
    );
    return Object.fromEntries(stores.map((store, i) => [store, contents[i] ?? []]));
  } finally {
    idb.close();
  }
}

/** The whole database as one string, for searching for plaintext. */
export async function rawText(name: string): Promise<string> {
  return JSON.stringify(await rawStores(name));
}

/** Writes records exactly as given, with no middleware. */
export async function rawPut(name: string, store: string, records: unknown[]): Promise<void> {
  const idb = await openRaw(name);
  try {
    const tx = idb.transaction([store], 'readwrite');
    for (const record of records) tx.objectStore(store).put(record);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    idb.close();
  }
}
