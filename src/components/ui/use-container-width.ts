import { useCallback, useState } from 'react';

/**
 * The width of an element, kept up to date with ResizeObserver. Attach `setElement` as the
 * element's ref: it measures the element as soon as it is attached (before paint, so a chart
 * never flashes up at the wrong size) and again whenever it resizes. `width` is `fallback`
 * until then, and stays at the last width while the element measures 0 (jsdom, or a hidden
 * tab), so a chart always has a size to draw at. `measured` turns true after the first
 * measurement (whatever it found): a costly chart can wait for it, and so be drawn once at its
 * real width rather than first at the fallback and then again.
 */
export function useContainerWidth(fallback: number): {
  setElement: (element: HTMLElement | null) => (() => void) | undefined;
  width: number;
  measured: boolean;
} {
  const [width, setWidth] = useState<number | null>(null);

  const setElement = useCallback(
    (element: HTMLElement | null) => {
      if (!element) return undefined;
      const measure = () => {
        const measured = Math.floor(element.getBoundingClientRect().width);
        setWidth((current) => (measured > 0 ? measured : (current ?? fallback)));
      };
      measure();
      if (typeof ResizeObserver === 'undefined') return undefined;
      const observer = new ResizeObserver(measure);
      observer.observe(element);
      return () => observer.disconnect();
    },
    [fallback],
  );

  return { setElement, width: width ?? fallback, measured: width !== null };
}
