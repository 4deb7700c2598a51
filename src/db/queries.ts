// rating-order rather than rating-rules: this module is on the first screen, which loads no zod.
import { sortRatings } from '../domain/rating-order';
import type { Goal, Rating, Session, YoungPerson } from '../domain/schemas';
import { compareInstants } from '../lib/instant';
import { getDb } from './database';

/** A goal with its ratings, oldest first. */
export interface GoalWithRatings {
  goal: Goal;
  ratings: Rating[];
}

/** Everything on a young person's page. */
export interface YoungPersonDetail {
  youngPerson: YoungPerson;
  /** Active goals first, then achieved, then stopped; oldest first within each. */
  goals: GoalWithRatings[];
  /** Newest first. */
  sessions: Session[];
}

const GOAL_ORDER = { active: 0, achieved: 1, stopped: 2 } as const;

/** A young person's page data, or null if there is no such young person. */
export async function getYoungPersonDetail(id: string): Promise<YoungPersonDetail | null> {
  const db = getDb();
  return db.transaction('r', [db.youngPeople, db.goals, db.sessions, db.ratings], async () => {
    const youngPerson = await db.youngPeople.get(id);
    if (!youngPerson) return null;
    const [goals, sessions] = await Promise.all([
      db.goals.where('youngPersonId').equals(id).toArray(),
      db.sessions.where('[youngPersonId+date]').between([id, ''], [id, '\uffff']).toArray(),
    ]);
    const ratings = await db.ratings
      .where('goalId')
      .anyOf(goals.map((g) => g.id))
      .toArray();
    const byGoal = new Map<string, Rating[]>(goals.map((g) => [g.id, []]));
    for (const r of ratings) byGoal.get(r.goalId)?.push(r);
    const sortedGoals = goals
      .sort(
        (a, b) =>
          GOAL_ORDER[a.status] - GOAL_ORDER[b.status] || compareInstants(a.createdAt, b.createdAt),
      )
      .map((goal) => ({
        goal,
        // Compared as instants: ISO strings with other offsets or precision do not sort as text.
        ratings: sortRatings(byGoal.get(goal.id) ?? []),
      }));
    sessions.sort(
      (a, b) => b.date.localeCompare(a.date) || compareInstants(b.createdAt, a.createdAt),
    );
    return { youngPerson, goals: sortedGoals, sessions };
  });
}

/** A session with the ratings made in it, or null. */
export async function getSessionWithRatings(
  id: string,
): Promise<{ session: Session; ratings: Rating[] } | null> {
  const db = getDb();
  return db.transaction('r', [db.sessions, db.ratings], async () => {
    const session = await db.sessions.get(id);
    if (!session) return null;
    const ratings = await db.ratings.where('sessionId').equals(id).toArray();
    return { session, ratings };
  });
}

/** Every goal with the name of its young person, for the framework page. */
export async function getGoalsWithOwners(): Promise<{ goal: Goal; youngPerson: YoungPerson }[]> {
  const db = getDb();
  return db.transaction('r', [db.youngPeople, db.goals], async () => {
    const [people, goals] = await Promise.all([db.youngPeople.toArray(), db.goals.toArray()]);
    const byId = new Map(people.map((p) => [p.id, p]));
    return goals.flatMap((goal) => {
      const youngPerson = byId.get(goal.youngPersonId);
      return youngPerson ? [{ goal, youngPerson }] : [];
    });
  });
}

/** A stored setting's value, or undefined. */
export async function getSetting<T>(key: string): Promise<T | undefined> {
  const row = await getDb().settings.get(key);
  return row?.value as T | undefined;
}
