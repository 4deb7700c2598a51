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
let instead: Reload | null = null;

/**
 * For tests, where jsdom cannot reload a page: runs `stand-in` in place of the reload, after
 * which the page goes on as a freshly loaded one would (locked, on the unlock screen).
 * Returns the function that puts the real reload back.
 */
export function replacePageReload(standIn: Reload): () => void {
  instead = standIn;
  return () => {
    instead = null;
  };
}

/**
 * Reloads the page each time the app locks (Lock, auto-lock, the time limit, another tab, ten
 * wrong PINs), telling `onPending` true from the lock until the reload. Waits for every other
 * lock listener (telling the other tabs first), and does not reload when the app did not end
 * up locked: a first passphrase whose records could not be encrypted goes back to "not set
 * up", with its message on screen. Returns the function that stops it.
 */
export function reloadOnLock(onPending: (pending: boolean) => void): () => void {
  return subscribeToLock(() => {
    onPending(true);
    setTimeout(() => {
      if (getLockState() !== 'locked') {
        onPending(false);
      } else if (instead) {
        instead();
        onPending(false);
      } else {
        realReload();
      }
    }, 0);
  });
}
