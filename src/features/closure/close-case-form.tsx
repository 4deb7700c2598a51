import { useMemo, useState } from 'react';
import { ChoiceGroup } from '../../components/ui/field';
import { ErrorSummary } from '../../components/ui/error-summary';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { closeCase } from '../../db/repositories/closure';
import type { GoalWithRatings } from '../../db/queries';
import { RATER_LABELS, RATERS } from '../../domain/schemas';
import { toIsoDate } from '../../lib/dates';
import {
  closeCaseErrorLabels,
  closingGoals,
  newCloseCaseValues,
  orderCloseCaseErrors,
  toCloseCaseInput,
  type CloseCaseFormValues,
} from './close-case-model';
import { ClosingGoalItem } from './closing-goal-item';
import { ClosingReasonFields } from './closing-reason-fields';
import { SatisfactionFields } from './satisfaction-fields';
import './closure.css';

const RATER_OPTIONS = RATERS.map((value) => ({ value, label: RATER_LABELS[value] }));

interface CloseCaseFormProps {
  youngPersonId: string;
  goals: readonly GoalWithRatings[];
  onSaved: () => void;
  onCancel: () => void;
}

/** The one close-case form: when and why, a closing score and outcome per goal, feedback. */
export function CloseCaseForm({ youngPersonId, goals, onSaved, onCancel }: CloseCaseFormProps) {
  const today = toIsoDate(new Date());
  const [values, setValues] = useState(() => newCloseCaseValues(today));
  const items = useMemo(() => closingGoals(goals), [goals]);
  const active = useMemo(() => items.map((i) => i.goal), [items]);
  const { submit, errors, saving } = useFormSubmit(
    () => closeCase(youngPersonId, toCloseCaseInput(values, active)),
    onSaved,
  );
  // The summary takes focus whenever its errors change, so keep them the same object.
  const orderedErrors = useMemo(() => orderCloseCaseErrors(errors, active), [errors, active]);
  const update = (change: Partial<CloseCaseFormValues>) => setValues((v) => ({ ...v, ...change }));

  return (
    <form className="close-case" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary errors={orderedErrors} labels={closeCaseErrorLabels(active)} />
      <ClosingReasonFields values={values} today={today} onChange={update} errors={errors} />
      <section className="close-case__section" aria-labelledby="close-case-goals-heading">
        <h2 id="close-case-goals-heading">Goals at closing</h2>
        {items.length === 0 ? (
          <p className="close-case__note">
            There are no active goals, so there is nothing to rate.
          </p>
        ) : (
          <>
            <p className="field__hint">
              Give each active goal its closing score (time 2) and say how far it was reached.
            </p>
            <ul className="close-case__goals">
              {items.map((item) => (
                <ClosingGoalItem
                  key={item.goal.id}
                  item={item}
                  score={values.scores[item.goal.id] ?? null}
                  outcome={values.outcomes[item.goal.id] ?? null}
                  onScore={(score) =>
                    setValues((v) => ({ ...v, scores: { ...v.scores, [item.goal.id]: score } }))
                  }
                  onOutcome={(outcome) =>
                    setValues((v) => ({
                      ...v,
                      outcomes: { ...v.outcomes, [item.goal.id]: outcome },
                    }))
                  }
                  scoreError={errors[`closingRatings.${item.goal.id}`]}
                  outcomeError={errors[`goalOutcomes.${item.goal.id}`]}
                />
              ))}
            </ul>
            <ChoiceGroup
              legend="Who gave the closing scores?"
              name="closingRatedBy"
              type="radio"
              inline
              options={RATER_OPTIONS}
              value={values.closingRatedBy ? [values.closingRatedBy] : []}
              onChange={(v) => update({ closingRatedBy: v[0] ?? values.closingRatedBy })}
              error={errors.closingRatedBy}
            />
          </>
        )}
      </section>
      <SatisfactionFields values={values} onChange={update} errors={errors} />
      <div className="close-case__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Closing…' : 'Close case'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
