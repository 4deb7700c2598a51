import { useSyncExternalStore } from 'react';
import { getLockState, subscribeToKeyChange, type LockState } from '../encryption/session-key';

/** The lock state, re-rendering when the app locks, unlocks or is set up. */
export function useLockState(): LockState {
  return useSyncExternalStore(subscribeToKeyChange, getLockState);
}

/** True before a passphrase is chosen, when only demo data may be stored. */
export function useExploringDemoData(): boolean {
  return useLockState() === 'not-set-up';
}
