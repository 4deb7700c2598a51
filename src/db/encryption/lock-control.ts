/**
 * What the lock screens and settings call: setting up encryption, unlocking, recovering a
 * forgotten passphrase, and the auto-lock time. Loaded with those screens; the unlock screen
 * is the first screen of a device with a passphrase, so what this module imports at once
 * stays small (the keyring's zod schemas load when a passphrase is tried).
 */
import { ValidationError } from '../../domain/validation';
import { getDb } from '../database';
import {
  prepareKeyring,
  storedKeyringVersion,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
  upgradePassphraseWrapping,
} from './keyring';
import { AUTO_LOCK_CHANGE_EVENT } from './lock-settings';
import { loadSealKit } from './seal-kit';
// Resealing (and with it the restore's pacing) loads when it is needed, not with the unlock
// screen (issue 7's first-screen budget).
const loadReseal = () => import('./reseal');
import { getDataKey, lock, setDataKey, setEncryptionSetUp } from './session-key';
import { setUnsealedPolicy } from './unsealed-policy';

export {
  changePassphrase,
  MIN_PASSPHRASE_LENGTH,
  passphraseProblem,
  unlockWithPassphrase,
  WrongPassphraseError,
  WrongRecoveryKeyError,
} from './keyring';
export { describeWait, TooManyAttemptsError, unlockWait } from './unlock-attempts';
export {
  DEFAULT_AUTO_LOCK_MINUTES,
  getAutoLockMinutes,
  MAX_AUTO_LOCK_MINUTES,
  MIN_AUTO_LOCK_MINUTES,
} from './lock-settings';
import { AUTO_LOCK_KEY } from '../settings-keys';

/** Thrown when the records already on the device could not be encrypted: nothing changed. */
export class EncryptionSetUpError extends Error {
  constructor(cause: unknown) {
    super(
      'The records on this device could not be encrypted, so nothing was changed and no passphrase was set. Your records are safe. Please try again.',
      { cause },
    );
    this.name = 'EncryptionSetUpError';
  }
}

/**
 * Sets up encryption with the coach's passphrase: makes the data key and the keyring,
 * unlocks, and in one transaction seals every record already on the device (they are all
 * plain, demo data: read as they are, nothing taken for ciphertext) and stores the keyring.
 * Returns the recovery key ("ABCD-EFGH-…") to show once. If that fails, nothing was stored:
 * the app goes back to "not set up", every record as it was, and an EncryptionSetUpError says
 * so. Throws a ValidationError keyed `passphrase` (too short).
 */
export async function setUpEncryption(passphrase: string): Promise<string> {
  const [made] = await Promise.all([prepareKeyring(passphrase), loadSealKit()]);
  const { sealEveryRecord } = await loadReseal();
  setUnsealedPolicy('plain');
  setDataKey(made.dataKey);
  try {
    await sealEveryRecord(getDb(), { alsoInside: made.store });
  } catch (error) {
    // Nothing was stored: forget the key, and go back to "not set up".
    lock();
    setEncryptionSetUp(false);
    throw new EncryptionSetUpError(error);
  } finally {
    setUnsealedPolicy('refuse');
  }
  return made.recoveryKey;
}

/**
 * Holds the data key in memory (the app is unlocked). On a device encrypted in the first
 * format (its keyring still version 1, and no RECORD_FORMAT_KEY), its records are read in the
 * first format until every one is sealed, which happens here, once, paced (./reseal.ts); then
 * `afterReseal` moves the keyring past version 1, so that deleting the (plain) record-format
 * setting can never make the app read plain records again. A failure leaves every record as
 * it was and does not stop the unlock: the next unlock tries again.
 */
async function enter(
  key: Uint8Array,
  firstFormatKeyring: boolean,
  afterReseal?: () => Promise<void>,
): Promise<void> {
  const { isResealed, sealEveryRecord } = await loadReseal();
  const resealed = await isResealed(getDb());
  const legacy = !resealed && firstFormatKeyring;
  setUnsealedPolicy(legacy ? 'legacy-v1' : 'refuse');
  setDataKey(key);
  if (!legacy) return;
  try {
    await sealEveryRecord(getDb());
    setUnsealedPolicy('refuse');
    await afterReseal?.();
  } catch {
    // Tried again at the next unlock; the records stay readable meanwhile.
  }
}

/**
 * Unlocks with the passphrase. Throws a ValidationError keyed `passphrase`: empty, wrong
 * (WrongPassphraseError), or too many wrong tries (TooManyAttemptsError, not even checked).
 */
export async function unlock(passphrase: string): Promise<void> {
  const [key, version] = await Promise.all([
    unlockWithPassphrase(passphrase),
    storedKeyringVersion(),
    loadSealKit(),
  ]);
  await enter(key, version === 1, async () => {
    const current = getDataKey();
    if (current) await upgradePassphraseWrapping(passphrase, current);
  });
}

/** A recovery done: the new recovery key to show, and `open` to unlock once it is kept. */
export interface Recovered {
  recoveryKey: string;
  open: () => Promise<void>;
}

/**
 * Recovers with the recovery key: sets the new passphrase and a new recovery key (the one
 * used stops working at once). The app stays locked until `open` is called, so the unlock
 * screen can show the new recovery key first. Throws ValidationErrors keyed `recoveryKey`
 * and `newPassphrase`.
 */
export async function unlockWithRecovery(
  recoveryKey: string,
  newPassphrase: string,
): Promise<Recovered> {
  const [recovered] = await Promise.all([
    unlockWithRecoveryKey(recoveryKey, newPassphrase),
    loadSealKit(),
  ]);
  let opened = false;
  return {
    recoveryKey: recovered.recoveryKey,
    open: async () => {
      if (opened) return;
      opened = true;
      // Recovering wrote a version 2 keyring: whether the records may still be in the first
      // format is what the keyring was before.
      await enter(recovered.dataKey, recovered.wasVersion === 1);
    },
  };
}

/**
 * Sets the auto-lock time, and tells the running auto-lock timer (AUTO_LOCK_CHANGE_EVENT).
 * Throws a ValidationError keyed `autoLockMinutes` outside 1-60, and then nothing is told.
 */
export async function setAutoLockMinutes(minutes: number): Promise<number> {
  const { autoLockSchema, AUTO_LOCK_MESSAGE } = await import('./lock-schemas');
  const parsed = autoLockSchema.safeParse(minutes);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? AUTO_LOCK_MESSAGE;
    throw new ValidationError({ autoLockMinutes: message }, message);
  }
  await getDb().settings.put({ key: AUTO_LOCK_KEY, value: parsed.data });
  window.dispatchEvent(new Event(AUTO_LOCK_CHANGE_EVENT));
  return parsed.data;
}
