import { useState } from 'react';
import type { MapLike } from '../../../domain/resilience-map';
import type { MapExamples } from '../../../domain/schemas';
import type { ResilienceMapValue } from './resilience-map-grid';

/**
 * The map being edited, starting from the latest saved snapshot (or blank). It starts once:
 * saving a new snapshot keeps what is on screen rather than resetting it.
 */
export function useMapDraft(latest: (MapLike & { examples?: Readonly<MapExamples> }) | null) {
  const [draft, setDraft] = useState<ResilienceMapValue>(() => ({
    tiles: { ...(latest?.tiles ?? {}) },
    examples: { ...(latest?.examples ?? {}) },
  }));
  return [draft, setDraft] as const;
}
