/**
 * Plain words for why a save failed. Storage errors arrive from IndexedDB through Dexie in
 * several wrappings (a QuotaExceededError, or an AbortError or Dexie error whose `inner`
 * or `cause` is one), so the whole chain is searched.
 */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const CLOSED_NAMES = new Set(['DatabaseClosedError', 'VersionChangeError', 'InvalidStateError']);

export const QUOTA_MESSAGE =
  'This device has run out of storage space for the app. Free up some space on the device, or back up and then erase closed cases, and try again.';
export const CLOSED_MESSAGE =
  'The app lost its connection to the records on this device. Reload the page, then try again.';

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && chain.length < 10) {
    chain.push(current);
    const next: unknown =
      ('inner' in current && current.inner) || ('cause' in current && current.cause) || null;
    current = next;
  }
  return chain;
}

const nameOf = (e: unknown) =>
  typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string' ? e.name : '';

/** True when a write failed because the browser's storage for the site is full. */
export function isQuotaError(error: unknown): boolean {
  return errorChain(error).some((e) => {
    if (QUOTA_NAMES.has(nameOf(e))) return true;
    const message = e instanceof Error ? e.message : '';
    return /quota/i.test(message);
  });
}

/** Why something could not be saved, in words for the coach. */
export function errorReason(error: unknown): string {
  if (isQuotaError(error)) return QUOTA_MESSAGE;
  if (errorChain(error).some((e) => CLOSED_NAMES.has(nameOf(e)))) return CLOSED_MESSAGE;
  if (error instanceof Error && error.message) return error.message;
  return 'Please try again.';
}
