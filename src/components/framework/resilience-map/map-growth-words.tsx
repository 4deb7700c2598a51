import { growthWords, mapGrowth, type MapLike } from '../../../domain/resilience-map';
import type { MapWording } from './map-wording';
import './resilience-map.css';

export interface MapGrowthWordsProps {
  /** The first saved map and the latest; with fewer than two saves there is no growth yet. */
  first: MapLike | null | undefined;
  latest: MapLike | null | undefined;
  count: number;
  wording: MapWording;
}

/** How the map grew since the first save, in plain words, one line per domain that changed. */
export function MapGrowthWords({ first, latest, count, wording }: MapGrowthWordsProps) {
  if (count < 2 || !first || !latest) {
    return (
      <p>
        {wording === 'young-person'
          ? 'Save your map again another time to see how it grows.'
          : 'Save the map again at a later session to see how it grows.'}
      </p>
    );
  }
  const lines = growthWords(mapGrowth(first, latest), wording);
  return (
    <ul className="map-growth-words">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
