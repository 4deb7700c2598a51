import { getDb } from '../database';
import { isUnlocked } from '../encryption/session-key';
import { COACH_PIN_KEY, HANDOVER_END_KEY, HANDOVER_KEY, PIN_ATTEMPTS_KEY } from '../settings-keys';

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

const sameHandover = (a: Handover | null, b: Handover | null) =>
  a !== null && b !== null && a.youngPersonId === b.youngPersonId && a.startedAt === b.startedAt;

/**
 * Once the app is unlocked again after "Forgot the PIN?" (see requestHandoverEnd in
 * ./handover.ts): the passphrase or the recovery key has been given, so the handover asked to
 * end ends, and the PIN is removed with its wrong tries, for the coach to set a new one. A
 * request left from an earlier handover ends nothing, and is dropped. Returns whether a
 * handover ended. Kept here, free of validation code, for the app's shell to call at unlock.
 */
export async function finishRequestedHandoverEnd(): Promise<boolean> {
  if (!isUnlocked()) return false;
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const request = readHandover((await db.settings.get(HANDOVER_END_KEY))?.value);
    if (!request) return false;
    await db.settings.delete(HANDOVER_END_KEY);
    const current = readHandover((await db.settings.get(HANDOVER_KEY))?.value);
    if (!sameHandover(request, current)) return false;
    await db.settings.bulkDelete([HANDOVER_KEY, COACH_PIN_KEY, PIN_ATTEMPTS_KEY]);
    return true;
  });
}
