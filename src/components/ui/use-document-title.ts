import { useEffect } from 'react';

const APP_NAME = 'Resilience Coaching';

/** Sets the browser tab title, so each page is named for screen readers and history. */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} - ${APP_NAME}` : APP_NAME;
  }, [title]);
}
