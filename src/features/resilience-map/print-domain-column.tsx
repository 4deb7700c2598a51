import { DomainMarker } from '../../components/ui/domain-marker';
import { movesOfDomain, type Domain } from '../../domain/framework';
import type { ResilienceMap } from '../../domain/schemas';

const MARK = { strength: '✓', try: '➜' } as const;
const WORD = { strength: 'I already do this', try: "I'd like to try this" } as const;

/** One domain of the printed map: its name and plain line, then every move in their words. */
export function PrintDomainColumn({ domain, map }: { domain: Domain; map: ResilienceMap }) {
  return (
    <section
      className="map-print__domain"
      data-domain={domain.id}
      style={{ borderTopColor: domain.colour }}
      aria-labelledby={`map-print-${domain.id}`}
    >
      <h2 id={`map-print-${domain.id}`} className="map-print__name">
        <DomainMarker domain={domain.id} size={14} />
        {domain.name}
      </h2>
      <p className="map-print__line">{domain.plain}</p>
      <ul className="map-print__moves">
        {movesOfDomain(domain.id).map((move) => {
          const state = map.tiles[move.id];
          const example = map.examples[move.id];
          return (
            <li key={move.id} className="map-print__move" data-state={state ?? 'blank'}>
              <span className="map-print__mark" aria-hidden="true">
                {state ? MARK[state] : ''}
              </span>
              <span>
                {state && <span className="visually-hidden">{WORD[state]}: </span>}
                <span className="map-print__move-name">{move.youngPerson}</span>
                {example && <span className="map-print__example"> “{example}”</span>}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
