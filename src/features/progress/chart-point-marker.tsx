import { useContext } from 'react';
import type { MarkerShape } from '../../domain/framework';
import type { ChartPoint } from '../../domain/progress';
import { ActivePointContext } from './active-point-context';
import { MarkerGlyph, RATER_FILL } from './marker-glyph';

interface ChartPointMarkerProps {
  point: ChartPoint;
  cx: number;
  cy: number;
  colour: string;
  shape: MarkerShape;
  size: number;
  onActivate: (id: string) => void;
}

/**
 * One rating on the chart: focusable, named with its date, score and rater, and reporting
 * focus or hover so the chart can show the same words in its visible caption.
 */
export function ChartPointMarker(props: ChartPointMarkerProps) {
  const { point, cx, cy, colour, shape, size, onActivate } = props;
  const active = useContext(ActivePointContext) === point.id;
  return (
    <g
      role="img"
      aria-label={point.label}
      tabIndex={0}
      className={active ? 'goal-chart__point is-active' : 'goal-chart__point'}
      onFocus={() => onActivate(point.id)}
      onMouseEnter={() => onActivate(point.id)}
    >
      {/* A larger invisible target, so the point is easy to hover or tap. */}
      <circle cx={cx} cy={cy} r={Math.max(size * 2.4, 12)} fill="transparent" />
      <circle className="goal-chart__ring" cx={cx} cy={cy} r={size + 6} fill="none" />
      <MarkerGlyph
        shape={shape}
        fill={RATER_FILL[point.ratedBy]}
        colour={colour}
        cx={cx}
        cy={cy}
        size={size}
      />
    </g>
  );
}
