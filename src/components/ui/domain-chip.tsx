import { DOMAINS, getDomain, type DomainId } from '../../domain/framework';
import { DomainMarker } from './domain-marker';
import './domain-chip.css';

export type Wording = 'coach' | 'young-person';

export interface DomainChipProps {
  domain: DomainId;
  /** Young-person wording adds the domain's plain line under its name. */
  wording?: Wording;
}

/** A domain's marker and name on its tint, in its colour (each pair meets 4.5:1). */
export function DomainChip({ domain, wording = 'coach' }: DomainChipProps) {
  const { name, plain, colour, tint } = getDomain(domain);
  return (
    <span
      className="domain-chip"
      data-domain={domain}
      style={{ color: colour, backgroundColor: tint, borderColor: colour }}
    >
      <DomainMarker domain={domain} size={12} />
      <span className="domain-chip__text">
        <span className="domain-chip__name">{name}</span>
        {wording === 'young-person' && <span className="domain-chip__line">{plain}</span>}
      </span>
    </span>
  );
}

export interface DomainLegendProps {
  /** Show each domain's line: the practitioner summary, or the plain line for young people. */
  showLines?: boolean;
  wording?: Wording;
  /** Accessible name of the list. */
  label?: string;
}

/** All five domains in framework order, each with its marker and name: a key for charts. */
export function DomainLegend({
  showLines = false,
  wording = 'coach',
  label = 'The five domains',
}: DomainLegendProps) {
  return (
    <ul
      className={showLines ? 'domain-legend domain-legend--lines' : 'domain-legend'}
      aria-label={label}
    >
      {DOMAINS.map((d) => (
        <li key={d.id} className="domain-legend__item" data-domain={d.id}>
          <DomainMarker domain={d.id} size={14} />
          <span>
            <span className="domain-legend__name" style={{ color: d.colour }}>
              {d.name}
            </span>
            {showLines && (
              <span className="domain-legend__line">
                {wording === 'young-person' ? d.plain : d.about}
              </span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
