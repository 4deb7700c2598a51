/**
 * Renewing keys from Settings (issue 13): a new recovery key, and a new data key with every
 * record resealed under it. A module of its own, loaded with Settings rather than with the
 * unlock screen.
 */
import { getDb } from '../database';
import { ValidationError } from '../../domain/validation';
import { randomBytes } from '../../lib/crypto';
import { toInstant } from '../../lib/instant';
import { freshKeyring, keyringReplacer, openWithPassphrase, requireKeyring } from './keyring';
import { prepareIdentityRewrap } from '../repositories/identity-rewrap';
import { teamConnectionSchema } from '../repositories/team-connection';
import { teamJoinSchema } from '../repositories/team-join';
import { teamLeadSchema } from '../repositories/team-lead';
import { TEAM_CONNECTION_KEY, TEAM_JOIN_KEY, TEAM_LEAD_KEY } from '../settings-keys';
import { sealEveryRecord } from './reseal';
import {
  announceDataKeyChange,
  beginDataKeyChange,
  DATA_KEY_BYTES,
  endDataKeyChange,
} from './session-key';

/** Thrown when the records could not be resealed under a new data key: nothing changed. */
export class DataKeyChangeError extends Error {
  constructor(cause: unknown) {
    super(
      'The records could not be encrypted with a new key, so nothing was changed: the old key, your passphrase and your recovery key still work. Please try again.',
      { cause },
    );
    this.name = 'DataKeyChangeError';
  }
}

/** Other tabs are told to lock, then given this long to keep what is typed, before a key change. */
export const OTHER_TABS_LOCK_MS = 2_500;

/**
 * "Change the data key", for when a device or passphrase may have been exposed: checks the
 * passphrase, tells the other tabs to lock (they hold the old key), then in one paced
 * transaction reseals every record under a new random data key and stores a new keyring
 * (the same passphrase, a new recovery key: the old recovery key stops working). The page
 * keeps answering meanwhile. Returns the new recovery key, to show once. If the records
 * cannot be resealed nothing changes (DataKeyChangeError). Throws a ValidationError keyed
 * `currentPassphrase`.
 */
export async function changeDataKey(
  currentPassphrase: string,
  { otherTabsWaitMs = OTHER_TABS_LOCK_MS }: { otherTabsWaitMs?: number } = {},
): Promise<string> {
  const change = await prepareDataKeyChange(currentPassphrase);
  // The team rows' device identities are sealed under the data key's bytes (issue 14): each
  // is sealed again now, and stored inside the reseal transaction over the row as it is then.
  const identityRewraps = await Promise.all([
    prepareIdentityRewrap(TEAM_CONNECTION_KEY, teamConnectionSchema, change.oldKey, change.newKey),
    prepareIdentityRewrap(TEAM_JOIN_KEY, teamJoinSchema, change.oldKey, change.newKey),
    prepareIdentityRewrap(TEAM_LEAD_KEY, teamLeadSchema, change.oldKey, change.newKey),
  ]);
  change.oldKey.fill(0); // The key held now is the same: it reads the records.
  announceDataKeyChange();
  if (otherTabsWaitMs > 0) await new Promise((resolve) => setTimeout(resolve, otherTabsWaitMs));
  beginDataKeyChange(change.newKey);
  try {
    await sealEveryRecord(getDb(), {
      alsoInside: async () => {
        await change.store();
        for (const store of identityRewraps) await store?.();
      },
    });
  } catch (error) {
    endDataKeyChange(false);
    throw new DataKeyChangeError(error);
  }
  endDataKeyChange(true);
  return change.recoveryKey;
}

// ---------------------------------------------------------------------------
// The keyring's part.

/**
 * "Make a new recovery key": checks the current passphrase (a wrong one counts as a wrong
 * try), then wraps the data key afresh by it and by a new recovery key (the keyring becomes
 * version 2). The old recovery key stops working at once. Returns the new one, to show once.
 * Throws a ValidationError keyed `currentPassphrase`.
 */
export async function renewRecoveryKey(
  currentPassphrase: string,
  now: Date = new Date(),
): Promise<string> {
  if (currentPassphrase === '') {
    const message = 'Enter your current passphrase.';
    throw new ValidationError({ currentPassphrase: message }, message);
  }
  const keyring = await requireKeyring();
  const dataKey = await openWithPassphrase(keyring, currentPassphrase, 'currentPassphrase', now);
  try {
    const fresh = await freshKeyring(dataKey, currentPassphrase, keyring.createdAt);
    await (
      await keyringReplacer(keyring, fresh.keyring)
    )();
    return fresh.recoveryKey;
  } finally {
    dataKey.fill(0);
  }
}

/** What changing the data key needs, made before its transaction (see prepareDataKeyChange). */
export interface DataKeyChange {
  /** The data key now (for reading the records), checked against the passphrase. */
  oldKey: Uint8Array;
  /** The new random data key. */
  newKey: Uint8Array;
  /** The new recovery key, to show once: the old one stops working with the old data key. */
  recoveryKey: string;
  /** Stores the new keyring: run inside the transaction that reseals the records. */
  store: () => Promise<void>;
}

/**
 * "Change the data key", the part before its transaction: checks the current passphrase (a
 * wrong one counts as a wrong try), makes a new random data key and a new keyring for it
 * (the same passphrase, with a new salt, and a new recovery key). Nothing is stored yet.
 * Throws a ValidationError keyed `currentPassphrase`.
 */
export async function prepareDataKeyChange(
  currentPassphrase: string,
  now: Date = new Date(),
): Promise<DataKeyChange> {
  if (currentPassphrase === '') {
    const message = 'Enter your current passphrase.';
    throw new ValidationError({ currentPassphrase: message }, message);
  }
  const keyring = await requireKeyring();
  const oldKey = await openWithPassphrase(keyring, currentPassphrase, 'currentPassphrase', now);
  const newKey = randomBytes(DATA_KEY_BYTES);
  const fresh = await freshKeyring(newKey, currentPassphrase, toInstant(now));
  return {
    oldKey,
    newKey,
    recoveryKey: fresh.recoveryKey,
    store: await keyringReplacer(keyring, fresh.keyring),
  };
}
