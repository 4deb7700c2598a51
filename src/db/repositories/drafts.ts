import { draftId, draftSchema, type Draft, type DraftKind } from '../../domain/draft';
import { parseOrThrow } from '../../domain/validation';
import { toInstant } from '../../lib/dates';
import { getDb } from '../database';

/** The saved draft of one form for one young person, or null. */
export async function getDraft(kind: DraftKind, youngPersonId: string): Promise<Draft | null> {
  const row = await getDb().drafts.get(draftId(kind, youngPersonId));
  const parsed = draftSchema.safeParse(row);
  return parsed.success ? parsed.data : null;
}

/**
 * Keeps what has been typed so far. Only for a young person still in the caseload, so a
 * draft never outlives its young person; checked and written in one transaction.
 */
export async function saveDraft(
  kind: DraftKind,
  youngPersonId: string,
  values: Record<string, unknown>,
  now: Date = new Date(),
): Promise<Draft | null> {
  const record = parseOrThrow(draftSchema, {
    id: draftId(kind, youngPersonId),
    kind,
    youngPersonId,
    values,
    updatedAt: toInstant(now),
  });
  const db = getDb();
  return db.transaction('rw', db.youngPeople, db.drafts, async () => {
    if (!(await db.youngPeople.get(youngPersonId))) return null;
    await db.drafts.put(record);
    return record;
  });
}

/** Removes the draft of one form (after it is saved, or when the coach starts again). */
export async function deleteDraft(kind: DraftKind, youngPersonId: string): Promise<void> {
  await getDb().drafts.delete(draftId(kind, youngPersonId));
}
