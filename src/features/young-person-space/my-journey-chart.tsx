import { useContainerWidth } from '../../components/ui/use-container-width';
import { DomainShape } from '../../components/ui/domain-marker';
import type { MarkerShape } from '../../domain/framework';
import type { JourneyPoint } from './journey-points';
import './my-journey-chart.css';

/** Drawn in CSS pixels: every chart is this tall whatever its width or number of scores. */
const HEIGHT = 240;
/** Keep in step with the font-size in my-journey-chart.css. */
const FONT_SIZE = 15;
/** A generous guess at the width of one character at FONT_SIZE, to keep dates apart. */
const CHAR_WIDTH = FONT_SIZE * 0.62;
const LINE_HEIGHT = 18;
const GAP = 12;
const TOP = 18;
const LEFT = 36;
const RIGHT = 18;
const MIN_STEP = 32;
const FALLBACK_WIDTH = 600;
const TICKS = [0, 2, 4, 6, 8, 10];

type Anchor = 'start' | 'middle' | 'end';

/**
 * Where each date goes under the chart: the first starts at its point and the last ends at its
 * point so both stay inside the chart; dates in between show only where they fit. When even the
 * first and last would touch, each date goes on two lines ("16 Nov" over "2026").
 */
function dateLabels(points: readonly JourneyPoint[], xs: readonly number[], plotWidth: number) {
  const n = points.length;
  const longest = Math.max(...points.map((p) => p.dateLabel.length));
  const wrap = n > 1 && 2 * longest * CHAR_WIDTH + GAP > plotWidth;
  const labels = points.map((p, i) => {
    const cut = p.dateLabel.lastIndexOf(' ');
    const lines =
      wrap && cut > 0 ? [p.dateLabel.slice(0, cut), p.dateLabel.slice(cut + 1)] : [p.dateLabel];
    const width = Math.max(...lines.map((line) => line.length)) * CHAR_WIDTH;
    const anchor: Anchor = n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
    const x = xs[i] ?? 0;
    const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
    return { lines, anchor, shown: true, left, right: left + width };
  });
  const lastLeft = labels[n - 1]?.left ?? Infinity;
  let right = -Infinity;
  for (const [i, label] of labels.entries()) {
    label.shown =
      i === 0 || i === n - 1 || (label.left >= right + GAP && label.right + GAP <= lastLeft);
    if (label.shown) right = label.right;
  }
  return { labels, lines: wrap ? 2 : 1 };
}

interface MyJourneyChartProps {
  points: readonly JourneyPoint[];
  colour: string;
  shape: MarkerShape;
  label: string;
}

/**
 * A small line chart of the young person's own scores on a fixed 0-10 axis, with the first
 * score as a dashed line. It fills the width of its box and is drawn in real pixels, so every
 * chart is the same height with the same size of text. Each point can be reached with Tab and
 * says its date and score.
 */
export function MyJourneyChart({ points, colour, shape, label }: MyJourneyChartProps) {
  const box = useContainerWidth(FALLBACK_WIDTH);
  const width = Math.max(box.width, LEFT + RIGHT + MIN_STEP * (points.length - 1));
  const plotWidth = width - LEFT - RIGHT;
  const xs = points.map((_, i) =>
    points.length === 1 ? LEFT + plotWidth / 2 : LEFT + (i * plotWidth) / (points.length - 1),
  );
  const dates = dateLabels(points, xs, plotWidth);
  const dateTop = HEIGHT - 8 - dates.lines * LINE_HEIGHT;
  const plotHeight = dateTop - 14 - TOP;
  const y = (score: number) => TOP + ((10 - score) / 10) * plotHeight;
  const placed = points.map((p, i) => ({
    ...p,
    x: xs[i] ?? LEFT,
    y: y(p.score),
    date: dates.labels[i],
  }));
  const first = placed[0];
  const line = placed.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');

  return (
    <div className="journey-chart" ref={box.setElement}>
      <svg
        className="journey-chart__svg"
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
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
          {placed.map(
            ({ id, x, date }) =>
              date?.shown && (
                <text key={id} className="journey-chart__date" y={dateTop} textAnchor={date.anchor}>
                  {date.lines.map((text) => (
                    <tspan key={text} x={x} dy={LINE_HEIGHT}>
                      {text}
                    </tspan>
                  ))}
                </text>
              ),
          )}
        </g>
        {first && (
          <line
            className="journey-chart__start"
            x1={LEFT}
            x2={width - RIGHT}
            y1={first.y}
            y2={first.y}
            stroke={colour}
            aria-hidden="true"
          />
        )}
        <path d={line} fill="none" stroke={colour} strokeWidth={3} aria-hidden="true" />
        {placed.map((p) => (
          <g
            key={p.id}
            className="journey-chart__point"
            tabIndex={0}
            role="img"
            aria-label={p.label}
          >
            <title>{p.label}</title>
            <circle className="journey-chart__ring" cx={p.x} cy={p.y} r={13} />
            <DomainShape shape={shape} cx={p.x} cy={p.y} size={16} fill={colour} />
          </g>
        ))}
      </svg>
    </div>
  );
}
