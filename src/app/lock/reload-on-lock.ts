/**
 * Locking wipes the data key and drops every page, but decrypted text can outlive that in
 * the page's memory: strings React or a library still holds, or that wait for the garbage
 * collector. So once the app has locked, the page reloads, as Bitwarden's web vault does: a
 * fresh page holds nothing but the unlock screen (the key lives only in memory, so the
 * reloaded page is locked, at the same address). Until the reload, the lock gate shows only
 * "Locking…", never a form that the reload would wipe.
 */
import { getLockState, subscribeToLock } from '../../db/encryption/session-key';

type Reload = () => void;

const realReload: Reload = () => window.location.reload();
let reloadPage: Reload = realReload;
let pending = false;
const listeners = new Set<() => void>();

function setPending(value: boolean) {
  if (pending === value) return;
  pending = value;
  for (const listener of [...listeners]) listener();
}

/** True from the moment the app locks until the page reloads. */
export function isReloadPending(): boolean {
  return pending;
}

/** For useSyncExternalStore with isReloadPending. Returns the unsubscribe function. */
export function subscribeToReloadPending(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * For tests, where jsdom cannot reload a page: runs `instead` in place of the reload, after
 * which the page goes on as a freshly loaded one would (locked, on the unlock screen).
 * Returns the function that puts the real reload back.
 */
export function replacePageReload(instead: Reload): () => void {
  reloadPage = () => {
    instead();
    setPending(false);
  };
  return () => {
    reloadPage = realReload;
  };
}

/**
 * Reloads the page each time the app locks (Lock, auto-lock, the time limit, another tab, ten
 * wrong PINs). Waits for every other lock listener (telling the other tabs first), and does
 * not reload when the app did not end up locked: a first passphrase whose records could not be
 * encrypted goes back to "not set up", with its message on screen. Returns the function that
 * stops it.
 */
export function reloadOnLock(): () => void {
  return subscribeToLock(() => {
    setPending(true);
    setTimeout(() => {
      if (getLockState() === 'locked') reloadPage();
      else setPending(false);
    }, 0);
  });
}
