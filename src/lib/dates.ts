// The app's one door to date-fns: every other module asks this one for dates and their words.
import {
  addDays,
  addMonths,
  differenceInCalendarDays,
  format,
  formatDistance,
  isValid,
  parse,
  parseISO,
  subYears,
} from 'date-fns';
import type { Instant } from './instant';
export { toInstant, type Instant } from './instant';

/** A calendar date stored as yyyy-MM-dd, in the device's local time zone. */
export type IsoDate = string;

const ISO_DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date on the device, as yyyy-MM-dd. */
export function toIsoDate(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

/**
 * True for a real calendar date written as yyyy-MM-dd (rejects 2026-02-30). The records'
 * schemas ask this of every date they check (the lead's report checks tens of thousands of
 * records, issue 14), so the usual form of a real date is read directly, as fromIsoDate reads
 * it (a day the device's time zone skipped, such as 2011-12-30 in Samoa, is not one); anything
 * else goes to date-fns, whose answers these are (tests).
 */
export function isIsoDate(value: string): boolean {
  const parts = ISO_DATE_PARTS.exec(value);
  if (!parts) return false;
  const year = Number(parts[1]);
  const month = Number(parts[2]) - 1;
  const day = Number(parts[3]);
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month, day);
  date.setHours(0, 0, 0, 0);
  if (
    year >= 1000 &&
    date.getFullYear() === year &&
    date.getMonth() === month &&
    date.getDate() === day
  ) {
    return true;
  }
  const parsed = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return isValid(parsed) && toIsoDate(parsed) === value;
}

/**
 * The local Date at midnight for a yyyy-MM-dd string (an invalid Date for a date that does
 * not exist, such as 2026-02-30). Pages turn hundreds of dates into words at once, so the
 * usual form of a real date is read directly; anything else goes to date-fns, whose answers
 * these are.
 */
export function fromIsoDate(value: IsoDate): Date {
  const parts = ISO_DATE_PARTS.exec(value);
  if (!parts) return parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
  const year = Number(parts[1]);
  const month = Number(parts[2]) - 1;
  const day = Number(parts[3]);
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month, day);
  date.setHours(0, 0, 0, 0);
  const plain =
    year > 0 && date.getFullYear() === year && date.getMonth() === month && date.getDate() === day;
  // Dates that do not exist (or a day skipped by a time zone change) go to date-fns.
  return plain ? date : parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
}

/** The Date of an ISO 8601 instant (an invalid Date when it cannot be read). */
export function parseInstant(instant: Instant): Date {
  return parseISO(instant);
}

/** The date `months` calendar months after `date` (31 Jan + 1 month is 28 or 29 Feb). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  return toIsoDate(addMonths(fromIsoDate(date), months));
}

/** The instant a calendar date ends: the local midnight that starts the next day. */
export function endOfDay(date: IsoDate): Date {
  return addDays(fromIsoDate(date), 1);
}

/** The twelve months that end on `today`: from the day after the same date a year before. */
export function yearEndingOn(today: Date): { from: IsoDate; to: IsoDate } {
  return { from: toIsoDate(addDays(subYears(today, 1), 1)), to: toIsoDate(today) };
}

/** "2026-11-23-1405": a local date and time for file names. */
export function fileTimestamp(at: Date): string {
  return format(at, 'yyyy-MM-dd-HHmm');
}

/** "3 days ago", "about 1 hour ago": how long before `now` an instant was. */
export function formatTimeAgo(instant: Instant, now: Date): string {
  return formatDistance(parseISO(instant), now, { addSuffix: true });
}

/** The local calendar date an instant falls on. */
export function instantToIsoDate(instant: Instant): IsoDate {
  return toIsoDate(parseISO(instant));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** "Jan" to "Dec", as date-fns writes them (twelve words, not dates). */
const MONTHS = Array.from({ length: 12 }, (_, month) => format(new Date(2000, month, 1), 'MMM'));

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * "12 Nov 2026". Worked out from the date's digits each time rather than kept: a cache of
 * answers would hold every date shown, dates of birth included, for as long as the page lives
 * (issue 13). Anything other than a real yyyy-MM-dd date goes to date-fns, as before.
 */
export function formatDate(value: IsoDate | null | undefined): string {
  if (!value) return '';
  const parts = ISO_DATE_PARTS.exec(value);
  if (parts) {
    const year = Number(parts[1]);
    const month = Number(parts[2]);
    const day = Number(parts[3]);
    if (year > 0 && day >= 1 && day <= daysInMonth(year, month)) {
      return `${day} ${MONTHS[month - 1]} ${parts[1]}`;
    }
  }
  return format(fromIsoDate(value), 'd MMM yyyy');
}

/** "Thursday 12 November 2026", for screen readers and headings. */
export function formatLongDate(value: IsoDate): string {
  return format(fromIsoDate(value), 'EEEE d MMMM yyyy');
}

export function formatInstantDate(instant: Instant): string {
  return format(parseISO(instant), 'd MMM yyyy');
}

/** Whole days from a to b (b - a), by calendar date. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return differenceInCalendarDays(fromIsoDate(b), fromIsoDate(a));
}

/** Age in whole years on a given date. */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const dob = fromIsoDate(dateOfBirth);
  const day = fromIsoDate(on);
  let age = day.getFullYear() - dob.getFullYear();
  const beforeBirthday =
    day.getMonth() < dob.getMonth() ||
    (day.getMonth() === dob.getMonth() && day.getDate() < dob.getDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** "14:05 on 23 Nov 2026": when something was saved, in the device's local time. */
export function formatInstantTime(instant: Instant): string {
  return format(parseISO(instant), "HH:mm 'on' d MMM yyyy");
}
