import { useEffect, useRef, type RefObject } from 'react';

/**
 * Moves focus to `ref` (a heading with tabIndex -1) each time `key` changes after the first
 * render, so keyboard and screen-reader users start at the top of the new step.
 */
export function useFocusOnChange(ref: RefObject<HTMLElement | null>, key: unknown): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [ref, key]);
}
