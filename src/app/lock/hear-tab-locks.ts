/**
 * Locking one tab locks every tab of the app (see ./lock-across-tabs.ts). The listening half
 * lives here, small, with the app's shell: a tab hears another tab lock from the moment it
 * starts, even before what unlocking loads (./while-unlocked.tsx, which tells the other tabs
 * when this one locks, and that it is in use) has arrived.
 */
import { lockSafely } from '../../db/encryption/session-key';

export const TAB_CHANNEL_NAME = 'resilience-coaching/lock';

/** What the tabs send each other: no record, no key, nothing but these words. */
export type TabMessage = { type: 'lock' } | { type: 'activity' };

/** The part of a BroadcastChannel used (tests may pass a stand-in). */
export interface TabChannel {
  postMessage(message: TabMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  close(): void;
}

/** This app's channel between tabs, or null without BroadcastChannel (very old browsers). */
export function openTabChannel(): TabChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(TAB_CHANNEL_NAME) : null;
}

/**
 * Locks this tab (keeping what is being typed as an encrypted draft first, as Lock does) when
 * another tab says it locked; anything else on the channel is ignored here. Returns the
 * function that stops listening.
 */
export function hearTabLocks(channel: TabChannel | null = openTabChannel()): () => void {
  if (!channel) return () => undefined;
  const onMessage = (event: MessageEvent<unknown>) => {
    if ((event.data as { type?: unknown } | null)?.type === 'lock') void lockSafely();
  };
  channel.addEventListener('message', onMessage);
  return () => {
    channel.removeEventListener('message', onMessage);
    channel.close();
  };
}
