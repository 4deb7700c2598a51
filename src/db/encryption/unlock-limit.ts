/**
 * The limit on how long the app stays unlocked, even while it is in use (issue 13): 8 hours
 * unless changed in Settings. Read by the app's shell as it unlocks, so nothing here loads
 * zod until the limit is changed.
 */
import { ValidationError } from '../../domain/validation';
import { getDb } from '../database';
import { getSetting } from '../queries';
import { UNLOCK_LIMIT_KEY } from '../settings-keys';

import {
  DEFAULT_UNLOCK_LIMIT_HOURS,
  MAX_UNLOCK_LIMIT_HOURS,
  MIN_UNLOCK_LIMIT_HOURS,
} from './unlock-limit-bounds';

export { DEFAULT_UNLOCK_LIMIT_HOURS, MAX_UNLOCK_LIMIT_HOURS, MIN_UNLOCK_LIMIT_HOURS };
/** Fired on window once a new limit is stored; the running check reads it again. */
export const UNLOCK_LIMIT_CHANGE_EVENT = 'unlocklimitchange';

/** True for a whole number of hours the limit accepts (1 to 24). */
export function isUnlockLimitHours(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_UNLOCK_LIMIT_HOURS &&
    value <= MAX_UNLOCK_LIMIT_HOURS
  );
}

/** Hours after unlocking before the app locks itself, even in use (8 until changed). */
export async function getUnlockLimitHours(): Promise<number> {
  const value = await getSetting<unknown>(UNLOCK_LIMIT_KEY);
  return isUnlockLimitHours(value) ? value : DEFAULT_UNLOCK_LIMIT_HOURS;
}

/**
 * Sets the limit, and tells the running check (UNLOCK_LIMIT_CHANGE_EVENT). Throws a
 * ValidationError keyed `unlockLimitHours` outside 1-24 whole hours, and then nothing changes.
 */
export async function setUnlockLimitHours(hours: number): Promise<number> {
  const { unlockLimitSchema, UNLOCK_LIMIT_MESSAGE } = await import('./unlock-limit-schema');
  const parsed = unlockLimitSchema.safeParse(hours);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? UNLOCK_LIMIT_MESSAGE;
    throw new ValidationError({ unlockLimitHours: message }, message);
  }
  await getDb().settings.put({ key: UNLOCK_LIMIT_KEY, value: parsed.data });
  window.dispatchEvent(new Event(UNLOCK_LIMIT_CHANGE_EVENT));
  return parsed.data;
}
