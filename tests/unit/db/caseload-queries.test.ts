import { beforeEach, describe, expect, it } from 'vitest';
import {
  compareCaseloadPeople,
  getCaseloadPeople,
  getCaseloadRows,
} from '../../../src/db/caseload-queries';
import { getDb } from '../../../src/db/database';
import { getCaseload } from '../../support/caseload';
import { setGoalStatus } from '../../../src/db/repositories/goals';
import { logSession } from '../../../src/db/repositories/sessions';
import { youngPersonSchema } from '../../../src/domain/schemas';
import { NOW, addGoal, addYoungPerson, at, freshDb, sessionInput } from './fixtures';

beforeEach(freshDb);

describe('getCaseloadPeople', () => {
  it('lists open cases first, then by name ignoring case and accents', async () => {
    for (const name of ['zoe', 'Émile', 'Adam', 'bea', 'Eli']) await addYoungPerson(name);
    const adam = (await getDb().youngPeople.toArray()).find((p) => p.name === 'Adam');
    await getDb().youngPeople.update(adam?.id ?? '', { status: 'closed' });

    expect((await getCaseloadPeople()).map((p) => p.name)).toEqual([
      'bea',
      'Eli',
      'Émile',
      'zoe',
      'Adam',
    ]);
  });

  it('sorts as getCaseload does', async () => {
    for (const name of ['b', 'A', 'á', 'C', 'a b']) await addYoungPerson(name);
    const people = await getCaseloadPeople();
    expect(people.map((p) => p.id)).toEqual((await getCaseload()).map((r) => r.youngPerson.id));
    expect(compareCaseloadPeople(people[0]!, people[0]!)).toBe(0);
  });
});

describe('getCaseloadRows', () => {
  it('gives the same rows as getCaseload, for the ids asked, in the order asked', async () => {
    const bea = await addYoungPerson('Bea');
    const cal = await addYoungPerson('Cal');
    const dee = await addYoungPerson('Dee');
    const g1 = await addGoal(bea.id, at('2026-10-01'));
    const g2 = await addGoal(bea.id, at('2026-10-01'));
    await setGoalStatus(g2.goal.id, 'achieved', NOW);
    const ratings = [{ goalId: g1.goal.id, score: 5 }];
    await logSession(bea.id, sessionInput('2026-11-20', ratings), NOW);
    await logSession(bea.id, sessionInput('2026-10-15', ratings), NOW);
    const c1 = await addGoal(cal.id, at('2026-10-01'));
    await logSession(cal.id, sessionInput('2026-11-02', [{ goalId: c1.goal.id, score: 3 }]), NOW);

    const all = await getCaseload();
    const byId = new Map(all.map((r) => [r.youngPerson.id, r]));
    const rows = await getCaseloadRows([dee.id, bea.id, 'no-such-id', cal.id]);

    expect(rows).toEqual([byId.get(dee.id), byId.get(bea.id), byId.get(cal.id)]);
    expect(rows[1]).toMatchObject({
      goalCount: 2,
      activeGoalCount: 1,
      sessionCount: 2,
      lastSessionDate: '2026-11-20',
    });
    expect(rows[0]).toMatchObject({ goalCount: 0, sessionCount: 0, lastSessionDate: null });
    expect(await getCaseloadRows([])).toEqual([]);
  });

  it('reads a page of 50 rows quickly from a caseload of 1,000', async () => {
    const template = await addYoungPerson('Template');
    const people = Array.from({ length: 999 }, (_, i) =>
      youngPersonSchema.parse({ ...template, id: `yp-${i}`, name: `Person ${i}` }),
    );
    await getDb().youngPeople.bulkAdd(people);
    const started = performance.now();
    const rows = await getCaseloadRows(people.slice(0, 50).map((p) => p.id));
    const ms = performance.now() - started;
    expect(rows).toHaveLength(50);
    console.log(`getCaseloadRows(50 ids): ${ms.toFixed(0)} ms`);
  });
});
