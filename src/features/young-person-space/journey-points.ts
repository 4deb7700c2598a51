import { chartSeries } from '../../domain/progress';
import type { Rating } from '../../domain/schemas';
import { scoreInWords } from '../../domain/score-words';

/** One of the young person's own scores as their journey shows it. */
export interface JourneyPoint {
  id: string;
  dateLabel: string;
  score: number;
  /** "6 out of 10: more than half way", with " (your start)" on the first. */
  words: string;
  /** "12 Nov 2026: 6 out of 10: more than half way" (first one marked "your start"). */
  label: string;
}

/** The points of a young person's journey, from their own ratings only, earliest first. */
export function journeyPoints(ratings: readonly Rating[]): JourneyPoint[] {
  return chartSeries(ratings.filter((r) => r.ratedBy === 'young-person')).map((p) => {
    const words = `${scoreInWords(p.score, 'young-person')}${p.isBaseline ? ' (your start)' : ''}`;
    return {
      id: p.id,
      dateLabel: p.dateLabel,
      score: p.score,
      words,
      label: `${p.dateLabel}: ${words}`,
    };
  });
}
