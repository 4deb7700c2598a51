/**
 * The goal summary of one young person: what the print page, the young person's
 * "My resilience journey" page and the summary CSV show.
 *
 * Definitions follow shared/reference/goal-based-outcomes.md ("Definitions the app's figures
 * use"): the baseline is a goal's earliest rating; the closing score is its latest rating on
 * or before the case's closing date (for an open case, its latest rating); change is closing
 * score minus baseline, for goals with at least two such ratings. Pure: no React, no Dexie.
 */
import { daysBetween, instantToIsoDate, type IsoDate } from '../lib/dates';
import { youngPersonFileName } from '../lib/file-names';
import { toCsv } from './csv';
import {
  DOMAINS,
  NOBLE_TRUTHS,
  findMove,
  getDomain,
  sortDomainIds,
  sortMoveIds,
  type DomainId,
  type NobleTruthId,
} from './framework';
import { reliableChange, sortRatings, type ReliableChange } from './progress';
import {
  CLOSURE_REASON_LABELS,
  GOAL_OUTCOME_LABELS,
  GOAL_STATUS_LABELS,
  RATER_LABELS,
  SET_BY_LABELS,
  type CaseStatus,
  type ClosureReason,
  type Closure,
  type Goal,
  type GoalOutcome,
  type GoalStatus,
  type Rater,
  type Rating,
  type Session,
  type SetBy,
  type YoungPerson,
} from './schemas';
import { compareInstants } from '../lib/instant';

/** How many of the most-made moves the summary lists. */
export const TOP_MOVES = 5;

export interface GoalSummaryInput {
  youngPerson: YoungPerson;
  goals: readonly { goal: Goal; ratings: readonly Rating[] }[];
  sessions: readonly Session[];
  /** The closure the summary reports (see currentClosure), or null for an open case. */
  closure: Closure | null;
  /** Reliable change threshold in points (settings; default 3). */
  threshold: number;
}

/** A score with when and by whom it was given. */
export interface ScoreAt {
  score: number;
  date: IsoDate;
  ratedBy: Rater;
}

export interface GoalSummaryRow {
  goalId: string;
  /** 1-based position in the summary. */
  number: number;
  text: string;
  domains: DomainId[];
  /** Move ids in framework order (unknown ids dropped). */
  moves: string[];
  setBy: SetBy;
  status: GoalStatus;
  /** The ratings the summary counts (on or before the closing date), earliest first. */
  ratings: Rating[];
  baseline: ScoreAt | null;
  closing: ScoreAt | null;
  /** closing - baseline; null unless there are at least two counted ratings. */
  change: number | null;
  reliableChange: ReliableChange | null;
  /** The outcome recorded at closure, or null (open case, or the goal was not active then). */
  outcome: GoalOutcome | null;
}

export interface Count<Id extends string> {
  id: Id;
  count: number;
}

export interface GoalSummary {
  youngPersonId: string;
  name: string;
  initials: string;
  programme: string | null;
  referralDate: IsoDate | null;
  status: CaseStatus;
  /** The closing date when the case is closed, else null. */
  closedOn: IsoDate | null;
  closureReason: ClosureReason | null;
  /** The reason in words: its label, or the detail for "other". */
  closureReasonText: string | null;
  firstSessionDate: IsoDate | null;
  lastSessionDate: IsoDate | null;
  sessionCount: number;
  /** Days from the first session to the closing date (or the last session while open). */
  supportDays: number | null;
  threshold: number;
  /** In the order the goals were set (oldest first). */
  goals: GoalSummaryRow[];
  /** The moves made most in sessions, most first (at most TOP_MOVES). */
  topMoves: Count<string>[];
  /** The noble truths drawn on in sessions, most first; those never drawn on are left out. */
  nobleTruths: Count<NobleTruthId>[];
  youngPersonSatisfaction: number | null;
  parentCarerSatisfaction: number | null;
  youngPersonComments: string | null;
  parentCarerComments: string | null;
}

/**
 * The closure a summary reports: the newest closure not since reopened, while the case is
 * closed; null for an open case.
 */
export function currentClosure(
  youngPerson: YoungPerson,
  closures: readonly Closure[],
): Closure | null {
  if (youngPerson.status !== 'closed') return null;
  const standing = closures
    .filter((c) => c.youngPersonId === youngPerson.id && c.reopenedOn === null)
    .sort(
      (a, b) => b.closedOn.localeCompare(a.closedOn) || compareInstants(b.createdAt, a.createdAt),
    );
  return standing[0] ?? null;
}

/** Initials from a name: "Kai Brown" -> "KB"; a name that is already initials stays ("KB"). */
export function initialsOf(name: string): string {
  const trimmed = name.trim();
  if (/^[A-Z]{1,4}$/.test(trimmed)) return trimmed;
  const letters = trimmed
    .split(/[\s\-.:,]+/)
    .map((word) => word.match(/\p{L}/u)?.[0] ?? '')
    .join('')
    .toUpperCase();
  return letters === '' ? 'YP' : letters;
}

function scoreAt(rating: Rating | undefined): ScoreAt | null {
  if (!rating) return null;
  return { score: rating.score, date: instantToIsoDate(rating.ratedAt), ratedBy: rating.ratedBy };
}

function summariseGoal(
  { goal, ratings }: GoalSummaryInput['goals'][number],
  index: number,
  closedOn: IsoDate | null,
  closure: Closure | null,
  threshold: number,
): GoalSummaryRow {
  const counted = sortRatings(
    closedOn === null ? ratings : ratings.filter((r) => instantToIsoDate(r.ratedAt) <= closedOn),
  );
  const first = counted[0];
  const last = counted[counted.length - 1];
  const change = counted.length >= 2 && first && last ? last.score - first.score : null;
  return {
    goalId: goal.id,
    number: index + 1,
    text: goal.text,
    domains: sortDomainIds(goal.domains),
    moves: sortMoveIds(goal.moves),
    setBy: goal.setBy,
    status: goal.status,
    ratings: counted,
    baseline: scoreAt(first),
    closing: scoreAt(last),
    change,
    reliableChange: reliableChange(change, threshold),
    outcome: closure?.goalOutcomes[goal.id] ?? null,
  };
}

function byCountThenOrder<Id extends string>(counts: Map<Id, number>, order: (id: Id) => number) {
  return [...counts]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || order(a.id) - order(b.id));
}

/** How often each move was made in these sessions, most first, then in framework order. */
export function moveCounts(sessions: readonly Session[]): Count<string>[] {
  const counts = new Map<string, number>();
  for (const session of sessions) {
    for (const id of new Set(session.moves)) {
      if (findMove(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return byCountThenOrder(counts, (id) => findMove(id)?.number ?? 0);
}

/** How often each noble truth was drawn on in these sessions, most first. */
export function nobleTruthCounts(sessions: readonly Session[]): Count<NobleTruthId>[] {
  const counts = new Map<NobleTruthId, number>();
  for (const session of sessions) {
    for (const id of new Set(session.nobleTruths)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return byCountThenOrder(counts, (id) => NOBLE_TRUTHS.findIndex((t) => t.id === id));
}

function reasonText(youngPerson: YoungPerson, closure: Closure | null): string | null {
  if (closure) {
    const detail = closure.reasonDetail?.trim() ?? '';
    if (closure.reason === 'other' && detail !== '') return detail;
    return CLOSURE_REASON_LABELS[closure.reason];
  }
  return youngPerson.status === 'closed' ? youngPerson.closureReason : null;
}

/** Everything the goal summary shows, worked out from one young person's records. */
export function buildGoalSummary(input: GoalSummaryInput): GoalSummary {
  const { youngPerson, closure, threshold } = input;
  const closedOn = youngPerson.status === 'closed' ? youngPerson.closedOn : null;
  const sessions = [...input.sessions]
    .filter((s) => closedOn === null || s.date <= closedOn)
    .sort((a, b) => a.date.localeCompare(b.date));
  const firstSessionDate = sessions[0]?.date ?? null;
  const lastSessionDate = sessions[sessions.length - 1]?.date ?? null;
  const supportEnd = closedOn ?? lastSessionDate;
  return {
    youngPersonId: youngPerson.id,
    name: youngPerson.name,
    initials: initialsOf(youngPerson.name),
    programme: youngPerson.programme,
    referralDate: youngPerson.referralDate,
    status: youngPerson.status,
    closedOn,
    closureReason: closure?.reason ?? null,
    closureReasonText: reasonText(youngPerson, closure),
    firstSessionDate,
    lastSessionDate,
    sessionCount: sessions.length,
    supportDays:
      firstSessionDate !== null && supportEnd !== null
        ? Math.max(0, daysBetween(firstSessionDate, supportEnd))
        : null,
    threshold,
    goals: [...input.goals]
      .sort((a, b) => compareInstants(a.goal.createdAt, b.goal.createdAt))
      .map((g, i) => summariseGoal(g, i, closedOn, closure, threshold)),
    topMoves: moveCounts(sessions).slice(0, TOP_MOVES),
    nobleTruths: nobleTruthCounts(sessions),
    youngPersonSatisfaction: closure?.youngPersonSatisfaction ?? null,
    parentCarerSatisfaction: closure?.parentCarerSatisfaction ?? null,
    youngPersonComments: closure?.youngPersonComments ?? null,
    parentCarerComments: closure?.parentCarerComments ?? null,
  };
}

export const RELIABLE_CHANGE_LABELS: Record<ReliableChange, string> = {
  improvement: 'Reliable improvement',
  deterioration: 'Reliable deterioration',
  none: 'No reliable change',
};

/** The summary CSV's columns, in order (documented in docs/exports.md). */
export const SUMMARY_CSV_COLUMNS = [
  'young_person',
  'programme',
  'referral_date',
  'case_status',
  'closed_on',
  'closure_reason',
  'first_session',
  'last_session',
  'sessions',
  'support_days',
  'goal_number',
  'goal',
  'domains',
  'moves',
  'set_by',
  'goal_status',
  'ratings',
  'baseline',
  'baseline_date',
  'baseline_rated_by',
  'closing_score',
  'closing_date',
  'closing_rated_by',
  'change',
  'reliable_change',
  'reliable_change_threshold',
  'outcome',
  'young_person_satisfaction',
  'parent_carer_satisfaction',
  'young_person_comments',
  'parent_carer_comments',
] as const;

/** Ids or labels joined for one CSV cell: "Coping; Core Self". */
const LIST_SEPARATOR = '; ';

/** The goal summary as CSV: one row per goal (a header only when there are no goals). */
export function summaryCsv(summary: GoalSummary, options: { bom?: boolean } = {}): string {
  const rows = summary.goals.map((g) => [
    summary.name,
    summary.programme,
    summary.referralDate,
    summary.status,
    summary.closedOn,
    summary.closureReasonText,
    summary.firstSessionDate,
    summary.lastSessionDate,
    summary.sessionCount,
    summary.supportDays,
    g.number,
    g.text,
    g.domains.map((d) => getDomain(d).name).join(LIST_SEPARATOR),
    g.moves.map((m) => findMove(m)?.practitioner ?? m).join(LIST_SEPARATOR),
    SET_BY_LABELS[g.setBy],
    GOAL_STATUS_LABELS[g.status],
    g.ratings.length,
    g.baseline?.score ?? null,
    g.baseline?.date ?? null,
    g.baseline ? RATER_LABELS[g.baseline.ratedBy] : null,
    g.closing?.score ?? null,
    g.closing?.date ?? null,
    g.closing ? RATER_LABELS[g.closing.ratedBy] : null,
    g.change,
    g.reliableChange ? RELIABLE_CHANGE_LABELS[g.reliableChange] : null,
    summary.threshold,
    g.outcome ? GOAL_OUTCOME_LABELS[g.outcome] : null,
    summary.youngPersonSatisfaction,
    summary.parentCarerSatisfaction,
    summary.youngPersonComments,
    summary.parentCarerComments,
  ]);
  return toCsv([...SUMMARY_CSV_COLUMNS], rows, options);
}

/**
 * "summary-1a2b3c4d-2026-11-23.csv": a file name for this summary's exports, by the start of
 * the young person's id (never their name or initials: the list of downloads is not encrypted).
 */
export function summaryFileName(summary: GoalSummary, today: IsoDate, extension: string): string {
  return youngPersonFileName('summary', summary.youngPersonId, today, extension);
}

/** The domains in framework order that any of the summary's goals link to. */
export function domainsInSummary(summary: GoalSummary): DomainId[] {
  const linked = new Set(summary.goals.flatMap((g) => g.domains));
  return DOMAINS.filter((d) => linked.has(d.id)).map((d) => d.id);
}

/**
 * A goal's journey in the young person's words, celebrating what they did:
 * "You started at 2 and got to 7!"
 */
export function journeyLine(row: GoalSummaryRow): string {
  const { baseline, closing, change } = row;
  if (!baseline || !closing) return 'Your journey with this goal is just beginning.';
  if (change === null) return `You started at ${baseline.score}.`;
  if (change > 0) return `You started at ${baseline.score} and got to ${closing.score}!`;
  if (change === 0) return `You started at ${baseline.score} and held steady at ${closing.score}.`;
  return `You started at ${baseline.score} and you're at ${closing.score} now. Things go up and down, and you kept going.`;
}

/** A cheer for a goal reached or moved on, or null when there is nothing to cheer yet. */
export function journeyCheer(row: GoalSummaryRow): string | null {
  if (row.outcome === 'reached' || row.status === 'achieved') return 'You reached this goal!';
  if (row.change !== null && row.change > 0) {
    return `That's ${row.change} ${row.change === 1 ? 'step' : 'steps'} closer. Well done!`;
  }
  return null;
}

/**
 * A goal as the young person's own journey: only the scores they gave themselves (as in
 * their own space), so a coach's or parent's view is never put in their mouth.
 */
export function ownJourneyRow(row: GoalSummaryRow): GoalSummaryRow {
  const ratings = row.ratings.filter((r) => r.ratedBy === 'young-person');
  const first = ratings[0];
  const last = ratings[ratings.length - 1];
  const change = ratings.length >= 2 && first && last ? last.score - first.score : null;
  return {
    ...row,
    ratings,
    baseline: scoreAt(first),
    closing: scoreAt(last),
    change,
    reliableChange: null,
  };
}
