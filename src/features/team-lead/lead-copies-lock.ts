/**
 * One piece of work at a time on the lead's local copies of the caseloads (a refresh of the
 * team report, forwarding after moves, a move), in this tab and in the browser's other tabs:
 * every `new PouchDB('lead-copy-…')` in a tab shares one IndexedDB connection, which any of
 * them closes for all, and a move's two halves must not meet another refresh's writes.
 *
 * The Web Locks API where the browser has it (every supported browser); in this tab's order
 * otherwise (tests without it).
 */
const LOCK = 'resilience-lead-copies';

let queue: Promise<unknown> = Promise.resolve();

export function withLeadCopies<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(LOCK, task) as Promise<T>;
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}
