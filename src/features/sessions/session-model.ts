/**
 * Pure helpers behind the session form, page and list: the form's values from a session and
 * back into SessionInput. Which goals a session asks about, and each goal's score before it,
 * are rating rules (src/domain/rating-rules.ts).
 */
import type { NobleTruthId } from '../../domain/framework';
import { movesToTry } from '../../domain/resilience-map';
import type {
  Goal,
  Location,
  Rater,
  Rating,
  ResilienceMap,
  Session,
  SessionInput,
} from '../../domain/schemas';

/** What the session form holds while it is being filled in. */
export interface SessionFormValues {
  date: string;
  /** As typed: '' when left empty. */
  durationMinutes: string;
  location: Location | '';
  moves: string[];
  nobleTruths: NobleTruthId[];
  notes: string;
  ratedBy: Rater;
  /** Score chosen per goal id. */
  scores: Record<string, number>;
}

/** A blank form for a new session dated `today`; where it took place defaults to the last one. */
export function newSessionValues(today: string, lastLocation?: Location): SessionFormValues {
  return {
    date: today,
    durationMinutes: '',
    location: lastLocation ?? '',
    moves: [],
    nobleTruths: [],
    notes: '',
    ratedBy: 'young-person',
    scores: {},
  };
}

/** The form filled in from a stored session and the ratings made in it. */
export function valuesFromSession(session: Session, ratings: readonly Rating[]): SessionFormValues {
  return {
    date: session.date,
    durationMinutes: session.durationMinutes === null ? '' : String(session.durationMinutes),
    location: session.location,
    moves: [...session.moves],
    nobleTruths: [...session.nobleTruths],
    notes: session.notes,
    ratedBy: ratings[0]?.ratedBy ?? 'young-person',
    scores: Object.fromEntries(ratings.map((r) => [r.goalId, r.score])),
  };
}

/** Turns the form into the repository's input, with a rating for each goal asked about. */
export function toSessionInput(values: SessionFormValues, asked: readonly Goal[]): SessionInput {
  const ratings = asked.flatMap((goal) => {
    const score = values.scores[goal.id];
    return score === undefined ? [] : [{ goalId: goal.id, score }];
  });
  return {
    date: values.date,
    durationMinutes: values.durationMinutes.trim(),
    // An unanswered location is passed on as it is, so the repository reports it by its field.
    location: values.location as Location,
    moves: values.moves,
    nobleTruths: values.nobleTruths,
    notes: values.notes,
    ratedBy: values.ratedBy,
    ratings,
  };
}

/** The moves linked to the goals, in the order they first appear, for the picker's suggestions. */
export function movesOfGoals(goals: readonly Goal[]): string[] {
  return [...new Set(goals.flatMap((g) => g.moves))];
}

/** The moves to try on the young person's latest map (snapshots oldest first), in framework order. */
export function latestMovesToTry(snapshots: readonly ResilienceMap[]): string[] {
  return movesToTry(snapshots.at(-1));
}

/**
 * The moves the session form offers first: the moves the young person would like to try
 * (from their latest resilience map), then the moves linked to the goals, each once.
 */
export function suggestedSessionMoves(
  movesToTry: readonly string[],
  goalMoves: readonly string[],
): string[] {
  return [...new Set([...movesToTry, ...goalMoves])];
}

/** The hint under the session's move picker, saying what comes first. */
export function sessionMovesHint(movesToTry: readonly string[]): string {
  return movesToTry.length > 0
    ? "Optional. The moves they'd like to try (from their resilience map) come first, then moves linked to the goals."
    : 'Optional. Moves linked to the goals are suggested first.';
}

/** "45 minutes", "1 minute"; '' when not recorded. */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return '';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** "1 goal rated", "3 goals rated", "No goals rated". */
export function describeRatedCount(count: number): string {
  if (count === 0) return 'No goals rated';
  return count === 1 ? '1 goal rated' : `${count} goals rated`;
}
