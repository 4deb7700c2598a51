import { useSyncExternalStore } from 'react';
import {
  getLockState,
  subscribeToKeyChange,
  type LockState,
} from '../../db/encryption/session-key';

/** The lock state, re-rendering when the app locks, unlocks or is set up. */
export function useLockState(): LockState {
  return useSyncExternalStore(subscribeToKeyChange, getLockState);
}
