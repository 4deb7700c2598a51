/**
 * A safe file name: letters, digits, dot, dash and underscore kept; anything else becomes
 * a dash (runs collapsed, no leading or trailing dashes or dots); "download" when nothing is left.
 */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return cleaned === '' ? 'download' : cleaned;
}

/**
 * A file name for one young person's records, by the start of their id and the date:
 * "summary-1a2b3c4d-2026-11-23.csv". Never their name or initials: the browser keeps its list
 * of downloads unencrypted.
 */
export function youngPersonFileName(
  kind: string,
  youngPersonId: string,
  date: string,
  extension: string,
): string {
  return safeFileName(`${kind}-${youngPersonId.slice(0, 8)}-${date}.${extension}`);
}
