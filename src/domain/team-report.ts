/**
 * The lead's team report (issue 14), apart from how it looks: every caseload's records put
 * together for the service report's figures, narrowed to one coach's caseloads when asked, each
 * coach's caseload sizes, and each caseload's case list. Pure TypeScript: no React, no Dexie.
 */
import { sortRatings } from './rating-order';
import type { ServiceReportRecords } from './report';
import type { CaseStatus, Goal, Rating, YoungPerson } from './schemas';

/** One caseload the lead's device opened: its coaches, its records, its damaged documents. */
export interface CaseloadRecords {
  caseloadId: string;
  /** The user names of the coaches who hold it. */
  coaches: readonly string[];
  records: ServiceReportRecords;
  damaged: number;
}

/** Every coach's user name, once each, in alphabetical order. */
export function coachesOf(caseloads: readonly { coaches: readonly string[] }[]): string[] {
  return [...new Set(caseloads.flatMap((c) => c.coaches))].sort((a, b) => a.localeCompare(b));
}

/** The caseloads one coach holds; every caseload for null (all coaches). */
export function caseloadsOfCoach<T extends { coaches: readonly string[] }>(
  caseloads: readonly T[],
  coach: string | null,
): T[] {
  return coach === null ? [...caseloads] : caseloads.filter((c) => c.coaches.includes(coach));
}

interface Stamped {
  id: string;
  updatedAt: string;
}

/** Each record once (a case being moved can sit in two caseloads for a while): the newest. */
function once<T extends Stamped>(lists: readonly (readonly T[])[]): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) {
    for (const record of list) {
      const before = byId.get(record.id);
      if (!before || before.updatedAt < record.updatedAt) byId.set(record.id, record);
    }
  }
  return [...byId.values()];
}

/** The records of these caseloads together, as the service report reads them. */
export function mergeCaseloads(caseloads: readonly CaseloadRecords[]): ServiceReportRecords {
  const all = caseloads.map((c) => c.records);
  return {
    youngPeople: once(all.map((r) => r.youngPeople)),
    goals: once(all.map((r) => r.goals)),
    sessions: once(all.map((r) => r.sessions)),
    ratings: once(all.map((r) => r.ratings)),
    closures: once(all.map((r) => r.closures)),
  };
}

/** One coach's row in the caseload sizes table. */
export interface CoachSize {
  /** The coach's user name; null for caseloads no coach holds yet. */
  coach: string | null;
  caseloads: number;
  youngPeople: number;
  openCases: number;
  damaged: number;
}

/** Each coach's caseload sizes (alphabetical; caseloads with no coach last). */
export function coachSizes(caseloads: readonly CaseloadRecords[]): CoachSize[] {
  const rows = new Map<string | null, CoachSize>();
  for (const caseload of caseloads) {
    const holders = caseload.coaches.length === 0 ? [null] : caseload.coaches;
    const open = caseload.records.youngPeople.filter((p) => p.status === 'open').length;
    for (const coach of holders) {
      const row = rows.get(coach) ?? {
        coach,
        caseloads: 0,
        youngPeople: 0,
        openCases: 0,
        damaged: 0,
      };
      row.caseloads += 1;
      row.youngPeople += caseload.records.youngPeople.length;
      row.openCases += open;
      row.damaged += caseload.damaged;
      rows.set(coach, row);
    }
  }
  return [...rows.values()].sort((a, b) =>
    a.coach === null ? 1 : b.coach === null ? -1 : a.coach.localeCompare(b.coach),
  );
}

/** One line of a coach's case list: no goal words, no notes, no ratings. */
export interface CaseRow {
  youngPersonId: string;
  caseloadId: string;
  name: string;
  programme: string | null;
  status: CaseStatus;
  referralDate: string | null;
  /** How many goals the case has, and how many of them are active. */
  goals: number;
  activeGoals: number;
}

/** A caseload's cases, by name. */
export function caseRows(caseload: Pick<CaseloadRecords, 'caseloadId' | 'records'>): CaseRow[] {
  const goalsOf = new Map<string, Goal[]>();
  for (const goal of caseload.records.goals) {
    const list = goalsOf.get(goal.youngPersonId) ?? [];
    list.push(goal);
    goalsOf.set(goal.youngPersonId, list);
  }
  return caseload.records.youngPeople
    .map((p: YoungPerson) => {
      const goals = goalsOf.get(p.id) ?? [];
      return {
        youngPersonId: p.id,
        caseloadId: caseload.caseloadId,
        name: p.name,
        programme: p.programme,
        status: p.status,
        referralDate: p.referralDate,
        goals: goals.length,
        activeGoals: goals.filter((g) => g.status === 'active').length,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.youngPersonId.localeCompare(b.youngPersonId));
}

/** A goal with its ratings, oldest first, as "Open records" shows it. */
export interface GoalWithRatings {
  goal: Goal;
  ratings: Rating[];
}

/** One young person's goals (oldest first) with their ratings (oldest first). */
export function goalsWithRatings(
  records: Pick<ServiceReportRecords, 'goals' | 'ratings'>,
  youngPersonId: string,
): GoalWithRatings[] {
  const goals = records.goals
    .filter((g) => g.youngPersonId === youngPersonId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const ids = new Set(goals.map((g) => g.id));
  const ratingsOf = new Map<string, Rating[]>();
  for (const rating of records.ratings) {
    if (!ids.has(rating.goalId)) continue;
    const list = ratingsOf.get(rating.goalId) ?? [];
    list.push(rating);
    ratingsOf.set(rating.goalId, list);
  }
  return goals.map((goal) => ({
    goal,
    ratings: sortRatings(ratingsOf.get(goal.id) ?? []),
  }));
}
