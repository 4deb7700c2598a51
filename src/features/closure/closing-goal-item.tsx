import { ChoiceGroup } from '../../components/ui/field';
import { DomainChip } from '../../components/ui/domain-chip';
import { RatingControl } from '../../components/ui/rating-control';
import { GOAL_OUTCOME_LABELS, GOAL_OUTCOMES, type GoalOutcome } from '../../domain/schemas';
import { formatDate } from '../../lib/dates';
import type { ClosingGoal } from './close-case-model';

const OUTCOME_OPTIONS = GOAL_OUTCOMES.map((value) => ({
  value,
  label: GOAL_OUTCOME_LABELS[value],
}));

interface ClosingGoalItemProps {
  item: ClosingGoal;
  score: number | null;
  outcome: GoalOutcome | null;
  onScore: (score: number) => void;
  onOutcome: (outcome: GoalOutcome) => void;
  scoreError?: string | undefined;
  outcomeError?: string | undefined;
}

/** One active goal at closing: its words, last score, the closing score and the outcome. */
export function ClosingGoalItem({
  item: { goal, lastScore, lastRatedOn },
  score,
  outcome,
  onScore,
  onOutcome,
  scoreError,
  outcomeError,
}: ClosingGoalItemProps) {
  const words = `“${goal.text}”`;
  return (
    <li className="closing-goal">
      <h3 className="closing-goal__words">{words}</h3>
      <div className="closing-goal__domains">
        {goal.domains.map((d) => (
          <DomainChip key={d} domain={d} />
        ))}
      </div>
      <p className="closing-goal__last">
        {lastScore === null
          ? 'No score yet.'
          : `Last score: ${lastScore} out of 10 (${formatDate(lastRatedOn)}).`}
      </p>
      <RatingControl
        label={`Closing score for ${words}`}
        value={score}
        previous={lastScore}
        onChange={onScore}
        error={scoreError}
      />
      <ChoiceGroup
        legend={`Outcome of ${words}`}
        name={`outcome-${goal.id}`}
        type="radio"
        inline
        options={OUTCOME_OPTIONS}
        value={outcome ? [outcome] : []}
        onChange={(v) => {
          if (v[0]) onOutcome(v[0]);
        }}
        hint="Reached goals are marked achieved and stopped goals stopped."
        error={outcomeError}
      />
    </li>
  );
}
