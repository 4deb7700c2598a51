import type { CoachingDatabase } from '../../../../src/db/database';
import { closure, draft, goal, resilienceMap, session, youngPerson } from './records';

/** A second young person, closed, with neither school nor date of birth. */
export const BO = youngPerson({
  id: 'yp2',
  name: 'Bo',
  school: null,
  dateOfBirth: null,
  status: 'closed',
  closedOn: '2026-11-01',
  closureReason: 'Family moved to Kirkwall',
});

/** Records in every table (several goals and sessions, some of them Bo's), through `db`. */
export async function seedEveryTable(db: CoachingDatabase) {
  await db.youngPeople.bulkPut([youngPerson(), BO]);
  await db.goals.bulkPut([
    goal(),
    goal({ id: 'g2', text: 'Walk the dog each morning', status: 'achieved' }),
    goal({ id: 'g3', youngPersonId: 'yp2', text: 'Sleep by ten' }),
  ]);
  await db.sessions.bulkPut([
    session(),
    session({ id: 's2', date: '2026-10-05', notes: 'First meeting' }),
    session({ id: 's3', date: '2026-11-16', notes: 'Climbing wall' }),
    session({ id: 's4', youngPersonId: 'yp2', date: '2026-10-20', notes: '' }),
  ]);
  await db.closures.put(closure());
  await db.resilienceMaps.put(resilienceMap());
  await db.drafts.put(draft());
  await db.ratings.put({
    id: 'r1',
    goalId: 'g1',
    sessionId: null,
    score: 3,
    ratedAt: '2026-09-01T10:00:00.000Z',
    ratedBy: 'young-person',
    updatedAt: '2026-09-01T10:00:00.000Z',
  });
}
