/**
 * Fictional caseloads of a given size, for the benchmarks (issues 4, 5 and 7) and tests. Seeded
 * and deterministic: the same size, seed and date give the same records, byte for byte, in any
 * time zone. Every name and word is made up; nothing here is loaded in the app.
 */
import {
  MOVES,
  NOBLE_TRUTH_IDS,
  type DomainId,
  type NobleTruthId,
} from '../../src/domain/framework';
import {
  CLOSURE_REASONS,
  CLOSURE_REASON_LABELS,
  LOCATIONS,
  PROGRAMME_SUGGESTIONS,
  type Closure,
  type ClosureReason,
  type Goal,
  type GoalOutcome,
  type GoalStatus,
  type Location,
  type Rating,
  type Session,
  type YoungPerson,
} from '../../src/domain/schemas';

export interface FakeServiceSize {
  youngPeople: number;
  goals: number;
  sessions: number;
  ratings: number;
}

/** The "service" size of issue 4's benchmark. */
export const SERVICE_SIZE: FakeServiceSize = {
  youngPeople: 300,
  goals: 1200,
  sessions: 6000,
  ratings: 15000,
};

/** The "stress" size of issue 7's benchmark: ten times the service. */
export const STRESS_SIZE: FakeServiceSize = {
  youngPeople: 3000,
  goals: 12_000,
  sessions: 60_000,
  ratings: 150_000,
};

/** The named sizes the benchmarks take (`--size service` or `--size stress`). */
export const FAKE_SIZES = { service: SERVICE_SIZE, stress: STRESS_SIZE } as const satisfies Record<
  string,
  FakeServiceSize
>;
export type FakeSizeName = keyof typeof FAKE_SIZES;

export function isFakeSizeName(name: string): name is FakeSizeName {
  return Object.hasOwn(FAKE_SIZES, name);
}

/**
 * The service's proportions scaled so that young people, goals, sessions and ratings add up to
 * `total` exactly (closures come on top: about 60% of young people).
 */
export function scaledSize(total: number): FakeServiceSize {
  const per = SERVICE_SIZE;
  const unit = per.youngPeople + per.goals + per.sessions + per.ratings;
  const youngPeople = Math.max(1, Math.round((total * per.youngPeople) / unit));
  const goals = Math.max(youngPeople, Math.round((total * per.goals) / unit));
  const sessions = Math.max(youngPeople, Math.round((total * per.sessions) / unit));
  const ratings = total - youngPeople - goals - sessions;
  if (ratings < goals) throw new Error(`${total} records is too few for a fictional service`);
  return { youngPeople, goals, sessions, ratings };
}

/** How many records a fictional service holds, all kinds together. */
export function countRecords(records: FakeServiceRecords): number {
  return Object.values(records).reduce((sum: number, list: unknown[]) => sum + list.length, 0);
}

export interface FakeServiceRecords {
  youngPeople: YoungPerson[];
  goals: Goal[];
  sessions: Session[];
  ratings: Rating[];
  closures: Closure[];
}

type Random = () => number;

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Random, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
function pick<T>(rng: Random, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('Nothing to pick from');
  return item;
}

/**
 * `total` split into `n` whole counts, each at least `min` and at most `cap(i)`, added one at a
 * time at random. Throws when the caps cannot hold the total.
 */
function distribute(
  rng: Random,
  total: number,
  n: number,
  min: number,
  cap: (i: number) => number,
): number[] {
  const counts = Array.from({ length: n }, () => min);
  let left = total - n * min;
  const open = counts.map((_, i) => i).filter((i) => cap(i) > min);
  while (left > 0) {
    if (open.length === 0) throw new Error('The sizes asked for do not fit together');
    const slot = Math.floor(rng() * open.length);
    const i = open[slot] ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
    if ((counts[i] ?? 0) >= cap(i)) open.splice(slot, 1);
  }
  return counts;
}

const DAY_MS = 86_400_000;
/** yyyy-MM-dd of a day number (days since 1970-01-01, UTC). */
const dayToDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** An instant on that day, `minutes` after 09:00 UTC (kept between 08:00 and 12:00, so the same calendar date from UTC-8 to UTC+12). */
const dayToInstant = (day: number, minutes = 0) =>
  new Date(day * DAY_MS + 9 * 3_600_000 + minutes * 60_000).toISOString();

const GOAL_WORDS = [
  'Feel calmer before tests',
  'Make a new friend in my class',
  'Get to school on time',
  'Talk to someone when I feel upset',
  'Sleep better on school nights',
  'Try a new club',
  'Say no when I need to',
  'Feel proud of something I made',
  'Get on better with my brother',
  'Keep going when work is hard',
];
const OUTCOMES: readonly GoalOutcome[] = [
  'reached',
  'reached',
  'partly',
  'partly',
  'not-yet',
  'stopped',
];
const STATUS_FOR: Record<GoalOutcome, GoalStatus> = {
  reached: 'achieved',
  partly: 'active',
  'not-yet': 'active',
  stopped: 'stopped',
};
const WEIGHTED_LOCATIONS: readonly Location[] = [
  ...LOCATIONS,
  'school',
  'school',
  'outdoors',
  'outdoors',
  'community',
];
const REASONS: readonly ClosureReason[] = [
  ...CLOSURE_REASONS,
  'support-completed',
  'support-completed',
];

/** Up to `k` distinct indexes below `n`, in increasing order. */
function sample(rng: Random, n: number, k: number): number[] {
  const indexes = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(k, n); i += 1) {
    const j = i + Math.floor(rng() * (n - i));
    [indexes[i], indexes[j]] = [indexes[j] ?? 0, indexes[i] ?? 0];
  }
  return indexes.slice(0, Math.min(k, n)).sort((a, b) => a - b);
}

/**
 * A fictional service: young people across the five suggested programmes, about 60% of cases
 * closed, weekly sessions, goals with a baseline and ratings in sessions, and a closing rating
 * and closure for every closed case. Exactly the sizes asked for.
 */
export function buildFakeService(
  size: FakeServiceSize = SERVICE_SIZE,
  seed = 2026,
  now: Date = new Date('2026-11-23T12:00:00Z'),
): FakeServiceRecords {
  const rng = seededRandom(seed);
  const today = Math.floor(now.getTime() / DAY_MS);
  const out: FakeServiceRecords = {
    youngPeople: [],
    goals: [],
    sessions: [],
    ratings: [],
    closures: [],
  };
  const n = size.youngPeople;
  const closed = Array.from({ length: n }, () => rng() < 0.6);
  const sessionCounts = distribute(rng, size.sessions, n, 1, () => 60);
  const goalCounts = distribute(rng, size.goals, n, 1, () => 9);
  const goalOwner = goalCounts.flatMap((count, i) => Array.from({ length: count }, () => i));
  // A goal has its baseline, at most one rating per session, and a closing rating if closed.
  const ratingCounts = distribute(rng, size.ratings, goalOwner.length, 1, (g) => {
    const i = goalOwner[g] ?? 0;
    return 1 + (sessionCounts[i] ?? 0) + (closed[i] ? 1 : 0);
  });

  let goalIndex = 0;
  for (let i = 0; i < n; i += 1) {
    const id = `fake-yp-${String(i + 1).padStart(4, '0')}`;
    const isClosed = closed[i] ?? false;
    const sessionDays = sessionCounts[i] ?? 1;
    const lastSession = today - (isClosed ? int(rng, 10, 300) : int(rng, 0, 14));
    const firstSession = lastSession - (sessionDays - 1) * 7;
    const referral = firstSession - int(rng, 5, 160);
    const closedDay = isClosed ? Math.min(today, lastSession + int(rng, 1, 14)) : null;
    const reason = pick(rng, REASONS);
    const created = dayToInstant(referral);
    out.youngPeople.push({
      id,
      name: `Fictional ${i + 1}`,
      dateOfBirth: dayToDate(referral - int(rng, 9 * 365, 16 * 365)),
      school: null,
      programme: PROGRAMME_SUGGESTIONS[i % PROGRAMME_SUGGESTIONS.length] ?? null,
      referralDate: dayToDate(referral),
      status: isClosed ? 'closed' : 'open',
      closedOn: closedDay === null ? null : dayToDate(closedDay),
      closureReason: isClosed ? CLOSURE_REASON_LABELS[reason] : null,
      createdAt: created,
      updatedAt: created,
    });
    const sessionIds: string[] = [];
    for (let s = 0; s < sessionDays; s += 1) {
      const sessionId = `${id}-s${s + 1}`;
      const day = firstSession + s * 7;
      sessionIds.push(sessionId);
      out.sessions.push({
        id: sessionId,
        youngPersonId: id,
        date: dayToDate(day),
        durationMinutes: pick(rng, [30, 45, 60]),
        location: pick(rng, WEIGHTED_LOCATIONS),
        moves: sample(rng, MOVES.length, int(rng, 0, 3)).map((m) => MOVES[m]?.id ?? 'coping-brave'),
        nobleTruths: sample(rng, NOBLE_TRUTH_IDS.length, int(rng, 0, 2)).map(
          (t): NobleTruthId => NOBLE_TRUTH_IDS[t] ?? 'accepting',
        ),
        notes: `Fictional notes for session ${s + 1}: talked about the week.`,
        createdAt: dayToInstant(day, 120),
        updatedAt: dayToInstant(day, 120),
      });
    }
    const goalOutcomes: Record<string, GoalOutcome> = {};
    for (let g = 0; g < (goalCounts[i] ?? 1); g += 1) {
      const goalId = `${id}-g${g + 1}`;
      const outcome = pick(rng, OUTCOMES);
      if (isClosed) goalOutcomes[goalId] = outcome;
      const setAt = dayToInstant(firstSession, g - 60);
      const domains = sample(rng, 5, int(rng, 1, 2)).map(
        (d): DomainId =>
          (['basics', 'belonging', 'learning', 'coping', 'core-self'] as const)[d] ?? 'coping',
      );
      out.goals.push({
        id: goalId,
        youngPersonId: id,
        text: pick(rng, GOAL_WORDS),
        domains,
        moves: MOVES.filter((m) => domains.includes(m.domain) && rng() < 0.08).map((m) => m.id),
        setBy: pick(rng, ['young-person', 'coach', 'together'] as const),
        status: isClosed ? STATUS_FOR[outcome] : rng() < 0.1 ? 'stopped' : 'active',
        createdAt: setAt,
        updatedAt: setAt,
      });
      let score = int(rng, 0, 5);
      const rate = (ratedAt: string, sessionId: string | null, r: number) => {
        out.ratings.push({
          id: `${goalId}-r${r}`,
          goalId,
          sessionId,
          score,
          ratedAt,
          ratedBy: rng() < 0.8 ? 'young-person' : pick(rng, ['coach', 'parent-carer'] as const),
          updatedAt: ratedAt,
        });
        score = Math.max(0, Math.min(10, score + int(rng, -1, 2)));
      };
      rate(setAt, null, 1);
      const extra = (ratingCounts[goalIndex] ?? 1) - 1;
      const closing = isClosed && extra > 0 && closedDay !== null ? 1 : 0;
      sample(rng, sessionDays, extra - closing).forEach((s, k) => {
        rate(dayToInstant(firstSession + s * 7, 60 + g), sessionIds[s] ?? null, k + 2);
      });
      if (closing && closedDay !== null) rate(dayToInstant(closedDay, 120 + g), null, extra + 1);
      goalIndex += 1;
    }
    if (isClosed && closedDay !== null) {
      const stamp = dayToInstant(closedDay, 150);
      out.closures.push({
        id: `${id}-c1`,
        youngPersonId: id,
        closedOn: dayToDate(closedDay),
        reason,
        reasonDetail: reason === 'other' ? 'Fictional reason' : null,
        goalOutcomes,
        youngPersonSatisfaction: rng() < 0.8 ? int(rng, 6, 10) : null,
        parentCarerSatisfaction: rng() < 0.6 ? int(rng, 6, 10) : null,
        youngPersonComments: null,
        parentCarerComments: null,
        reopenedOn: null,
        reopenReason: null,
        createdAt: stamp,
        updatedAt: stamp,
      });
    }
  }
  return out;
}

/**
 * A fictional service of exactly `total` records, closures included: the service's proportions
 * scaled up (or down), with the ratings trimmed by the number of closures. For the restore
 * benchmark's 100,000 records.
 */
export function buildFakeServiceOfTotal(total: number, seed = 2026): FakeServiceRecords {
  const size = scaledSize(total);
  // Which cases are closed is drawn first, so the closures do not depend on the ratings asked for.
  const closures = buildFakeService({ ...size, ratings: size.goals }, seed).closures.length;
  return buildFakeService({ ...size, ratings: size.ratings - closures }, seed);
}
