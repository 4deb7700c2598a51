import type { MarkerShape } from '../../domain/framework';
import { RATER_LABELS, type Rater } from '../../domain/schemas';
import { MarkerGlyph, RATER_FILL } from './marker-glyph';

interface RaterKeyProps {
  raters: readonly Rater[];
  colour: string;
  shape: MarkerShape;
}

/** The key to who rated each point, drawn with the same markers as the chart. */
export function RaterKey({ raters, colour, shape }: RaterKeyProps) {
  return (
    <ul className="goal-chart__key" aria-label="Key to markers">
      {raters.map((rater) => (
        <li key={rater}>
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
            <MarkerGlyph
              shape={shape}
              fill={RATER_FILL[rater]}
              colour={colour}
              cx={9}
              cy={9}
              size={5}
            />
          </svg>
          {RATER_LABELS[rater]}
        </li>
      ))}
    </ul>
  );
}
