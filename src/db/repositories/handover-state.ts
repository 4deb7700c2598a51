import { getDb } from '../database';
import { HANDOVER_KEY } from '../settings-keys';

/**
 * Reading the handover in progress. Kept apart from ./handover (which validates with zod when
 * it writes) because the handover gate reads it before the first screen is shown, and that
 * screen loads no validation code.
 */

/** The device has been handed to this young person, at this instant. */
export interface Handover {
  youngPersonId: string;
  startedAt: string;
}

/** An ISO 8601 date and time with seconds optional and a time zone ("Z" or an offset). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** The handover stored in a setting's value, or null when it is missing or damaged. */
export function readHandover(value: unknown): Handover | null {
  if (typeof value !== 'object' || value === null) return null;
  const { youngPersonId, startedAt } = value as Partial<Record<keyof Handover, unknown>>;
  if (typeof youngPersonId !== 'string' || youngPersonId.length === 0) return null;
  if (typeof startedAt !== 'string' || !INSTANT.test(startedAt)) return null;
  return { youngPersonId, startedAt };
}

/** The handover in progress, or null. */
export async function getHandover(): Promise<Handover | null> {
  const row = await getDb().settings.get(HANDOVER_KEY);
  return readHandover(row?.value);
}
