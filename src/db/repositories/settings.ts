import { RELIABLE_CHANGE_THRESHOLD } from '../../domain/progress';
import { ValidationError } from '../../domain/validation';
import { getDb } from '../database';
import { RELIABLE_CHANGE_THRESHOLD_KEY } from '../settings-keys';

/** The range a service may set the reliable change threshold in, in points on the 0-10 scale. */
export const MIN_RELIABLE_CHANGE_THRESHOLD = 1;
export const MAX_RELIABLE_CHANGE_THRESHOLD = 10;

function isThreshold(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= MIN_RELIABLE_CHANGE_THRESHOLD &&
    value <= MAX_RELIABLE_CHANGE_THRESHOLD
  );
}

/**
 * The change in points that counts as reliable (see the GBO reference): the service's own
 * setting, or 3 (NHS England's figure) when none is set or the stored value is unusable.
 */
export async function getReliableChangeThreshold(): Promise<number> {
  const stored = (await getDb().settings.get(RELIABLE_CHANGE_THRESHOLD_KEY))?.value;
  return isThreshold(stored) ? stored : RELIABLE_CHANGE_THRESHOLD;
}

/**
 * Sets the reliable change threshold: a number from 1 to 10, decimals allowed (some services
 * use 2.45). Throws a ValidationError keyed `threshold` and stores nothing otherwise.
 */
export async function setReliableChangeThreshold(value: number): Promise<number> {
  if (!isThreshold(value)) {
    throw new ValidationError({
      threshold: 'Enter a number from 1 to 10, such as 3 or 2.45.',
    });
  }
  await getDb().settings.put({ key: RELIABLE_CHANGE_THRESHOLD_KEY, value });
  return value;
}
