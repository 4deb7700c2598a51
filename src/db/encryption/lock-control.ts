/**
 * What the lock screens and settings call: setting up encryption, unlocking, recovering a
 * forgotten passphrase, and the auto-lock time. Loaded with those screens; the unlock screen
 * is the first screen of a device with a passphrase, so what this module imports at once
 * stays small (the keyring's zod schemas load when a passphrase is tried).
 */
import { ValidationError } from '../../domain/validation';
import { getDb } from '../database';
import {
  createKeyring,
  removeNewKeyring,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
} from './keyring';
import { AUTO_LOCK_CHANGE_EVENT } from './lock-settings';
import { loadFieldCipher } from './field-crypto';
import { encryptExistingRecords, encryptPlainValues } from './re-encrypt';
import { lock, setDataKey, setEncryptionSetUp } from './session-key';

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
 * unlocks, and encrypts every record already on the device in one transaction. Returns the
 * recovery key ("ABCD-EFGH-…") to show once. If the records cannot be encrypted, the keyring is
 * removed again, every record stays as it was, and an EncryptionSetUpError says so.
 * Throws a ValidationError keyed `passphrase` (too short).
 */
export async function setUpEncryption(passphrase: string): Promise<string> {
  const [{ dataKey, recoveryKey, createdAt }] = await Promise.all([
    createKeyring(passphrase),
    loadFieldCipher(),
  ]);
  setDataKey(dataKey);
  try {
    await encryptExistingRecords(getDb());
  } catch (error) {
    // Still plain: forget the key and the keyring, and go back to "not set up".
    await removeNewKeyring({ createdAt });
    lock();
    setEncryptionSetUp(false);
    throw new EncryptionSetUpError(error);
  }
  return recoveryKey;
}

/** Holds the data key in memory, with the cipher's code loaded (while the key is derived). */
async function openWith(dataKey: Promise<Uint8Array>): Promise<void> {
  const [key] = await Promise.all([dataKey, loadFieldCipher()]);
  setDataKey(key);
}

/**
 * Once unlocked: encrypts any value still stored plain (a field newly encrypted, or a first
 * encryption cut short after the keyring was written; see encryptPlainValues). Quick when
 * there is nothing to do. A failure leaves every record as it was and does not stop the
 * unlock: the next unlock tries again.
 */
async function encryptWhatIsStillPlain(): Promise<void> {
  try {
    await encryptPlainValues(getDb());
  } catch {
    // Tried again at the next unlock; the records stay readable meanwhile.
  }
}

/**
 * Unlocks with the passphrase. Throws a ValidationError keyed `passphrase`: empty, wrong
 * (WrongPassphraseError), or too many wrong tries (TooManyAttemptsError, not even checked).
 */
export async function unlock(passphrase: string): Promise<void> {
  await openWith(unlockWithPassphrase(passphrase));
  await encryptWhatIsStillPlain();
}

/**
 * Unlocks with the recovery key and sets a new passphrase. Throws ValidationErrors keyed
 * `recoveryKey` and `newPassphrase`.
 */
export async function unlockWithRecovery(
  recoveryKey: string,
  newPassphrase: string,
): Promise<void> {
  await openWith(unlockWithRecoveryKey(recoveryKey, newPassphrase));
  await encryptWhatIsStillPlain();
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
