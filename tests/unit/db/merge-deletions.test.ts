import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { makeBackup } from '../../../src/db/repositories/backup/export';
import {
  FutureRecordError,
  applyRestore,
  planRestore,
} from '../../../src/db/repositories/backup/restore';
import { getErasedIds } from '../../../src/db/repositories/erased-ids';
import { deleteSession, logSession, updateSession } from '../../../src/db/repositories/sessions';
import { deleteYoungPersonWithRecords } from '../../../src/db/repositories/young-people';
import type { CheckedBackupFile } from '../../../src/domain/backup-format';
import { parseBackupText } from '../../../src/domain/backup-parse';
import { resultLines } from '../../../src/features/backup/restore-model';
import V1_BACKUP from '../support/fixtures/backup-v1.json?raw';
import { addGoal, addYoungPerson, at, freshDb, sessionInput } from './fixtures';

// Deletions and merges (issue 13, section 7): a merge of an older backup never brings back
// what was deleted here, and a backup carries its device's deletions to this one.

const BACKED_UP = at('2026-11-10', 12);
const DELETED = at('2026-11-20', 15);
const NOW = at('2026-11-23', 14);

beforeEach(freshDb);

/** Mia, a goal with its baseline, and a session on 5 November with one rating. */
async function coachedCase() {
  const mia = await addYoungPerson('Mia', at('2026-09-01'));
  const { goal } = await addGoal(mia.id, at('2026-10-01', 14));
  const session = await logSession(
    mia.id,
    sessionInput('2026-11-05', [{ goalId: goal.id, score: 5 }], { notes: 'Fictional notes' }),
    at('2026-11-05', 16),
  );
  return { mia, goal, session };
}

/** A backup made at `at`, read back as the restore page reads it. */
async function backupAt(when: Date): Promise<CheckedBackupFile> {
  const { json } = await makeBackup(when);
  const parsed = parseBackupText(json, NOW);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.backup;
}

async function sessionAndRatings(sessionId: string) {
  const db = getDb();
  return {
    session: await db.sessions.get(sessionId),
    ratings: await db.ratings.where('sessionId').equals(sessionId).count(),
  };
}

describe('an old backup merge', () => {
  it('cannot resurrect a deleted session (or its ratings), and says so', async () => {
    const { session } = await coachedCase();
    const old = await backupAt(BACKED_UP);
    await deleteSession(session.id, DELETED);

    const plan = await planRestore(old);
    expect(plan.total).toMatchObject({ new: 2, deletedHere: 2 });

    const result = await applyRestore(old, 'merge', NOW);

    expect(await sessionAndRatings(session.id)).toEqual({ session: undefined, ratings: 0 });
    expect(result.counts.total).toMatchObject({ added: 0, written: 0, notBroughtBack: 2 });
    expect(result.counts.arrays.sessions.notBroughtBack).toBe(1);
    expect(resultLines(result)).toContain(
      '2 records not brought back because they were deleted on this device.',
    );
    // The deletions are still there, so a later merge of the same file changes nothing.
    expect(await getDb().deletions.count()).toBe(2);
    const again = await applyRestore(old, 'merge', NOW);
    expect(again.counts.total).toMatchObject({ written: 0, notBroughtBack: 2 });
    expect(await sessionAndRatings(session.id)).toEqual({ session: undefined, ratings: 0 });
  });

  it('still brings back a record changed after it was deleted here (in the file)', async () => {
    const { mia, goal, session } = await coachedCase();
    // The file's version of the session is from after the deletion here (another device
    // changed it later): it is newer than the deletion, so it comes back.
    await deleteSession(session.id, DELETED);
    const file = await backupAt(BACKED_UP);
    file.youngPeople = [(await getDb().youngPeople.get(mia.id))!];
    file.goals = [goal];
    file.sessions = [
      { ...session, notes: 'Changed later', updatedAt: at('2026-11-21').toISOString() },
    ];
    file.ratings = [];
    const result = await applyRestore(file, 'merge', NOW);
    expect(result.counts.total).toMatchObject({ added: 1, notBroughtBack: 0 });
    expect((await getDb().sessions.get(session.id))?.notes).toBe('Changed later');
    // Its deletion is forgotten: it is on the device again.
    expect(await getDb().deletions.get(['sessions', session.id])).toBeUndefined();
  });

  it('made in version 1 (no deletions, ratings without updatedAt) cannot resurrect one either', async () => {
    const v1 = parseBackupText(V1_BACKUP, NOW);
    if (!v1.ok) throw new Error(v1.message);
    expect(v1.backup.version).toBe(1);
    expect(v1.backup.deletions).toEqual([]);
    // Read as version 2: a rating's updatedAt is its ratedAt, a map's its savedAt.
    expect(v1.backup.ratings.map((r) => r.updatedAt)).toEqual(
      v1.backup.ratings.map((r) => r.ratedAt),
    );
    expect(v1.backup.resilienceMaps[0]?.updatedAt).toBe('2026-10-08T10:00:00.000Z');

    await applyRestore(v1.backup, 'replace', NOW);
    expect(await sessionAndRatings('s-v1')).toMatchObject({ ratings: 1 });
    await deleteSession('s-v1', DELETED);
    const result = await applyRestore(v1.backup, 'merge', NOW);
    expect(await sessionAndRatings('s-v1')).toEqual({ session: undefined, ratings: 0 });
    expect(result.counts.total.notBroughtBack).toBe(2);
  });
});

describe("a backup's deletions, merged into another device", () => {
  /** Device A's state before and after deleting the session; this device holds "before". */
  async function twoDevices() {
    const { mia, goal, session } = await coachedCase();
    const before = await backupAt(BACKED_UP);
    await deleteSession(session.id, DELETED);
    const after = await backupAt(at('2026-11-21', 9));
    expect(after.deletions).toHaveLength(2);
    await applyRestore(before, 'replace', NOW);
    expect(await getDb().deletions.count()).toBe(0);
    return { mia, goal, session, after };
  }

  it('delete here what was not changed since, with a deletion record for each', async () => {
    const { session, after } = await twoDevices();
    const plan = await planRestore(after);
    expect(plan.total).toMatchObject({ deletedByFile: 2, keptChangedHere: 0 });

    const result = await applyRestore(after, 'merge', NOW);

    expect(await sessionAndRatings(session.id)).toEqual({ session: undefined, ratings: 0 });
    expect(result.counts.total).toMatchObject({ removed: 2, keptChangedHere: 0 });
    expect(resultLines(result)).toContain(
      '2 records deleted, as they were deleted on the device that made the backup.',
    );
    expect(await getDb().deletions.get(['sessions', session.id])).toEqual({
      table: 'sessions',
      id: session.id,
      deletedAt: DELETED.toISOString(),
    });
  });

  it('never undo work: a session changed here after the deletion is kept', async () => {
    const { mia, goal, session, after } = await twoDevices();
    await updateSession(
      session.id,
      sessionInput('2026-11-05', [{ goalId: goal.id, score: 6 }], { notes: 'Changed here' }),
      at('2026-11-22', 10),
    );
    const result = await applyRestore(after, 'merge', NOW);
    expect((await getDb().sessions.get(session.id))?.notes).toBe('Changed here');
    expect(result.counts.arrays.sessions.keptChangedHere).toBe(1);
    expect(resultLines(result)).toContain(
      // The session and its rating, whose score changed with it.
      '2 records kept although deleted on the device that made the backup, being changed here since.',
    );
    // Its rating was changed with it, so it is kept too; the young person was never deleted.
    expect(await getDb().ratings.where('sessionId').equals(session.id).count()).toBe(1);
    expect(await getDb().youngPeople.get(mia.id)).toBeDefined();
  });

  it('erase a young person erased on the other device, as erasing here does', async () => {
    const { mia } = await coachedCase();
    const before = await backupAt(BACKED_UP);
    await deleteYoungPersonWithRecords(mia.id, DELETED);
    const after = await backupAt(at('2026-11-21', 9));
    expect(after.deletions.filter((d) => d.table === 'youngPeople')).toHaveLength(1);
    await applyRestore(before, 'replace', NOW);
    expect(await getDb().youngPeople.count()).toBe(1);

    const result = await applyRestore(after, 'merge', NOW);

    const db = getDb();
    expect(await db.youngPeople.count()).toBe(0);
    expect(await db.goals.count()).toBe(0);
    expect(await db.sessions.count()).toBe(0);
    expect(await db.ratings.count()).toBe(0);
    expect([...(await getErasedIds(db))]).toEqual([mia.id]);
    // Young person, goal, session, baseline and session rating.
    expect(result.counts.total.removed).toBe(5);
  });

  it('keep a young person erased there but changed here since, with the records changed here', async () => {
    const { mia, goal, session } = await coachedCase();
    const before = await backupAt(BACKED_UP);
    await deleteYoungPersonWithRecords(mia.id, DELETED);
    const after = await backupAt(at('2026-11-21', 9));
    await applyRestore(before, 'replace', NOW);
    await updateSession(
      session.id,
      sessionInput('2026-11-05', [{ goalId: goal.id, score: 6 }], { notes: 'Changed here' }),
      at('2026-11-22', 10),
    );
    const result = await applyRestore(after, 'merge', NOW);
    const db = getDb();
    expect(await db.youngPeople.get(mia.id)).toBeDefined();
    expect((await db.sessions.get(session.id))?.notes).toBe('Changed here');
    expect(result.counts.arrays.youngPeople.keptChangedHere).toBe(1);
    // No record is left without its young person, goal or session.
    const goals = new Set((await db.goals.toArray()).map((g) => g.id));
    const sessions = new Set((await db.sessions.toArray()).map((s) => s.id));
    for (const rating of await db.ratings.toArray()) {
      expect(goals.has(rating.goalId)).toBe(true);
      if (rating.sessionId) expect(sessions.has(rating.sessionId)).toBe(true);
    }
  });
});

describe('a replace', () => {
  it('keeps the deletions known here, less those of records the file brings back', async () => {
    const { session } = await coachedCase();
    const old = await backupAt(BACKED_UP);
    await deleteSession(session.id, DELETED);
    await applyRestore(old, 'replace', NOW);
    // The file held the session: it is back, and its deletion forgotten.
    expect((await sessionAndRatings(session.id)).session).toBeDefined();
    expect(await getDb().deletions.count()).toBe(0);
  });
});

describe('a record dated in the future', () => {
  const minutesAfterNow = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();

  /** A backup of the coached case with its session's updatedAt set to `updatedAt`. */
  async function fileWithSessionAt(updatedAt: string) {
    const { session } = await coachedCase();
    const { file } = await makeBackup(BACKED_UP);
    const text = JSON.stringify({ ...file, sessions: [{ ...file.sessions[0]!, updatedAt }] });
    return { session, text };
  }

  it('is refused on import, naming the record, and nothing is saved', async () => {
    const { session, text } = await fileWithSessionAt(minutesAfterNow(10));
    const parsed = parseBackupText(text, NOW);
    if (parsed.ok) throw new Error('A session dated 10 minutes ahead was accepted');
    expect(parsed.reason).toBe('bad-records');
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        array: 'sessions',
        index: 0,
        id: session.id,
        field: 'updatedAt',
        message: expect.stringContaining('in the future') as unknown,
      }),
    ]);
    expect(parsed.message).toContain(`sessions[0] (id ${session.id}), field updatedAt: Dated`);

    // Restoring it anyway (a file not checked with the time) is refused whole.
    const unchecked = parseBackupText(text);
    if (!unchecked.ok) throw new Error(unchecked.message);
    await getDb().sessions.update(session.id, { notes: 'Kept as it is' });
    const before = await getDb().sessions.toArray();
    for (const mode of ['merge', 'replace'] as const) {
      await expect(applyRestore(unchecked.backup, mode, NOW)).rejects.toThrow(FutureRecordError);
    }
    expect(await getDb().sessions.toArray()).toEqual(before);
  });

  it('allows up to 5 minutes of difference between clocks', async () => {
    const { text } = await fileWithSessionAt(minutesAfterNow(4));
    expect(parseBackupText(text, NOW).ok).toBe(true);
  });

  it('refuses a deletion dated in the future too', async () => {
    const { session } = await coachedCase();
    const { file } = await makeBackup(BACKED_UP);
    const deletions = [{ table: 'sessions', id: session.id, deletedAt: minutesAfterNow(60) }];
    const parsed = parseBackupText(JSON.stringify({ ...file, deletions }), NOW);
    if (parsed.ok) throw new Error('A deletion dated an hour ahead was accepted');
    expect(parsed.problems[0]).toMatchObject({
      array: 'deletions',
      index: 0,
      id: session.id,
      field: 'deletedAt',
    });
  });
});
