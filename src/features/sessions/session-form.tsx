import { useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { useValuesChange } from '../../components/ui/use-values-change';
import { sortDomainIds } from '../../domain/framework';
import { goalsAskedAbout, previousScore } from '../../domain/rating-rules';
import type { SessionInput } from '../../domain/schemas';
import type { GoalWithRatings } from '../../db/queries';
import { isIsoDate, toIsoDate } from '../../lib/dates';
import { GoalRatingsField } from './goal-ratings-field';
import { SessionDetailsFields } from './session-details-fields';
import {
  movesOfGoals,
  sessionMovesHint,
  suggestedSessionMoves,
  toSessionInput,
  type SessionFormValues,
} from './session-model';
import { SessionPracticeFields } from './session-practice-fields';
import './session-form.css';

export interface SessionFormProps {
  /** The young person's goals with their ratings (from the detail query). */
  goals: readonly GoalWithRatings[];
  initial: SessionFormValues;
  /** When editing: the session, whose own ratings are not "last time". */
  sessionId?: string;
  /** When editing: goals already rated in the session, asked about whatever their status. */
  alreadyRated?: ReadonlySet<string>;
  /** Called as the form changes (not when it opens): to keep a draft. */
  onValuesChange?: (values: SessionFormValues) => void;
  save: (input: SessionInput) => Promise<unknown>;
  onSaved: () => void;
  onCancel: () => void;
  submitLabel: string;
  addGoalPath: string;
  /** The moves the young person would like to try, from their latest map: offered first. */
  movesToTry?: readonly string[];
}

const SUMMARY_LABELS: Record<string, string> = {
  date: 'Date',
  durationMinutes: 'Length',
  location: 'Where',
  ratedBy: 'Who gave the ratings',
  moves: 'Resilient moves',
  nobleTruths: 'Noble truths',
  notes: 'Notes',
};

const NO_MOVES: readonly string[] = [];

/** The one-screen session form, used to log a new session and to edit a past one. */
export function SessionForm({
  goals,
  initial,
  sessionId,
  alreadyRated,
  onValuesChange,
  save,
  onSaved,
  onCancel,
  submitLabel,
  addGoalPath,
  movesToTry = NO_MOVES,
}: SessionFormProps) {
  const [values, setValues] = useState(initial);
  useValuesChange(values, onValuesChange);
  const today = toIsoDate(new Date());
  // While the date is half typed, ask about the goals as of today rather than none.
  const onDate = isIsoDate(values.date) ? values.date : today;
  const asked = goalsAskedAbout(goals, onDate, alreadyRated);
  const ratingsOf = new Map(goals.map((g) => [g.goal.id, g.ratings]));
  const previousScores = new Map(
    asked.map((g) => [g.id, previousScore(ratingsOf.get(g.id) ?? [], onDate, sessionId)]),
  );
  const { submit, errors, saving } = useFormSubmit(
    () => save(toSessionInput(values, asked)),
    onSaved,
  );
  const summaryLabels = {
    ...SUMMARY_LABELS,
    ...Object.fromEntries(asked.map((g) => [`ratings.${g.id}`, `“${g.text}”`])),
  };
  const update = (change: Partial<SessionFormValues>) => setValues((v) => ({ ...v, ...change }));

  return (
    <form className="session-form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} labels={summaryLabels} />
      <SessionDetailsFields
        date={values.date}
        durationMinutes={values.durationMinutes}
        location={values.location}
        today={today}
        onChange={update}
        errors={errors}
      />
      <GoalRatingsField
        goals={asked}
        hasActiveGoals={goals.some((g) => g.goal.status === 'active')}
        previousScores={previousScores}
        scores={values.scores}
        onScore={(goalId, score) =>
          setValues((v) => ({ ...v, scores: { ...v.scores, [goalId]: score } }))
        }
        ratedBy={values.ratedBy}
        onRatedBy={(ratedBy) => update({ ratedBy })}
        errors={errors}
        addGoalPath={addGoalPath}
      />
      <SessionPracticeFields
        moves={values.moves}
        nobleTruths={values.nobleTruths}
        notes={values.notes}
        suggestedMoves={suggestedSessionMoves(movesToTry, movesOfGoals(asked))}
        movesHint={sessionMovesHint(movesToTry)}
        goalDomains={sortDomainIds([...new Set(asked.flatMap((g) => g.domains))])}
        onChange={update}
        errors={errors}
      />
      <div className="session-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
