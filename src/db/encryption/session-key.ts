/**
 * The data key while the app is unlocked: held only here, in memory, never stored. Locking
 * wipes its bytes and drops the reference, so nothing can read or write encrypted records
 * until the passphrase (or the recovery key) is given again.
 */

/** Bytes of the data key (AES-256). */
export const DATA_KEY_BYTES = 32;

export const LOCKED_WRITE_MESSAGE = 'The app is locked: unlock it to save.';
export const LOCKED_READ_MESSAGE = 'The app is locked: unlock it to see the records.';

/** Thrown by the database when encrypted records are read or written while the app is locked. */
export class LockedError extends Error {
  constructor(message: string = LOCKED_WRITE_MESSAGE) {
    super(message);
    this.name = 'LockedError';
  }
}

/**
 * Where the app stands:
 * - 'starting': not yet known whether encryption is set up; records are refused.
 * - 'not-set-up': no passphrase chosen on this device yet. Records pass through plain, and
 *   only demo data may be stored (adding or restoring a real young person asks for a
 *   passphrase first: see ../repositories/young-people.ts and ../repositories/backup/restore.ts).
 * - 'locked': a passphrase is set and not given: records are refused.
 * - 'unlocked': the data key is in memory: records are encrypted and decrypted.
 */
export type LockState = 'starting' | 'not-set-up' | 'locked' | 'unlocked';

/** What the database layer is given instead of a key while encryption is not set up. */
export const NOT_SET_UP = 'not-set-up';

/** Thrown when a real young person would be stored before a passphrase is chosen. */
export class PassphraseNeededError extends Error {
  constructor(
    message = 'Choose a passphrase first, so that real records are kept encrypted on this device.',
  ) {
    super(message);
    this.name = 'PassphraseNeededError';
  }
}

let dataKey: Uint8Array | null = null;
/** The old data key while the data key is being changed (see beginDataKeyChange). */
let previousKey: Uint8Array | null = null;
let setUpKnown: boolean | null = null;
const beforeLockListeners = new Set<() => unknown>();
const lockListeners = new Set<() => void>();
const changeListeners = new Set<() => void>();
const dataKeyChangeListeners = new Set<() => void>();

function notify(listeners: Set<() => void>) {
  for (const listener of [...listeners]) listener();
}

/**
 * Keeps the data key in memory: the app is unlocked. The holder takes the array itself (no
 * copy is made) and wipes it on lock, so the caller should not keep or reuse it. A key
 * already held is wiped first.
 */
export function setDataKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== DATA_KEY_BYTES) {
    throw new Error(`A data key is ${DATA_KEY_BYTES} bytes.`);
  }
  if (dataKey === key) return;
  const wasUnlocked = dataKey !== null;
  dataKey?.fill(0);
  dataKey = key;
  setUpKnown = true;
  if (!wasUnlocked) notify(changeListeners);
}

/** The data key while unlocked; null while locked. Read it each time: never keep it. */
export function getDataKey(): Uint8Array | null {
  return dataKey;
}

export function isUnlocked(): boolean {
  return dataKey !== null;
}

/** The lock state now (a snapshot for useSyncExternalStore with subscribeToKeyChange). */
export function getLockState(): LockState {
  if (dataKey) return 'unlocked';
  if (setUpKnown === null) return 'starting';
  return setUpKnown ? 'locked' : 'not-set-up';
}

/** Records whether encryption is set up on this device (a keyring exists). */
export function setEncryptionSetUp(isSetUp: boolean): void {
  if (setUpKnown === isSetUp) return;
  const before = getLockState();
  setUpKnown = isSetUp;
  if (getLockState() !== before) notify(changeListeners);
}

/**
 * What the database's encryption layer uses at each read and write: the data key while
 * unlocked, NOT_SET_UP while no passphrase has been chosen (records pass through plain),
 * and null otherwise (records are refused).
 */
export function getDatabaseKey(): Uint8Array | typeof NOT_SET_UP | null {
  if (dataKey) return dataKey;
  return setUpKnown === false ? NOT_SET_UP : null;
}

/** Throws a PassphraseNeededError unless real records can be stored encrypted now. */
export function requirePassphraseForRealRecords(): void {
  if (getLockState() === 'not-set-up') throw new PassphraseNeededError();
}

/**
 * Runs `listener` before the app locks (lockSafely), and waits for the promise it returns:
 * for writing what is being typed (a draft) while the key is still there. Returns the
 * unsubscribe function.
 */
export function onBeforeLock(listener: () => unknown): () => void {
  beforeLockListeners.add(listener);
  return () => {
    beforeLockListeners.delete(listener);
  };
}

let autoLockHolds = 0;

/**
 * Keeps the auto-lock from firing until the returned function is called: while something
 * that is shown only once is on screen (the new recovery key). Lock now still locks.
 */
export function holdAutoLock(): () => void {
  autoLockHolds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    autoLockHolds -= 1;
  };
}

/** True while something on screen holds the auto-lock (see holdAutoLock). */
export function isAutoLockHeld(): boolean {
  return autoLockHolds > 0;
}

/**
 * Locks the app after letting every before-lock listener finish (at most `waitMs`), so what
 * was being typed is kept as a draft, encrypted. Lock now and auto-lock use this.
 */
export async function lockSafely(waitMs = 2000): Promise<void> {
  if (dataKey === null) return;
  const pending = [...beforeLockListeners].map((listener) =>
    Promise.resolve()
      .then(listener)
      .catch(() => undefined),
  );
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, waitMs))]);
  lock();
}

/**
 * Locks the app: wipes the key's bytes, drops it, and tells every lock listener (which should
 * clear decrypted records from memory and the screen). Locking when already locked does
 * nothing.
 */
export function lock(): void {
  if (dataKey === null) return;
  dataKey.fill(0);
  dataKey = null;
  previousKey?.fill(0);
  previousKey = null;
  notify(lockListeners);
  notify(changeListeners);
}

/** Calls `listener` each time the app locks. Returns the unsubscribe function. */
export function subscribeToLock(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => {
    lockListeners.delete(listener);
  };
}

/**
 * For useSyncExternalStore (with isUnlocked as the snapshot): calls `listener` when the app
 * locks or unlocks. Returns the unsubscribe function.
 */
export function subscribeToKeyChange(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => {
    changeListeners.delete(listener);
  };
}

// ---------------------------------------------------------------------------
// Changing the data key (../encryption/lock-control.ts's changeDataKey).

/**
 * Tells whoever listens (the other tabs, through ../../app/lock/lock-across-tabs.ts) that
 * the data key is about to change: they hold the old one, so they lock.
 */
export function announceDataKeyChange(): void {
  for (const listener of [...dataKeyChangeListeners]) listener();
}

/** Calls `listener` when the data key is about to change. Returns the unsubscribe function. */
export function subscribeToDataKeyChange(listener: () => void): () => void {
  dataKeyChangeListeners.add(listener);
  return () => {
    dataKeyChangeListeners.delete(listener);
  };
}

/**
 * While every record is resealed under a new data key: the new key is held (records are
 * written with it) and the old one kept as the previous key (records not yet resealed are
 * read with it). Needs the app unlocked. End with endDataKeyChange.
 */
export function beginDataKeyChange(newKey: Uint8Array): void {
  if (!(newKey instanceof Uint8Array) || newKey.length !== DATA_KEY_BYTES) {
    throw new Error(`A data key is ${DATA_KEY_BYTES} bytes.`);
  }
  if (dataKey === null) throw new LockedError();
  if (previousKey !== null) throw new Error('The data key is already being changed.');
  previousKey = dataKey;
  dataKey = newKey;
}

/**
 * Ends a change begun by beginDataKeyChange: when `done`, the old key is wiped; otherwise
 * (the records could not be resealed, nothing changed) the new one is wiped and the old one
 * held again. Does nothing when no change was begun (or the app locked meanwhile).
 */
export function endDataKeyChange(done: boolean): void {
  if (previousKey === null) return;
  if (done) {
    previousKey.fill(0);
  } else {
    dataKey?.fill(0);
    dataKey = previousKey;
  }
  previousKey = null;
}

/** The old data key while the data key is being changed; null otherwise. */
export function getPreviousDataKey(): Uint8Array | null {
  return previousKey;
}
