import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { MovePicker } from '../../components/framework/move-picker';
import { ChoiceGroup, TextAreaField } from '../../components/ui/field';
import { ErrorSummary } from '../../components/ui/error-summary';
import { RatingControl } from '../../components/ui/rating-control';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { useValuesChange } from '../../components/ui/use-values-change';
import {
  RATERS,
  RATER_LABELS,
  SET_BY,
  SET_BY_LABELS,
  goalInputSchema,
  type GoalInput,
} from '../../domain/schemas';
import { parseOrThrow } from '../../domain/validation';
import { DomainCheckboxes } from './domain-checkboxes';
import type { GoalFormValues } from './goal-model';
import './goal-form.css';

export interface GoalFormProps {
  initial: GoalFormValues;
  /** Called as the form changes (not when it opens): to keep a draft. */
  onValuesChange?: (values: GoalFormValues) => void;
  save: (input: GoalInput) => Promise<unknown>;
  onSaved: () => void;
  submitLabel: string;
  cancelTo: string;
  /** Called when Cancel is chosen, before leaving (to forget a draft). */
  onCancel?: () => void;
  /** Shown just above the baseline score (e.g. why a changed goal gets a new one). */
  baselineNote?: ReactNode;
}

const SUMMARY_LABELS: Record<string, string> = {
  text: 'The goal',
  domains: 'Domains',
  moves: 'Resilient moves',
  setBy: 'Who set the goal',
  baseline: 'Starting score',
  baselineRatedBy: 'Who gave the score',
};

const SET_BY_OPTIONS = SET_BY.map((value) => ({ value, label: SET_BY_LABELS[value] }));
const RATER_OPTIONS = RATERS.map((value) => ({ value, label: RATER_LABELS[value] }));

/** A goal in the young person's words, its links to the framework and its starting score. */
export function GoalForm({
  initial,
  onValuesChange,
  save,
  onSaved,
  submitLabel,
  cancelTo,
  onCancel,
  baselineNote,
}: GoalFormProps) {
  const [values, setValues] = useState(initial);
  useValuesChange(values, onValuesChange);
  const baselineHintId = `baseline-hint${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  // Check here too, so a score not yet chosen is reported like any other missing answer.
  const { submit, errors, saving } = useFormSubmit(
    () => save(parseOrThrow(goalInputSchema, values)),
    onSaved,
  );
  const update = (change: Partial<GoalFormValues>) => setValues((v) => ({ ...v, ...change }));

  return (
    <form className="goal-form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} labels={SUMMARY_LABELS} />
      <TextAreaField
        label="What is the goal?"
        name="text"
        value={values.text}
        onChange={(text) => update({ text })}
        hint='In their own words, for example "To make friends at high school"'
        error={errors.text}
        rows={3}
        maxLength={500}
      />
      <DomainCheckboxes
        value={values.domains}
        onChange={(domains) => update({ domains })}
        error={errors.domains}
      />
      <MovePicker
        label="Which resilient moves could help?"
        hint="Optional. Moves from the domains you chose come first."
        value={values.moves}
        onChange={(moves) => update({ moves })}
        highlightDomains={values.domains}
        error={errors.moves}
      />
      <ChoiceGroup
        legend="Who set this goal?"
        name="setBy"
        type="radio"
        inline
        options={SET_BY_OPTIONS}
        value={values.setBy ? [values.setBy] : []}
        onChange={([setBy]) => update({ setBy: setBy ?? null })}
        error={errors.setBy}
      />
      <section className="goal-form__baseline" aria-label="Starting score">
        <p id={baselineHintId} className="field__hint">
          This is the starting score: later scores are compared with it.
        </p>
        {baselineNote}
        <RatingControl
          label="How close is the young person to this goal now?"
          value={values.baseline}
          onChange={(baseline) => update({ baseline })}
          describedBy={baselineHintId}
          error={errors.baseline}
        />
        <ChoiceGroup
          legend="Who gave this score?"
          name="baselineRatedBy"
          type="radio"
          inline
          options={RATER_OPTIONS}
          value={[values.baselineRatedBy]}
          onChange={([rater]) => rater && update({ baselineRatedBy: rater })}
          error={errors.baselineRatedBy}
        />
      </section>
      <div className="goal-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        <Link to={cancelTo} className="button button--secondary" onClick={onCancel}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
