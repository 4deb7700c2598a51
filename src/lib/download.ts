/** MIME types of the files the app offers to download. */
export const CSV_MIME = 'text/csv;charset=utf-8';
export const JSON_MIME = 'application/json;charset=utf-8';

/**
 * Offer a file for download: a Blob behind an object URL, clicked through a temporary
 * <a download> link that is removed straight after. The URL is released once the
 * browser has had a moment to start the download.
 */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** Offer some text as a file, e.g. downloadText('summary-KB-2026-11-23.csv', csv, CSV_MIME). */
export function downloadText(
  filename: string,
  text: string,
  mime = 'text/plain;charset=utf-8',
): void {
  downloadBlob(filename, new Blob([text], { type: mime }));
}

/** Offer a value as pretty-printed JSON (two-space indent, ending in a new line). */
export function downloadJson(filename: string, value: unknown): void {
  downloadText(filename, `${JSON.stringify(value, null, 2)}\n`, JSON_MIME);
}
