import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import { makeBackup } from '../../../src/db/repositories/backup/export';
import { applyRestore, planRestore } from '../../../src/db/repositories/backup/restore';
import { closeCase, reopenCase } from '../../../src/db/repositories/closure';
import { logSession } from '../../../src/db/repositories/sessions';
import type { CheckedBackupFile } from '../../../src/domain/backup-format';
import { parseBackupText } from '../../../src/domain/backup-parse';
import { refusalLines, resultLines } from '../../../src/features/backup/restore-model';
import { addGoal, addYoungPerson, at, freshDb, sessionInput } from './fixtures';

// A merge obeys the rules the screens do (issue 13, section 7): a rated goal's words stay as
// they are, nothing moves to another young person, and a closed case stays read-only unless
// the file reopens it.

const NOW = at('2026-11-23', 14);

beforeEach(freshDb);

async function backupAt(when: Date): Promise<CheckedBackupFile> {
  const { json } = await makeBackup(when);
  const parsed = parseBackupText(json, NOW);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.backup;
}

async function coachedCase() {
  const mia = await addYoungPerson('Mia', at('2026-09-01'));
  const { goal } = await addGoal(mia.id, at('2026-10-01', 14), { text: 'Go to football' });
  await logSession(
    mia.id,
    sessionInput('2026-11-05', [{ goalId: goal.id, score: 5 }]),
    at('2026-11-05', 16),
  );
  return { mia, goal };
}

function closeInput(goalId: string, closedOn = '2026-11-12') {
  return {
    closedOn,
    reason: 'support-completed' as const,
    reasonDetail: '',
    closingRatings: [{ goalId, score: 7 }],
    closingRatedBy: 'young-person' as const,
    goalOutcomes: { [goalId]: 'partly' as const },
  };
}

describe("a rated goal's words", () => {
  it('stay as they are when a newer version in the file has other words', async () => {
    const { goal } = await coachedCase();
    const file = await backupAt(at('2026-11-10'));
    file.goals = [
      { ...goal, text: 'Stop going to football', updatedAt: at('2026-11-20').toISOString() },
    ];

    const plan = await planRestore(file);
    expect(plan.total).toMatchObject({ fileNewer: 1, refusedNewer: 1 });
    expect(plan.refusals).toEqual([{ array: 'goals', id: goal.id, reason: 'goal-words' }]);

    const result = await applyRestore(file, 'merge', NOW);

    expect(await getDb().goals.get(goal.id)).toEqual(goal);
    expect(result.counts.total).toMatchObject({ updated: 0, refused: 1 });
    expect(resultLines(result)).toContain(
      '1 record not taken from the backup, because the app would not allow the change (see below).',
    );
    expect(refusalLines(result.refusals, 1).lines).toEqual([
      `Goal ${goal.id}: its words differ from this device's, and a goal's words never change once it is set and rated: the words on this device are kept.`,
    ]);
  });

  it('may change in the other ways the screens allow (status, links)', async () => {
    const { goal } = await coachedCase();
    const file = await backupAt(at('2026-11-10'));
    const achieved = {
      ...goal,
      status: 'achieved' as const,
      domains: ['belonging' as const, 'coping' as const],
      updatedAt: at('2026-11-20').toISOString(),
    };
    file.goals = [achieved];
    const result = await applyRestore(file, 'merge', NOW);
    expect(await getDb().goals.get(goal.id)).toEqual(achieved);
    expect(result.counts.total).toMatchObject({ updated: 1, refused: 0 });
  });
});

describe('records never move', () => {
  it('to another young person: the newer version that would move a session is refused', async () => {
    await coachedCase();
    const sam = await addYoungPerson('Sam', at('2026-09-02'));
    const file = await backupAt(at('2026-11-10'));
    const [session] = file.sessions;
    if (!session) throw new Error('No session');
    file.sessions = [
      { ...session, youngPersonId: sam.id, updatedAt: at('2026-11-20').toISOString() },
    ];
    const result = await applyRestore(file, 'merge', NOW);
    expect(result.refusals).toEqual([{ array: 'sessions', id: session.id, reason: 'moved' }]);
    expect((await getDb().sessions.get(session.id))?.youngPersonId).not.toBe(sam.id);
  });
});

describe('a closed case', () => {
  it('stays read-only: a session logged elsewhere before the closing here is refused', async () => {
    const { mia, goal } = await coachedCase();
    const before = await backupAt(at('2026-11-06'));
    // The other device logs a session; this one (holding `before`) closes the case.
    await logSession(
      mia.id,
      sessionInput('2026-11-08', [{ goalId: goal.id, score: 6 }]),
      at('2026-11-08', 10),
    );
    const elsewhere = await backupAt(at('2026-11-09'));
    await applyRestore(before, 'replace', NOW);
    await closeCase(mia.id, closeInput(goal.id), at('2026-11-12', 11));
    const sessionsBefore = await getDb().sessions.toArray();

    const result = await applyRestore(elsewhere, 'merge', NOW);

    expect(await getDb().sessions.toArray()).toEqual(sessionsBefore);
    expect((await getDb().youngPeople.get(mia.id))?.status).toBe('closed');
    // The session and its rating.
    expect(result.counts.total).toMatchObject({ added: 0, refused: 2 });
    expect(result.refusals.map((r) => [r.array, r.reason])).toEqual([
      ['sessions', 'case-closed'],
      ['ratings', 'case-closed'],
    ]);
    expect(refusalLines(result.refusals, 2).lines[0]).toMatch(
      /^Session .+: the case is closed on this device: reopen it first, or restore a backup in which it was reopened\.$/,
    );
  });

  it('takes the records of a file that reopened the case', async () => {
    const { mia, goal } = await coachedCase();
    await closeCase(mia.id, closeInput(goal.id), at('2026-11-12', 11));
    const closed = await backupAt(at('2026-11-13'));
    // The other device reopens the case and logs a session.
    await reopenCase(mia.id, 'Asked to come back', at('2026-11-15', 9));
    const session = await logSession(
      mia.id,
      sessionInput('2026-11-15', [{ goalId: goal.id, score: 8 }]),
      at('2026-11-15', 10),
    );
    const reopened = await backupAt(at('2026-11-16'));
    await applyRestore(closed, 'replace', NOW);
    expect((await getDb().youngPeople.get(mia.id))?.status).toBe('closed');

    const result = await applyRestore(reopened, 'merge', NOW);

    expect((await getDb().youngPeople.get(mia.id))?.status).toBe('open');
    expect(await getDb().sessions.get(session.id)).toBeDefined();
    expect(result.counts.total.refused).toBe(0);
  });

  it("can still take the young person's own details, as the edit page can", async () => {
    const { mia, goal } = await coachedCase();
    await closeCase(mia.id, closeInput(goal.id), at('2026-11-12', 11));
    const file = await backupAt(at('2026-11-13'));
    const here = await getDb().youngPeople.get(mia.id);
    if (!here) throw new Error('No young person');
    file.youngPeople = [
      { ...here, school: 'New School', updatedAt: at('2026-11-20').toISOString() },
    ];
    const result = await applyRestore(file, 'merge', NOW);
    expect((await getDb().youngPeople.get(mia.id))?.school).toBe('New School');
    expect((await getDb().youngPeople.get(mia.id))?.status).toBe('closed');
    expect(result.counts.total).toMatchObject({ updated: 1, refused: 0 });
  });
});
