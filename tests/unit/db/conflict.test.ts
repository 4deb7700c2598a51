import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/db/conflict';
import { getDb } from '../../../src/db/database';
import { updateGoalLinks } from '../../../src/db/repositories/goals';
import { logSession, updateSession } from '../../../src/db/repositories/sessions';
import { updateYoungPerson } from '../../../src/db/repositories/young-people';
import { NOW, TODAY, addGoal, addYoungPerson, at, freshDb, sessionInput } from './fixtures';

beforeEach(freshDb);

const details = (name: string) => ({
  name,
  dateOfBirth: '2013-04-12',
  school: '',
  programme: '',
  referralDate: '',
});

describe('two tabs changing the same record', () => {
  it("refuses a young person's details saved from a form opened before another change", async () => {
    const mia = await addYoungPerson('Mia');
    const openedAt = mia.updatedAt;
    // The other tab saves first.
    await updateYoungPerson(mia.id, details('Mia B'), at('2026-11-01'), openedAt);

    const stale = updateYoungPerson(mia.id, details('Mia C'), NOW, openedAt);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toThrow(
      /changed in another tab or window at .*Your changes were not saved/,
    );
    expect((await getDb().youngPeople.get(mia.id))?.name).toBe('Mia B');

    // Opened after that change, the save goes through.
    const fresh = (await getDb().youngPeople.get(mia.id))?.updatedAt;
    await updateYoungPerson(mia.id, details('Mia C'), NOW, fresh);
    expect((await getDb().youngPeople.get(mia.id))?.name).toBe('Mia C');
  });

  it('refuses a stale session edit and a stale change of goal links', async () => {
    const mia = await addYoungPerson('Mia');
    const { goal } = await addGoal(mia.id, at('2026-10-01'));
    const session = await logSession(
      mia.id,
      sessionInput('2026-11-01', [{ goalId: goal.id, score: 4 }]),
      at('2026-11-01'),
    );
    await updateSession(
      session.id,
      sessionInput('2026-11-01', [{ goalId: goal.id, score: 5 }], { notes: 'First tab' }),
      at('2026-11-02'),
      session.updatedAt,
    );
    await expect(
      updateSession(
        session.id,
        sessionInput('2026-11-01', [{ goalId: goal.id, score: 9 }], { notes: 'Second tab' }),
        NOW,
        session.updatedAt,
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await getDb().sessions.get(session.id))?.notes).toBe('First tab');
    expect((await getDb().ratings.where('sessionId').equals(session.id).first())?.score).toBe(5);

    await updateGoalLinks(
      goal.id,
      { domains: ['coping'], moves: [] },
      at(TODAY, 9),
      goal.updatedAt,
    );
    await expect(
      updateGoalLinks(goal.id, { domains: ['learning'], moves: [] }, NOW, goal.updatedAt),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await getDb().goals.get(goal.id))?.domains).toEqual(['coping']);
  });
});
