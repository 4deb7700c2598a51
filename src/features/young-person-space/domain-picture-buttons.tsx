import { useId } from 'react';
import { FieldMessages, describedByIds } from '../../components/ui/field';
import { DomainMarker } from '../../components/ui/domain-marker';
import { DOMAINS, type DomainId } from '../../domain/framework';
import { DomainPicture } from './domain-picture';
import './domain-picture-buttons.css';

interface DomainPictureButtonsProps {
  value: readonly DomainId[];
  onChange: (domains: DomainId[]) => void;
  error?: string | undefined;
}

const LEGEND = 'What is your goal about?';
const HINT = 'Tap one or more pictures. Tap again to take it away.';

/** The five domains as big picture-and-word toggle buttons, explained for young people. */
export function DomainPictureButtons({ value, onChange, error }: DomainPictureButtonsProps) {
  const baseId = `my-domains${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const toggle = (id: DomainId) =>
    onChange(value.includes(id) ? value.filter((d) => d !== id) : [...value, id]);
  return (
    <fieldset
      id={baseId}
      className={error ? 'field field--error domain-buttons' : 'field domain-buttons'}
      aria-describedby={describedByIds(baseId, HINT, error)}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{LEGEND}</legend>
      <FieldMessages id={baseId} hint={HINT} error={error} />
      <div className="domain-buttons__options">
        {DOMAINS.map((domain) => {
          const chosen = value.includes(domain.id);
          return (
            <button
              key={domain.id}
              type="button"
              className={chosen ? 'domain-button domain-button--chosen' : 'domain-button'}
              aria-pressed={chosen}
              data-domain={domain.id}
              style={{
                borderColor: domain.colour,
                backgroundColor: chosen ? domain.tint : undefined,
              }}
              onClick={() => toggle(domain.id)}
            >
              <DomainPicture domain={domain.id} />
              <span className="domain-button__name" style={{ color: domain.colour }}>
                <DomainMarker domain={domain.id} size={16} />
                {domain.name}
              </span>{' '}
              <span className="domain-button__plain">{domain.plain}</span>
              <span className="domain-button__tick" aria-hidden="true">
                {chosen ? '✓ Chosen' : ''}
              </span>
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
