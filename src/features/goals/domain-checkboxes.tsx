import { useId } from 'react';
import { DOMAINS, type DomainId } from '../../domain/framework';
import { DomainMarker } from '../../components/ui/domain-marker';
import { FieldMessages, describedByIds } from '../../components/ui/field';
import './domain-checkboxes.css';

interface DomainCheckboxesProps {
  value: readonly DomainId[];
  onChange: (domains: DomainId[]) => void;
  error?: string | undefined;
  legend?: string;
  hint?: string;
}

/** The five domains as large checkboxes, each with its marker, name and what it is about. */
export function DomainCheckboxes({
  value,
  onChange,
  error,
  legend = 'Which parts of the framework does this goal link to?',
  hint = 'Choose one or more.',
}: DomainCheckboxesProps) {
  const baseId = `domains${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const toggle = (id: DomainId, checked: boolean) =>
    onChange(checked ? [...value.filter((d) => d !== id), id] : value.filter((d) => d !== id));
  return (
    <fieldset
      className={error ? 'field domain-checkboxes field--error' : 'field domain-checkboxes'}
      aria-describedby={describedByIds(baseId, hint, error)}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <FieldMessages id={baseId} hint={hint} error={error} />
      <div className="domain-checkboxes__options">
        {DOMAINS.map((domain) => {
          const id = `${baseId}-${domain.id}`;
          const checked = value.includes(domain.id);
          return (
            <div
              key={domain.id}
              className={checked ? 'domain-option domain-option--checked' : 'domain-option'}
              style={{
                borderColor: domain.colour,
                backgroundColor: checked ? domain.tint : undefined,
              }}
            >
              <input
                id={id}
                type="checkbox"
                value={domain.id}
                checked={checked}
                onChange={(e) => toggle(domain.id, e.target.checked)}
              />
              <label htmlFor={id}>
                <span className="domain-option__name" style={{ color: domain.colour }}>
                  <DomainMarker domain={domain.id} size={18} />
                  {domain.name}
                </span>{' '}
                <span className="domain-option__about">{domain.about}</span>
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
