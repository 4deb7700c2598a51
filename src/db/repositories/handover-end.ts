/**
 * What a hand-over leaves for the next unlock, once the passphrase or the recovery key has
 * been given: the end of a hand-over asked for with "Forgot the PIN?" (requestHandoverEnd in
 * ./handover.ts), or the word that ten wrong PINs ended one (./coach-pin.ts). Free of
 * validation code, and loaded with what unlocking loads, not with the first screen.
 */
import { getDb } from '../database';
import { isUnlocked } from '../encryption/session-key';
import { readHandover, type Handover } from './handover-state';
import { COACH_PIN_KEY, HANDOVER_END_KEY, HANDOVER_KEY, PIN_ATTEMPTS_KEY } from '../settings-keys';

/** Stored under HANDOVER_END_KEY when wrong PINs used the PIN up and ended the hand-over. */
export const ENDED_BY_WRONG_PINS = 'wrong-pins';

/** What the coach is told after unlocking: see finishRequestedHandoverEnd. */
export type HandoverEndNews = 'ended' | 'wrong-pins' | null;

const sameHandover = (a: Handover | null, b: Handover | null) =>
  a !== null && b !== null && a.youngPersonId === b.youngPersonId && a.startedAt === b.startedAt;

/**
 * Once the app is unlocked again (the app calls it at each unlock):
 * - after "Forgot the PIN?": the hand-over asked to end ends, and the PIN is removed with its
 *   wrong tries, for the coach to set a new one ('ended'). A request left from an earlier
 *   hand-over ends nothing.
 * - after ten wrong PINs: says so ('wrong-pins'); the hand-over had ended then.
 * Either note is read once. Null when there is nothing to tell, or while locked.
 */
export async function finishRequestedHandoverEnd(): Promise<HandoverEndNews> {
  if (!isUnlocked()) return null;
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const note: unknown = (await db.settings.get(HANDOVER_END_KEY))?.value;
    if (note === undefined) return null;
    await db.settings.delete(HANDOVER_END_KEY);
    if (note === ENDED_BY_WRONG_PINS) return 'wrong-pins';
    const current = readHandover((await db.settings.get(HANDOVER_KEY))?.value);
    if (!sameHandover(readHandover(note), current)) return null;
    await db.settings.bulkDelete([HANDOVER_KEY, COACH_PIN_KEY, PIN_ATTEMPTS_KEY]);
    return 'ended';
  });
}
