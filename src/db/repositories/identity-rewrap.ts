/**
 * Sealing a device identity again when the data key changes (issue 14). The team rows (the
 * connection, a join in progress, the lead's state) each hold this device's identity, whose
 * private keys are sealed under the data key's bytes (../../team/keys/identity.ts). When the
 * data key changes, each identity is sealed again under the new key, in the transaction that
 * reseals every record (../encryption/key-renewal.ts), so the identity and the records change
 * together or not at all.
 *
 * Web Crypto cannot run inside a Dexie transaction, so the identity is sealed again before it;
 * inside it the row is read again and only its `identity` replaced. A write that finished
 * between the two (an invitation made, a caseload key kept, a list accepted) is kept.
 */
import type { z } from 'zod';
import { rewrapStoredIdentity } from '../../team/keys/identity';
import type { StoredIdentity } from '../../team/keys/schemas';
import { getDb, type CoachingDatabase } from '../database';

/** Thrown inside the reseal when the row's identity changed after it was sealed again. */
export class IdentityChangedError extends Error {
  constructor() {
    super(
      "This device's team keys changed while the data key was being changed, so nothing was changed. Please try again.",
    );
    this.name = 'IdentityChangedError';
  }
}

function sameIdentity(a: StoredIdentity, b: StoredIdentity): boolean {
  return a.fingerprint === b.fingerprint && a.iv === b.iv && a.sealed === b.sealed;
}

/**
 * When the data key changes: the identity in the settings row `settingsKey` (checked with
 * `schema`) sealed again under `newKey`, made now, before the reseal transaction. The function
 * returned stores it, and must run inside that transaction: it reads the row again, replaces
 * only its `identity` and writes it back, checked with `schema`. It leaves the row alone when
 * the row was removed meanwhile or can no longer be read, and throws an IdentityChangedError
 * (which aborts the transaction: nothing changes) when the row now holds another identity.
 *
 * Null when there is no row, the row cannot be read, or its identity does not open with
 * `oldKey` (left as it is: the screens that use it say so).
 */
export async function prepareIdentityRewrap<Row extends { identity: StoredIdentity }>(
  settingsKey: string,
  schema: z.ZodType<Row>,
  oldKey: Uint8Array,
  newKey: Uint8Array,
  db: CoachingDatabase = getDb(),
): Promise<(() => Promise<void>) | null> {
  let before: Row;
  try {
    const row = await db.settings.get(settingsKey);
    if (row === undefined) return null;
    const parsed = schema.safeParse(row.value);
    if (!parsed.success) return null;
    before = parsed.data;
  } catch {
    return null;
  }
  let identity: StoredIdentity;
  try {
    identity = await rewrapStoredIdentity(before.identity, oldKey, newKey);
  } catch {
    return null;
  }
  return async () => {
    const row = await db.settings.get(settingsKey);
    if (row === undefined) return;
    const parsed = schema.safeParse(row.value);
    if (!parsed.success) return;
    if (!sameIdentity(parsed.data.identity, before.identity)) throw new IdentityChangedError();
    await db.settings.put({ key: settingsKey, value: schema.parse({ ...parsed.data, identity }) });
  };
}
