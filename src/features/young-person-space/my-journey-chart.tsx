import { DomainShape } from '../../components/ui/domain-marker';
import type { MarkerShape } from '../../domain/framework';
import type { JourneyPoint } from './journey-points';
import './my-journey-chart.css';

const HEIGHT = 220;
const TOP = 16;
const BOTTOM = 40;
const LEFT = 36;
const RIGHT = 20;
const STEP = 64;
const TICKS = [0, 2, 4, 6, 8, 10];

interface MyJourneyChartProps {
  points: readonly JourneyPoint[];
  colour: string;
  shape: MarkerShape;
  label: string;
}

/**
 * A small line chart of the young person's own scores on a fixed 0-10 axis, with the first
 * score as a dashed line. Each point can be reached with Tab and says its date and score.
 */
export function MyJourneyChart({ points, colour, shape, label }: MyJourneyChartProps) {
  const width = Math.max(300, LEFT + RIGHT + STEP * Math.max(1, points.length - 1));
  const plotWidth = width - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (i: number) =>
    points.length === 1 ? LEFT + plotWidth / 2 : LEFT + (i * plotWidth) / (points.length - 1);
  const y = (score: number) => TOP + ((10 - score) / 10) * plotHeight;
  const first = points[0];
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i)} ${y(p.score)}`).join(' ');
  const showDate = (i: number) => points.length <= 4 || i === 0 || i === points.length - 1;

  return (
    <div className="journey-chart">
      <svg
        className="journey-chart__svg"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        style={{ minWidth: `${Math.min(width, 600)}px` }}
        role="group"
        aria-label={label}
      >
        <g aria-hidden="true" className="journey-chart__axis">
          {TICKS.map((t) => (
            <g key={t}>
              <line x1={LEFT} x2={width - RIGHT} y1={y(t)} y2={y(t)} />
              <text x={LEFT - 8} y={y(t)} textAnchor="end" dominantBaseline="middle">
                {t}
              </text>
            </g>
          ))}
          {points.map(
            (p, i) =>
              showDate(i) && (
                <text key={p.id} x={x(i)} y={HEIGHT - 12} textAnchor="middle">
                  {p.dateLabel}
                </text>
              ),
          )}
        </g>
        {first && (
          <line
            className="journey-chart__start"
            x1={LEFT}
            x2={width - RIGHT}
            y1={y(first.score)}
            y2={y(first.score)}
            stroke={colour}
            aria-hidden="true"
          />
        )}
        <path d={line} fill="none" stroke={colour} strokeWidth={3} aria-hidden="true" />
        {points.map((p, i) => (
          <g
            key={p.id}
            className="journey-chart__point"
            tabIndex={0}
            role="img"
            aria-label={p.label}
          >
            <title>{p.label}</title>
            <circle className="journey-chart__ring" cx={x(i)} cy={y(p.score)} r={13} />
            <DomainShape shape={shape} cx={x(i)} cy={y(p.score)} size={16} fill={colour} />
          </g>
        ))}
      </svg>
    </div>
  );
}
