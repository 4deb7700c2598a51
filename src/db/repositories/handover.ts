import { z } from 'zod';
import { toInstant } from '../../lib/dates';
import { idSchema, instantSchema } from '../../domain/schemas';
import { getDb } from '../database';
import { checkCoachPin, type PinCheckResult } from './coach-pin';
import { getHandover } from './handover-state';
import { COACH_PIN_KEY, HANDOVER_KEY } from '../settings-keys';

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
 * Hands the device to a young person. Refuses (throws an Error saying why) when no coach PIN
 * is set, the young person is missing, their case is closed, or someone else's space is open.
 * Handing over to the young person already holding the device changes nothing.
 */
export async function startHandover(
  youngPersonId: string,
  now: Date = new Date(),
): Promise<Handover> {
  const db = getDb();
  return db.transaction('rw', [db.settings, db.youngPeople], async () => {
    const pin = await db.settings.get(COACH_PIN_KEY);
    if (!pin) throw new Error('Set a coach PIN in Settings before handing over.');
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
 * result says why not otherwise (wrong, locked for a while, or no PIN set).
 */
export async function endHandover(pin: string, now: Date = new Date()): Promise<PinCheckResult> {
  const result = await checkCoachPin(pin, now);
  if (result.ok) await getDb().settings.delete(HANDOVER_KEY);
  return result;
}
