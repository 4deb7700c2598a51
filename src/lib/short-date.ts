/** "Jan" to "Dec", without date-fns (for the first screen: the caseload and its backup reminder). */
export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "12 Nov 2026" for "2026-11-12": the same words as formatDate in src/lib/dates, written out
 * here so that the caseload (the first screen) does not load date-fns. Anything that is not
 * a yyyy-MM-dd date is shown as it is; nothing gives ''.
 */
export function formatShortDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = ISO_DATE.exec(value);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return value;
  return `${Number(match[3])} ${month} ${match[1]}`;
}
