import type { FullBackupRecords } from './backup-format';

/**
 * The records that still hang together once some could not be read (they failed their check
 * on the device): a goal, session, closure or map of a young person not among them, a rating
 * of a goal or session not among them, and a closure naming a goal not among them are left
 * out too, since a backup holding them would not read back. `leftOut` counts those.
 */
export function withoutOrphans(records: FullBackupRecords): {
  kept: FullBackupRecords;
  leftOut: number;
} {
  const people = new Set(records.youngPeople.map((yp) => yp.id));
  const goals = records.goals.filter((g) => people.has(g.youngPersonId));
  const sessions = records.sessions.filter((s) => people.has(s.youngPersonId));
  const goalOwners = new Map(goals.map((g) => [g.id, g.youngPersonId]));
  const sessionIds = new Set(sessions.map((s) => s.id));
  const ratings = records.ratings.filter(
    (r) => goalOwners.has(r.goalId) && (r.sessionId == null || sessionIds.has(r.sessionId)),
  );
  const closures = records.closures.filter(
    (c) =>
      people.has(c.youngPersonId) &&
      Object.keys(c.goalOutcomes).every((goalId) => goalOwners.get(goalId) === c.youngPersonId),
  );
  const resilienceMaps = records.resilienceMaps.filter((m) => people.has(m.youngPersonId));
  const kept = {
    youngPeople: records.youngPeople,
    goals,
    sessions,
    ratings,
    closures,
    resilienceMaps,
  };
  const size = (r: FullBackupRecords) =>
    r.youngPeople.length +
    r.goals.length +
    r.sessions.length +
    r.ratings.length +
    r.closures.length +
    r.resilienceMaps.length;
  return { kept, leftOut: size(records) - size(kept) };
}
