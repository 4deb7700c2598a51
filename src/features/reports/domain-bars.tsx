import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from 'recharts';
import type { DomainCount } from '../../domain/report';

const HEIGHT = 280;

/** The chart's width: its container's, or `fallback` while that measures 0 (jsdom). */
function useWidth(fallback: number) {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    if (!element) return;
    const measure = () => {
      const measured = Math.round(element.getBoundingClientRect().width);
      if (measured > 0) setWidth(Math.min(measured, 720));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return { setElement, width };
}

/**
 * Goals per domain as bars, domain names on the axis and counts on the bars. Its own module,
 * loaded after the figures, so that the charting library never holds the numbers back.
 */
export function DomainBars({ domains }: { domains: readonly DomainCount[] }) {
  const { setElement, width } = useWidth(560);
  const summary = domains.map((d) => `${d.name} ${d.count}`).join(', ');
  return (
    <div ref={setElement} role="img" aria-label={`Bar chart of goals per domain: ${summary}`}>
      <BarChart
        width={width}
        height={HEIGHT}
        data={[...domains]}
        margin={{ top: 24, right: 8, bottom: 8, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid vertical={false} stroke="#d1d5db" />
        <XAxis dataKey="name" interval={0} tick={{ fill: '#1f2937' }} />
        <YAxis allowDecimals={false} tick={{ fill: '#1f2937' }} width={40} />
        <Bar dataKey="count" isAnimationActive={false}>
          {domains.map((d) => (
            <Cell key={d.domain} fill={d.colour} />
          ))}
          <LabelList dataKey="count" position="top" fill="#1f2937" />
        </Bar>
      </BarChart>
    </div>
  );
}
