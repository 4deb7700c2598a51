import { MovePicker } from '../../components/framework/move-picker';
import { ChoiceGroup, TextAreaField } from '../../components/ui/field';
import { NOBLE_TRUTHS, type DomainId, type NobleTruthId } from '../../domain/framework';
import type { FieldErrors } from '../../domain/validation';

interface SessionPracticeFieldsProps {
  moves: string[];
  nobleTruths: NobleTruthId[];
  notes: string;
  suggestedMoves: string[];
  /** Explains what the suggested moves are. */
  movesHint: string;
  goalDomains: DomainId[];
  onChange: (
    change: Partial<{ moves: string[]; nobleTruths: NobleTruthId[]; notes: string }>,
  ) => void;
  errors: FieldErrors;
}

const TRUTH_OPTIONS = NOBLE_TRUTHS.map((t) => ({
  value: t.id,
  label: t.name,
  hint: t.meaning.charAt(0).toUpperCase() + t.meaning.slice(1),
}));

/** What the coach did: the resilient moves, the noble truths drawn on, and private notes. */
export function SessionPracticeFields({
  moves,
  nobleTruths,
  notes,
  suggestedMoves,
  movesHint,
  goalDomains,
  onChange,
  errors,
}: SessionPracticeFieldsProps) {
  return (
    <section className="session-form__section" aria-labelledby="session-practice-heading">
      <h2 id="session-practice-heading">What you did</h2>
      <MovePicker
        label="Resilient moves made in the session"
        value={moves}
        onChange={(value) => onChange({ moves: value })}
        highlightDomains={goalDomains}
        suggested={suggestedMoves}
        hint={movesHint}
        error={errors.moves}
      />
      <ChoiceGroup
        legend="Noble truths drawn on"
        name="nobleTruths"
        type="checkbox"
        hint="Optional. Tick any you drew on."
        options={TRUTH_OPTIONS}
        value={nobleTruths}
        onChange={(value) => onChange({ nobleTruths: value })}
        error={errors.nobleTruths}
      />
      <TextAreaField
        label="Notes"
        name="notes"
        optional
        hint="For the coach only: these are never shown on the young person's screens."
        rows={5}
        maxLength={20000}
        value={notes}
        onChange={(value) => onChange({ notes: value })}
        error={errors.notes}
      />
    </section>
  );
}
