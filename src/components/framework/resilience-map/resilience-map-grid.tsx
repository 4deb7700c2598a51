import { DOMAINS } from '../../../domain/framework';
import { setExample, toggleTile } from '../../../domain/resilience-map';
import type { MapExamples, MapTileState, MapTiles } from '../../../domain/schemas';
import type { FieldErrors } from '../../../domain/validation';
import { MapDomainColumn } from './map-domain-column';
import type { MapWording } from './map-wording';
import './resilience-map.css';

/** What the grid edits: each tile's state (blank tiles absent) and the examples. */
export interface ResilienceMapValue {
  tiles: MapTiles;
  examples: MapExamples;
}

export interface ResilienceMapGridProps {
  tiles: Readonly<MapTiles>;
  examples: Readonly<MapExamples>;
  onChange: (next: ResilienceMapValue) => void;
  /** Practitioner wording on the coach's side, the young-person wording in their space. */
  wording: MapWording;
  /** From a failed save, keyed "examples.<moveId>" or "tiles.<moveId>"; shown by the tile. */
  errors?: FieldErrors;
}

/**
 * The Resilience Framework as a map to fill in together: the five domains as columns (bands
 * on a narrow screen) in their colours, shapes and names, and the 42 moves as tiles in
 * framework order. Each tile is "I already do this", "I'd like to try this" or blank.
 */
export function ResilienceMapGrid({
  tiles,
  examples,
  onChange,
  wording,
  errors = {},
}: ResilienceMapGridProps) {
  function handleToggle(moveId: string, state: MapTileState) {
    onChange({ tiles: toggleTile(tiles, moveId, state), examples: { ...examples } });
  }
  function handleExample(moveId: string, text: string) {
    onChange({ tiles: { ...tiles }, examples: setExample(examples, moveId, text) });
  }
  return (
    <div className="resilience-map" data-wording={wording}>
      <div className="resilience-map__domains">
        {DOMAINS.map((domain) => (
          <MapDomainColumn
            key={domain.id}
            domain={domain}
            tiles={tiles}
            examples={examples}
            wording={wording}
            onToggle={handleToggle}
            onExample={handleExample}
            errors={errors}
          />
        ))}
      </div>
    </div>
  );
}
