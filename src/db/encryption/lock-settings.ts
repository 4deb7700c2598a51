/**
 * What the app needs to know about the lock before anything else loads, read without the
 * keyring's validation code (so the first screen loads no zod): whether encryption is set
 * up, and how long the app may sit unused before it locks itself.
 */
import { getDb } from '../database';
import { getSetting } from '../queries';
import { setEncryptionSetUp } from './session-key';
import { KEYRING_KEY, AUTO_LOCK_KEY } from '../settings-keys';

export const DEFAULT_AUTO_LOCK_MINUTES = 5;
export const MIN_AUTO_LOCK_MINUTES = 1;
export const MAX_AUTO_LOCK_MINUTES = 60;
/** Fired on window once a new auto-lock time is stored; the running timer reads it again. */
export const AUTO_LOCK_CHANGE_EVENT = 'autolockchange';

/** Whether a keyring is stored in the settings table (encryption is set up on this device). */
export async function isKeyringStored(): Promise<boolean> {
  return (await getDb().settings.get(KEYRING_KEY)) !== undefined;
}

/** Whether encryption is set up on this device: a keyring in the settings table means it is. */
export async function checkEncryptionSetUp(): Promise<boolean> {
  const isSetUp = await isKeyringStored();
  setEncryptionSetUp(isSetUp);
  return isSetUp;
}

/** True for a whole number of minutes the auto-lock accepts (1 to 60). */
export function isAutoLockMinutes(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_AUTO_LOCK_MINUTES &&
    value <= MAX_AUTO_LOCK_MINUTES
  );
}

/** Minutes without use before the app locks itself (5 until the coach sets another). */
export async function getAutoLockMinutes(): Promise<number> {
  const value = await getSetting<unknown>(AUTO_LOCK_KEY);
  return isAutoLockMinutes(value) ? value : DEFAULT_AUTO_LOCK_MINUTES;
}
