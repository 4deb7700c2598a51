import type { Transaction } from 'dexie';
// Zod-free imports only: the database (and so this file) loads on the first screen.
import { CLOSURE_REASON_LABELS, CLOSURE_REASONS, type ClosureReason } from '../domain/labels';
import type { Closure, YoungPerson } from '../domain/schemas';
import { newId } from '../lib/ids';

/** Maps a v1 free-text closure reason onto the v2 reasons; unknown text becomes "other". */
function reasonFromText(text: string | null): { reason: ClosureReason; detail: string | null } {
  const match = CLOSURE_REASONS.find(
    (r) => CLOSURE_REASON_LABELS[r].toLowerCase() === (text ?? '').trim().toLowerCase(),
  );
  if (match) return { reason: match, detail: null };
  return { reason: 'other', detail: text?.trim() ? text.trim() : null };
}

/**
 * v1 -> v2: every case already closed gets a closure record, so closed cases look the same
 * as ones closed with the v2 close-case step (without outcomes or satisfaction, which v1
 * did not record).
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const people = (await tx.table('youngPeople').toArray()) as YoungPerson[];
  const closures = people
    .filter((yp) => yp.status === 'closed')
    .map((yp): Closure => {
      const { reason, detail } = reasonFromText(yp.closureReason);
      return {
        id: newId(),
        youngPersonId: yp.id,
        closedOn: yp.closedOn ?? yp.updatedAt.slice(0, 10),
        reason,
        reasonDetail: detail,
        goalOutcomes: {},
        youngPersonSatisfaction: null,
        parentCarerSatisfaction: null,
        youngPersonComments: null,
        parentCarerComments: null,
        reopenedOn: null,
        reopenReason: null,
        createdAt: yp.updatedAt,
        updatedAt: yp.updatedAt,
      };
    });
  await tx.table('closures').bulkAdd(closures);
}

/**
 * v2 -> v3: adds the resilienceMaps table. It starts empty, so there is nothing to
 * transform; declared so every version has its upgrade.
 */
export async function upgradeToV3(): Promise<void> {
  // Nothing to move: every v2 record stays exactly as it is.
}

/**
 * v3 -> v4: adds the drafts table. It starts empty, so there is nothing to transform;
 * declared so every version has its upgrade.
 */
export async function upgradeToV4(): Promise<void> {
  // Nothing to move: every v3 record stays exactly as it is.
}

/** A stored record, as an upgrade sees it: plain fields as they are, encrypted ones sealed. */
type StoredRecord = Record<string, unknown>;

/**
 * True for a sealed record (a `sealed` field "enc:v2:…"), as ./encryption/seal-kit.ts's
 * looksSealed says; written out here so that the database module, which the first screen
 * loads, does not pull in the sealing code's loader.
 */
function isSealed(record: StoredRecord): boolean {
  return typeof record.sealed === 'string' && record.sealed.startsWith('enc:v2:');
}

/**
 * v4 -> v5: ratings and resilience maps gain `updatedAt`, the time a merge compares. A rating
 * had only `ratedAt` (when it was given, or moved with its session's date) and a map only
 * `savedAt` (snapshots are never edited), so each is the best time there is. Both are plain
 * fields (indexed; never encrypted), and the upgrade reads and writes nothing else, so it
 * works while the app is locked: it never needs the data key, and every encrypted value
 * ("enc:v1:" fields of v4) stays exactly as stored. A record that already has an `updatedAt`
 * keeps it. A sealed record (./encryption/record-seal.ts) is never rewritten: its seal binds
 * its plain fields, so one added here would make it fail its check; and sealing came with v5,
 * so every sealed record already carries its updatedAt. The deletions table starts empty.
 */
export async function upgradeToV5(tx: Transaction): Promise<void> {
  const stamp = (from: string) => (record: StoredRecord) => {
    if (typeof record.updatedAt === 'string' || isSealed(record)) return;
    const time = record[from];
    if (typeof time === 'string') record.updatedAt = time;
  };
  await tx.table('ratings').toCollection().modify(stamp('ratedAt'));
  await tx.table('resilienceMaps').toCollection().modify(stamp('savedAt'));
}
