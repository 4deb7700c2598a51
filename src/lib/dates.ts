import { differenceInCalendarDays, format, isValid, parse, parseISO } from 'date-fns';

/** A calendar date stored as yyyy-MM-dd, in the device's local time zone. */
export type IsoDate = string;
/** An instant stored as an ISO 8601 string with a time zone (always UTC "Z" when we write it). */
export type Instant = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date on the device, as yyyy-MM-dd. */
export function toIsoDate(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

/** True for a real calendar date written as yyyy-MM-dd (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return isValid(parsed) && toIsoDate(parsed) === value;
}

/** The local Date at midnight for a yyyy-MM-dd string. */
export function fromIsoDate(value: IsoDate): Date {
  return parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
}

export function toInstant(date: Date): Instant {
  return date.toISOString();
}

/** The local calendar date an instant falls on. */
export function instantToIsoDate(instant: Instant): IsoDate {
  return toIsoDate(parseISO(instant));
}

/** "12 Nov 2026" */
export function formatDate(value: IsoDate | null | undefined): string {
  if (!value) return '';
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
