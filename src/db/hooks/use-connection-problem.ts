import { useSyncExternalStore } from 'react';
import { getConnectionProblem, subscribeToConnection, type ConnectionProblem } from '../connection';

/** What has happened to this tab's database connection (see ConnectionProblem), kept live. */
export function useConnectionProblem(): ConnectionProblem {
  return useSyncExternalStore(subscribeToConnection, getConnectionProblem);
}
