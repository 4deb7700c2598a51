/**
 * The end of a handover asked for with "Forgot the PIN?" (see requestHandoverEnd in
 * ./handover.ts), once the app is unlocked again. Free of validation code, and loaded with
 * what unlocking loads, not with the first screen.
 */
import { getDb } from '../database';
import { isUnlocked } from '../encryption/session-key';
import { readHandover, type Handover } from './handover-state';
import { COACH_PIN_KEY, HANDOVER_END_KEY, HANDOVER_KEY, PIN_ATTEMPTS_KEY } from '../settings-keys';

const sameHandover = (a: Handover | null, b: Handover | null) =>
  a !== null && b !== null && a.youngPersonId === b.youngPersonId && a.startedAt === b.startedAt;

/**
 * Once the app is unlocked again after "Forgot the PIN?" (see requestHandoverEnd in
 * ./handover.ts): the passphrase or the recovery key has been given, so the handover asked to
 * end ends, and the PIN is removed with its wrong tries, for the coach to set a new one. A
 * request left from an earlier handover ends nothing, and is dropped. Returns whether a
 * handover ended. The app calls it at each unlock.
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
