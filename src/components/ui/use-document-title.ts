import { useEffect } from 'react';

const APP_NAME = 'Resilience Coaching';

/**
 * Wording fixed in the code, such as "Settings" or "A young person's goal". TypeScript refuses
 * a `string` here, and a template with a value in it (`${yp.name}'s goal`), so a young
 * person's name or any other record text cannot become the browser tab's title: browsers keep
 * titles, unencrypted, in their history (and a printed page's title becomes the PDF's file
 * name and header). Only string literals (or a union of them) pass: a record keyed by them has
 * required keys, while one keyed by `string` or a template pattern is an index signature.
 */
export type FixedText<T extends string> = Record<never, never> extends Record<T, true> ? never : T;

/**
 * Sets the browser tab title, so each page is named for screen readers and history. The title
 * must be fixed wording (FixedText): never a name or other record text.
 */
export function useDocumentTitle<T extends string>(title: FixedText<T> | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} - ${APP_NAME}` : APP_NAME;
  }, [title]);
}
