import { ChoiceGroup } from '../../components/ui/field';
import { DomainMarker } from '../../components/ui/domain-marker';
import { getDomain, movesOfDomain, type DomainId } from '../../domain/framework';

interface MyMovesChecklistProps {
  domains: readonly DomainId[];
  value: readonly string[];
  onChange: (moves: string[]) => void;
  error?: string | undefined;
}

/** Things that could help, from the domains the young person chose, in their wording. */
export function MyMovesChecklist({ domains, value, onChange, error }: MyMovesChecklistProps) {
  if (domains.length === 0) return null;
  return (
    <section className="my-moves" aria-labelledby="my-moves-title">
      <h2 id="my-moves-title">Things that could help</h2>
      <p className="field__hint">You can skip this part. Tick any that you think could help.</p>
      {error && <p className="field__error">{error}</p>}
      {domains.map((id) => {
        const domain = getDomain(id);
        const moves = movesOfDomain(id);
        const ids = new Set(moves.map((m) => m.id));
        return (
          <ChoiceGroup
            key={id}
            legend={
              <span className="my-moves__legend" style={{ color: domain.colour }}>
                <DomainMarker domain={id} size={14} /> {domain.name}
              </span>
            }
            name={`moves-${id}`}
            type="checkbox"
            options={moves.map((m) => ({ value: m.id, label: m.youngPerson }))}
            value={value.filter((m) => ids.has(m))}
            onChange={(chosen) => onChange([...value.filter((m) => !ids.has(m)), ...chosen])}
          />
        );
      })}
    </section>
  );
}
