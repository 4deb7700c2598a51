import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * After a client-side navigation, moves focus to the new page's h1 so screen-reader and
 * keyboard users start at the top of the new content, as a full page load would. Pages that
 * read the database show their heading a moment later, so it waits for the heading, until
 * the person moves focus, taps or types themselves (then their place is never taken from
 * them), or the page changes again. No timer: a slow device still gets its focus moved.
 */
export function useFocusHeadingOnNavigation(rootRef: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const root = rootRef.current;
    if (!root) return;
    return focusHeadingWhenShown(root);
  }, [pathname, rootRef]);
}

/** Focuses the first h1 in `root` now or as soon as it appears; returns a clean-up. */
export function focusHeadingWhenShown(root: HTMLElement): () => void {
  const tryFocus = () => {
    const heading = root.querySelector('h1');
    if (!(heading instanceof HTMLElement)) return false;
    heading.tabIndex = -1;
    heading.focus();
    return true;
  };
  if (tryFocus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const doc = root.ownerDocument;
  const userActs = ['focusin', 'pointerdown', 'keydown'] as const;
  function stop() {
    observer.disconnect();
    for (const type of userActs) doc.removeEventListener(type, stop, true);
  }
  observer.observe(root, { childList: true, subtree: true });
  for (const type of userActs) doc.addEventListener(type, stop, true);
  return stop;
}
