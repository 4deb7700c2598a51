/**
 * Every tab of the app holds the data key in its own memory (see
 * ../../db/encryption/session-key.ts), so locking one tab would leave the others open. The
 * tabs talk over a BroadcastChannel (same origin only; nothing leaves the device):
 *
 * - when a tab locks (Lock, auto-lock), it tells the others, and each locks at once (keeping
 *   what is being typed as an encrypted draft first, as Lock does: the listening half is in
 *   ./hear-tab-locks.ts, with the app's shell). Unlocking is not shared: each tab asks for
 *   the passphrase.
 * - when a tab is about to change the data key (Settings, "Change the data key"), it tells
 *   the others to lock: they hold the old key, which stops opening the records.
 * - while the coach works in one tab, it tells the others now and then, so a tab left in the
 *   background does not auto-lock every tab while the coach is busy in another.
 */
import { subscribeToDataKeyChange, subscribeToLock } from '../../db/encryption/session-key';
import { openTabChannel, type TabChannel, type TabMessage } from './hear-tab-locks';

export { TAB_CHANNEL_NAME, type TabChannel, type TabMessage } from './hear-tab-locks';

let connected: TabChannel | null = null;
const activityListeners = new Set<() => void>();

/**
 * Joins the other tabs: tells them when this tab locks, and hears when the coach uses
 * another (for the auto-lock). Hearing another tab lock is ./hear-tab-locks.ts's part.
 * Returns the function that leaves. Without BroadcastChannel (very old browsers) it does
 * nothing.
 */
export function connectTabs(channel: TabChannel | null = openTabChannel()): () => void {
  if (!channel) return () => undefined;
  const onMessage = (event: MessageEvent<unknown>) => {
    if ((event.data as Partial<TabMessage> | null)?.type !== 'activity') return;
    for (const listener of [...activityListeners]) listener();
  };
  channel.addEventListener('message', onMessage);
  // Locking when already locked does nothing, so a tab told to lock tells the others once
  // more at most, and that ends there.
  const stopTelling = subscribeToLock(() => channel.postMessage({ type: 'lock' }));
  // This tab keeps going with the new key; the others lock.
  const stopTellingOfKeyChange = subscribeToDataKeyChange(() =>
    channel.postMessage({ type: 'lock' }),
  );
  connected = channel;
  return () => {
    stopTelling();
    stopTellingOfKeyChange();
    channel.removeEventListener('message', onMessage);
    if (connected === channel) connected = null;
    channel.close();
  };
}

/** Tells the other tabs the coach is using this one (for their auto-lock). */
export function tellTabsOfActivity(): void {
  connected?.postMessage({ type: 'activity' });
}

/** Calls `listener` when the coach uses another tab. Returns the unsubscribe function. */
export function subscribeToActivityInOtherTabs(listener: () => void): () => void {
  activityListeners.add(listener);
  return () => {
    activityListeners.delete(listener);
  };
}
