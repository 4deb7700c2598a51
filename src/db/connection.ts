import type Dexie from 'dexie';

/**
 * What has happened to the database connection behind the app's back. 'upgraded': another
 * tab opened a newer version of the app, which needed a newer database; this tab's
 * connection was closed so that tab could go ahead, and this tab must reload to carry on
 * (its code no longer matches the database).
 */
export type ConnectionProblem = 'upgraded' | null;

let problem: ConnectionProblem = null;
const listeners = new Set<() => void>();

function report(next: ConnectionProblem) {
  problem = next;
  for (const listener of listeners) listener();
}

export function getConnectionProblem(): ConnectionProblem {
  return problem;
}

/** For useSyncExternalStore: calls `listener` when the connection problem changes. */
export function subscribeToConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Watches a database for another tab's upgrade: closes this connection at once (so the other
 * tab is not blocked) and reports 'upgraded'; every later read or write here then fails
 * loudly until the page is reloaded. (When the browser closes a connection by itself, as
 * Safari does in the background, Dexie opens it again on the next use.)
 */
export function watchConnection(db: Dexie): void {
  db.on('versionchange', () => {
    db.close();
    report('upgraded');
    return false;
  });
}
