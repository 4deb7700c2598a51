import { Link } from 'react-router-dom';
import { RATER_LABELS, RATERS, type Goal, type Rater } from '../../domain/schemas';
import { ChoiceGroup } from '../../components/ui/field';
import type { FieldErrors } from '../../domain/validation';
import { GoalRatingItem } from './goal-rating-item';

interface GoalRatingsFieldProps {
  /** The goals this session asks about. */
  goals: readonly Goal[];
  /** Whether the young person has any active goal at all. */
  hasActiveGoals: boolean;
  previousScores: ReadonlyMap<string, number | null>;
  scores: Record<string, number>;
  onScore: (goalId: string, score: number) => void;
  ratedBy: Rater;
  onRatedBy: (rater: Rater) => void;
  errors: FieldErrors;
  addGoalPath: string;
}

const RATER_OPTIONS = RATERS.map((value) => ({ value, label: RATER_LABELS[value] }));

/** "How close to each goal?": a 0-10 rating for each goal, and who gave the ratings. */
export function GoalRatingsField({
  goals,
  hasActiveGoals,
  previousScores,
  scores,
  onScore,
  ratedBy,
  onRatedBy,
  errors,
  addGoalPath,
}: GoalRatingsFieldProps) {
  return (
    <section className="session-form__section" aria-labelledby="session-goals-heading">
      <h2 id="session-goals-heading">How close to each goal?</h2>
      {goals.length === 0 ? (
        <div className="session-form__note">
          {hasActiveGoals ? (
            <p>None of the goals had been set by this date, so there is nothing to rate.</p>
          ) : (
            <>
              <p>There are no active goals yet, so there is nothing to rate in this session.</p>
              <p>
                It helps to <Link to={addGoalPath}>add a goal first</Link>, so each session can show
                progress. You can still log this session without one.
              </p>
            </>
          )}
        </div>
      ) : (
        <>
          <p className="field__hint">
            Set a score for each goal, or keep last time&apos;s score if nothing has changed.
          </p>
          <ul className="session-form__goals">
            {goals.map((goal) => (
              <GoalRatingItem
                key={goal.id}
                goal={goal}
                value={scores[goal.id] ?? null}
                previous={previousScores.get(goal.id) ?? null}
                onChange={(score) => onScore(goal.id, score)}
                error={errors[`ratings.${goal.id}`]}
              />
            ))}
          </ul>
          <ChoiceGroup
            legend="Who gave these ratings?"
            name="ratedBy"
            type="radio"
            inline
            options={RATER_OPTIONS}
            value={[ratedBy]}
            onChange={(v) => onRatedBy(v[0] ?? ratedBy)}
            error={errors.ratedBy}
          />
        </>
      )}
    </section>
  );
}
