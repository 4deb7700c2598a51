import { useEffect, useRef, useState } from 'react';

/**
 * The state behind a list shown `step` at a time with ShowMore: how many to show, and focus
 * moved to the first item each "Show more" adds (give `focusRef` to the item at `focusIndex`),
 * so a keyboard or screen reader user carries on reading where the new items start.
 */
export function useShowMore<T extends HTMLElement>(step: number) {
  const [limit, setLimit] = useState(step);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const focusRef = useRef<T>(null);

  useEffect(() => {
    if (focusIndex !== null) focusRef.current?.focus();
  }, [focusIndex]);

  /** Shows the next `step` after the `shown` on the page now. */
  const showMore = (shown: number) => {
    setFocusIndex(shown);
    setLimit(shown + step);
  };
  return { limit, focusIndex, focusRef, showMore };
}
