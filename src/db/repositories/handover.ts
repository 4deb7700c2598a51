import { z } from 'zod';
import { toInstant } from '../../lib/dates';
import { idSchema, instantSchema } from '../../domain/schemas';
import { getDb } from '../database';
import { PassphraseNeededError, getLockState, lockSafely } from '../encryption/session-key';
import {
  checkCoachPin,
  pinTimeNow,
  requireUsablePin,
  type PinCheckResult,
  type PinTime,
} from './coach-pin';
import { getHandover } from './handover-state';
import { HANDOVER_END_KEY, HANDOVER_KEY } from '../settings-keys';

export { getHandover };

/**
 * The device has been handed to a young person: until the coach's PIN is typed, only that
 * young person's own space is shown. Stored, so a reload or a second tab stays inside it.
 */
export const handoverSchema = z.object({
  youngPersonId: idSchema,
  startedAt: instantSchema,
});
export type Handover = z.infer<typeof handoverSchema>;

/**
 * Hands the device to a young person. Only while the app is unlocked: before a passphrase is
 * chosen it throws a PassphraseNeededError (the PIN is kept sealed under the data key). Throws
 * a PinNeededError when no PIN that can be checked is set (none, used up by wrong tries, or
 * unreadable), and an Error saying why when the young person is missing, their case is
 * closed, or someone else's space is open. Handing over to the young person already holding
 * the device changes nothing. A PIN stored the old way is sealed on the way.
 */
export async function startHandover(
  youngPersonId: string,
  now: Date = new Date(),
): Promise<Handover> {
  if (getLockState() === 'not-set-up') {
    throw new PassphraseNeededError(
      'Choose a passphrase before you hand over: what the young person adds is then kept encrypted, and so is your PIN.',
    );
  }
  const db = getDb();
  return db.transaction('rw', [db.settings, db.youngPeople], async () => {
    await requireUsablePin();
    const youngPerson = await db.youngPeople.get(youngPersonId);
    if (!youngPerson) throw new Error('This young person is no longer in the caseload.');
    if (youngPerson.status !== 'open') {
      throw new Error('This case is closed: reopen it to hand over.');
    }
    const current = await getHandover();
    if (current?.youngPersonId === youngPersonId) return current;
    if (current) {
      throw new Error("Another young person's space is open. Give it back with the PIN first.");
    }
    const handover = handoverSchema.parse({ youngPersonId, startedAt: toInstant(now) });
    await db.settings.put({ key: HANDOVER_KEY, value: handover });
    return handover;
  });
}

/**
 * Gives the device back to the coach. The handover ends only when the PIN is right; the
 * result says why not otherwise (wrong, a wait, no PIN that can be checked). The tenth wrong
 * PIN in a row ends it too, and locks the app (see checkCoachPin).
 */
export async function endHandover(
  pin: string,
  time: PinTime = pinTimeNow(),
): Promise<PinCheckResult> {
  const result = await checkCoachPin(pin, time);
  if (result.ok) await getDb().settings.delete(HANDOVER_KEY);
  return result;
}

/**
 * "Forgot the PIN?": the coach's passphrase, or the recovery key, always ends a handover,
 * whatever became of the PIN (during a wait too). This notes the handover to end and locks
 * the app (what is being typed is kept as a draft first); unlocking it, on the unlock screen,
 * ends the handover and removes the PIN (finishRequestedHandoverEnd in ./handover-end.ts,
 * which the app calls at unlock). Wrong passphrases count and wait as they always do there.
 * Without a handover it changes nothing.
 */
export async function requestHandoverEnd(): Promise<void> {
  const handover = await getHandover();
  if (!handover) return;
  await getDb().settings.put({ key: HANDOVER_END_KEY, value: handover });
  await lockSafely();
}
