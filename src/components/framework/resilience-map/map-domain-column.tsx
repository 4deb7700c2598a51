import { useId } from 'react';
import { movesOfDomain, type Domain } from '../../../domain/framework';
import type { MapExamples, MapTileState, MapTiles } from '../../../domain/schemas';
import type { FieldErrors } from '../../../domain/validation';
import { DomainMarker } from '../../ui/domain-marker';
import { MapTile } from './map-tile';
import { domainCountWords, type MapWording } from './map-wording';

export interface MapDomainColumnProps {
  domain: Domain;
  tiles: Readonly<MapTiles>;
  examples: Readonly<MapExamples>;
  wording: MapWording;
  onToggle: (moveId: string, state: MapTileState) => void;
  onExample: (moveId: string, text: string) => void;
  errors: FieldErrors;
}

/** One domain: its marker, name and count in words, then its moves as tiles in framework order. */
export function MapDomainColumn({
  domain,
  tiles,
  examples,
  wording,
  onToggle,
  onExample,
  errors,
}: MapDomainColumnProps) {
  const moves = movesOfDomain(domain.id);
  const headingId = useId();
  const strengths = moves.filter((m) => tiles[m.id] === 'strength').length;
  const toTry = moves.filter((m) => tiles[m.id] === 'try').length;
  return (
    <section
      className="map-domain"
      data-domain={domain.id}
      aria-labelledby={headingId}
      style={{ borderTopColor: domain.colour, backgroundColor: domain.tint }}
    >
      <div className="map-domain__header">
        <h2 id={headingId} className="map-domain__name" style={{ color: domain.colour }}>
          <DomainMarker domain={domain.id} size={18} />
          {domain.name}
        </h2>
        <p className="map-domain__line">
          {wording === 'young-person' ? domain.plain : domain.about}
        </p>
        <p className="map-domain__count">{domainCountWords(strengths, toTry)}</p>
      </div>
      <ul className="map-domain__tiles">
        {moves.map((move) => (
          <MapTile
            key={move.id}
            move={move}
            state={tiles[move.id]}
            example={examples[move.id] ?? ''}
            wording={wording}
            onToggle={onToggle}
            onExample={onExample}
            exampleError={errors[`examples.${move.id}`] ?? errors[`tiles.${move.id}`]}
          />
        ))}
      </ul>
    </section>
  );
}
