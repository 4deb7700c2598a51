import { useId, useMemo, useState } from 'react';
import type { MarkerShape } from '../../domain/framework';
import { chartSeries, describeProgress, goalProgress } from '../../domain/progress';
import { RATERS, type Rating } from '../../domain/schemas';
import { ActivePointContext } from './active-point-context';
import { GoalChartPlot } from './goal-chart-plot';
import { GoalChartTable } from './goal-chart-table';
import { RaterKey } from './rater-key';
import { usePrefersReducedMotion } from './use-reduced-motion';
import './goal-chart.css';

/** Body text colour, for a caller that has no domain colour to give. */
const DEFAULT_COLOUR = '#1F2937';
const HINT = 'Select a point to see its date, score and who rated it.';

export interface GoalChartProps {
  /** The goal in the young person's words; shown in quotes and used to name the chart. */
  title: string;
  ratings: readonly Rating[];
  /** Line and marker colour: the caller passes the goal's first domain colour. */
  colour?: string;
  /** Marker shape: the caller passes the goal's first domain shape. */
  shape?: MarkerShape;
  /** Smaller, for small multiples. */
  compact?: boolean;
  /** A line under the title, such as the goal's domains in words. */
  subtitle?: string;
}

/** One goal's progress: a line chart of its ratings with a table of the same numbers. */
export function GoalChart({
  title,
  ratings,
  colour = DEFAULT_COLOUR,
  shape = 'circle',
  compact = false,
  subtitle,
}: GoalChartProps) {
  const points = useMemo(() => chartSeries(ratings), [ratings]);
  const summary = useMemo(() => describeProgress(goalProgress(ratings)), [ratings]);
  const reducedMotion = usePrefersReducedMotion();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  const tableId = `${id}-table`;

  const active = points.find((p) => p.id === activeId);
  const raters = RATERS.filter((rater) => points.some((p) => p.ratedBy === rater));
  const baseline = points[0];

  return (
    <figure
      className={compact ? 'goal-chart goal-chart--compact' : 'goal-chart'}
      aria-labelledby={titleId}
      aria-describedby={summaryId}
    >
      <figcaption className="goal-chart__caption">
        <span id={titleId} className="goal-chart__title">
          &quot;{title}&quot;
        </span>
        {subtitle && <span className="goal-chart__subtitle">{subtitle}</span>}
        <span id={summaryId} className="goal-chart__summary">
          {summary}
        </span>
      </figcaption>
      {baseline === undefined ? (
        <p className="goal-chart__empty">No scores yet: the chart starts with the first rating.</p>
      ) : (
        <>
          <ActivePointContext value={active?.id ?? null}>
            <GoalChartPlot
              points={points}
              baseline={baseline.score}
              colour={colour}
              shape={shape}
              compact={compact}
              animate={!reducedMotion}
              onActivate={setActiveId}
            />
          </ActivePointContext>
          <p className="goal-chart__readout" aria-live="polite">
            {active?.label ?? HINT}
          </p>
          {raters.length > 1 && <RaterKey raters={raters} colour={colour} shape={shape} />}
          <button
            type="button"
            className="button button--secondary goal-chart__toggle"
            aria-expanded={showTable}
            aria-controls={tableId}
            onClick={() => setShowTable((shown) => !shown)}
          >
            {showTable ? 'Hide table' : 'Show as table'}
          </button>
          <GoalChartTable id={tableId} title={title} points={points} hidden={!showTable} />
        </>
      )}
    </figure>
  );
}
