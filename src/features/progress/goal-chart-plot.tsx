import { memo, useCallback, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { DotItemDotProps, LabelProps } from 'recharts';
import type { MarkerShape } from '../../domain/framework';
import type { ChartPoint } from '../../domain/progress';
import { ChartPointMarker } from './chart-point-marker';
import { useContainerWidth } from '../../components/ui/use-container-width';

const SCORE_TICKS = [0, 2, 4, 6, 8, 10];
/** Drawn at this width until the container has been measured (and always in jsdom). */
const FALLBACK_WIDTH = 600;
const MARGIN = { top: 16, right: 16, bottom: 4, left: 0 };
const X_PADDING = { left: 24, right: 24 };
const TICK = { fill: '#4b5563', fontSize: 12 };
const TICK_COMPACT = { fill: '#4b5563', fontSize: 11 };
/**
 * The grid draws no vertical lines, so it needs no x positions: without this, recharts would
 * work out (and measure in the page) every date label a second time just for the grid.
 */
const NO_VERTICAL_LINES = () => [];

interface GoalChartPlotProps {
  points: readonly ChartPoint[];
  baseline: number;
  colour: string;
  shape: MarkerShape;
  compact: boolean;
  animate: boolean;
  onActivate: (id: string) => void;
}

/**
 * The line chart itself: a fixed 0-10 axis, dates along the bottom, a dashed baseline.
 * Memoised, with stable props all the way down, so that focusing a point does not re-render
 * recharts (see ActivePointContext).
 */
export const GoalChartPlot = memo(function GoalChartPlot(props: GoalChartPlotProps) {
  const { points, baseline, colour, shape, compact, animate, onActivate } = props;
  const { setElement, width, measured } = useContainerWidth(FALLBACK_WIDTH);
  const height = compact ? 180 : 260;
  const size = compact ? 5 : 6;

  // recharts calls this as a plain function, not as a component: no hooks in here.
  const renderDot = useCallback(
    ({ index, cx, cy }: DotItemDotProps) => {
      const point = points[index];
      if (!point || cx === undefined || cy === undefined) return null;
      return (
        <ChartPointMarker
          point={point}
          cx={cx}
          cy={cy}
          colour={colour}
          shape={shape}
          size={size}
          onActivate={onActivate}
        />
      );
    },
    [points, colour, shape, size, onActivate],
  );

  const dateOfTick = useCallback((x: number) => points[x]?.dateLabel ?? '', [points]);
  // Above the line, unless the line is at the top of the chart.
  const baselineLabel = useMemo(() => {
    const position: LabelProps['position'] = baseline >= 9 ? 'insideTopRight' : 'insideBottomRight';
    return { value: `Baseline ${baseline}`, position, fill: '#374151', fontSize: 12 };
  }, [baseline]);

  return (
    <div ref={setElement} className="goal-chart__plot">
      {/* Drawn once its width is measured (still before the first paint), so recharts draws
          it once at its real width rather than at the fallback width and then again. */}
      {measured && (
        <LineChart
          width={width}
          height={height}
          data={points}
          margin={MARGIN}
          accessibilityLayer={false}
        >
          <CartesianGrid
            vertical={false}
            verticalCoordinatesGenerator={NO_VERTICAL_LINES}
            stroke="#e5e7eb"
          />
          <XAxis
            dataKey="x"
            type="category"
            padding={X_PADDING}
            tickFormatter={dateOfTick}
            tick={compact ? TICK_COMPACT : TICK}
            stroke="#6b7280"
          />
          <YAxis
            type="number"
            domain={[0, 10]}
            ticks={SCORE_TICKS}
            allowDecimals={false}
            width={32}
            tick={compact ? TICK_COMPACT : TICK}
            stroke="#6b7280"
          />
          <ReferenceLine
            y={baseline}
            stroke="#4b5563"
            strokeDasharray="6 4"
            label={baselineLabel}
          />
          <Line
            type="linear"
            dataKey="score"
            stroke={colour}
            strokeWidth={2}
            dot={renderDot}
            activeDot={false}
            isAnimationActive={animate}
          />
        </LineChart>
      )}
    </div>
  );
});
