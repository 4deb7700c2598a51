import { useEffect, type RefObject } from 'react';

/**
 * Opens a native <dialog> as a modal when it mounts (focus trap, Escape and the inert page
 * behind it come from the browser), puts focus on `initialFocus` (an element, or a selector
 * inside the dialog), and gives focus back to whatever opened it when it closes.
 */
export function useModalDialog(
  dialogRef: RefObject<HTMLDialogElement | null>,
  initialFocus: RefObject<HTMLElement | null> | string,
): void {
  useEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) {
      // jsdom has no showModal; the open attribute shows it there.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    const target =
      typeof initialFocus === 'string'
        ? dialog?.querySelector<HTMLElement>(initialFocus)
        : initialFocus.current;
    target?.focus();
    return () => opener?.focus();
  }, [dialogRef, initialFocus]);
}
