import { useLayoutEffect, useState } from 'react';

/**
 * The width of an element, kept up to date with ResizeObserver. Starts at `fallback` and keeps
 * it while the element measures 0 (jsdom, or a hidden tab), so a chart always has a size to
 * draw at. Attach `setElement` as the element's ref.
 */
export function useContainerWidth(fallback: number): {
  setElement: (element: HTMLElement | null) => void;
  width: number;
} {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(fallback);

  // Measured before paint, so a chart never flashes up at the wrong size.
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => {
      const measured = Math.floor(element.getBoundingClientRect().width);
      if (measured > 0) setWidth(measured);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);

  return { setElement, width };
}
