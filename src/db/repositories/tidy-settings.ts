/**
 * The settings that name young people (the demo list, a handover), kept true once young
 * people have gone: after a "replace everything" restore, or an erasure.
 */
import { readIdList } from '../../lib/objects';
import type { CoachingDatabase } from '../database';
import { readHandover } from './handover-state';
import { HANDOVER_KEY, DEMO_IDS_KEY } from '../settings-keys';

/**
 * Once young people have gone (a replace, an erasure): the settings that name young people
 * keep only those `kept` says are still here. The demo list is written only when it changes,
 * and a handover to someone gone ends. Call inside the transaction, which must include the
 * settings.
 */
export async function tidySettings(
  db: CoachingDatabase,
  kept: (youngPersonId: string) => boolean,
): Promise<void> {
  const demo: unknown = (await db.settings.get(DEMO_IDS_KEY))?.value;
  if (Array.isArray(demo)) {
    const still = readIdList(demo).filter(kept);
    if (still.length !== demo.length) await db.settings.put({ key: DEMO_IDS_KEY, value: still });
  }
  const handover = readHandover((await db.settings.get(HANDOVER_KEY))?.value);
  if (handover && !kept(handover.youngPersonId)) await db.settings.delete(HANDOVER_KEY);
}
