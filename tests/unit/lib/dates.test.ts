import { format, parse } from 'date-fns';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addCalendarMonths,
  ageOn,
  daysBetween,
  endOfDay,
  yearEndingOn,
  fileTimestamp,
  formatTimeAgo,
  parseInstant,
  formatDate,
  formatLongDate,
  fromIsoDate,
  instantToIsoDate,
  isIsoDate,
  toInstant,
  toIsoDate,
} from '../../../src/lib/dates';

describe('isIsoDate', () => {
  it.each([
    ['2026-11-23', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-12-31', true],
    ['2026-02-30', false],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['26-1-1', false],
    ['2026-1-1', false],
    ['2026/11/23', false],
    ['23-11-2026', false],
    [' 2026-11-23', false],
    ['2026-11-23T10:00', false],
    ['', false],
  ])('%j -> %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it("gives date-fns' answer for any yyyy-MM-dd digits (property)", () => {
    const reference = (value: string) => {
      const parsed = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
      return !Number.isNaN(parsed.getTime()) && format(parsed, 'yyyy-MM-dd') === value;
    };
    const digits = (n: number, max: number) =>
      fc.integer({ min: 0, max }).map((x) => String(x).padStart(n, '0'));
    fc.assert(
      fc.property(
        fc.oneof(digits(4, 9999), fc.constantFrom('0000', '0999', '1000', '1900', '2000', '2100')),
        digits(2, 14),
        digits(2, 33),
        (year, month, day) => {
          const value = `${year}-${month}-${day}`;
          expect(isIsoDate(value)).toBe(reference(value));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('counts a day the time zone skipped as no date, as date-fns does (Samoa, 2011-12-30)', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Apia';
    try {
      expect(isIsoDate('2011-12-29')).toBe(true);
      expect(isIsoDate('2011-12-30')).toBe(false);
      expect(isIsoDate('2011-12-31')).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('ageOn', () => {
  it.each([
    ['2013-04-12', '2026-04-11', 12],
    ['2013-04-12', '2026-04-12', 13],
    ['2013-04-12', '2026-11-23', 13],
    ['2013-12-31', '2026-01-01', 12],
    ['2013-01-01', '2026-12-31', 13],
    // A leap-day birthday counts from 1 March in other years.
    ['2012-02-29', '2026-02-28', 13],
    ['2012-02-29', '2026-03-01', 14],
    ['2012-02-29', '2024-02-29', 12],
    ['2026-11-23', '2026-11-23', 0],
  ])('born %s, on %s: %i', (dob, on, expected) => {
    expect(ageOn(dob, on)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-11-23', '2026-11-23', 0],
    ['2026-11-23', '2026-11-24', 1],
    ['2026-11-24', '2026-11-23', -1],
    ['2026-02-28', '2026-03-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-12-31', '2026-01-01', 1],
    ['2026-01-01', '2027-01-01', 365],
    // Across the UK clock changes, still whole calendar days.
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
  ])('from %s to %s: %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });
});

describe('conversions', () => {
  it('round-trips a calendar date through a local Date', () => {
    const date = fromIsoDate('2026-03-29');
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([
      2026, 2, 29, 0,
    ]);
    expect(toIsoDate(date)).toBe('2026-03-29');
  });

  it('writes instants in UTC and reads back the local calendar date', () => {
    const local = new Date(2026, 10, 23, 12, 0, 0);
    const instant = toInstant(local);
    expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(instantToIsoDate(instant)).toBe('2026-11-23');
  });

  it('reads dates as date-fns parse does, dates that do not exist included', () => {
    const dateFns = (value: string) => parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
    const values = ['2024-02-29', '2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10'];
    values.push('2026-04-31', '0000-01-01', '0001-01-01', '0099-12-31', '2026-1-5', '26-01-05');
    values.push('2026-01-05T00:00', ' 2026-01-05', 'not a date', '');
    for (const value of values) {
      const [ours, theirs] = [fromIsoDate(value).getTime(), dateFns(value).getTime()];
      expect(Number.isNaN(ours) ? 'invalid' : ours, value).toBe(
        Number.isNaN(theirs) ? 'invalid' : theirs,
      );
    }
    expect(Number.isNaN(fromIsoDate('2026-02-30').getTime())).toBe(true);
    // Every day of a few years, leap years and clock changes included.
    for (let day = new Date(2023, 0, 1); day.getFullYear() < 2027; day.setDate(day.getDate() + 1)) {
      const value = toIsoDate(day);
      expect(fromIsoDate(value).getTime(), value).toBe(dateFns(value).getTime());
    }
  });

  it('formats dates for people', () => {
    expect(formatDate('2026-11-05')).toBe('5 Nov 2026');
    expect(formatDate('2026-11-05')).toBe('5 Nov 2026');
    expect(formatDate('2026-11-06')).toBe('6 Nov 2026');
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatLongDate('2026-11-05')).toBe('Thursday 5 November 2026');
  });
});

describe('formatDate keeps nothing', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('keeps no date it was given (a date of birth stays only where the page holds it)', () => {
    const kept: unknown[] = [];
    vi.spyOn(Map.prototype, 'set').mockImplementation(function (this: Map<unknown, unknown>, k, v) {
      kept.push(k, v);
      return this;
    });
    vi.spyOn(Set.prototype, 'add').mockImplementation(function (this: Set<unknown>, v) {
      kept.push(v);
      return this;
    });

    expect(formatDate('2013-03-14')).toBe('14 Mar 2013');
    expect(formatDate('2013-03-14')).toBe('14 Mar 2013');

    expect(kept.filter((x) => typeof x === 'string' && /2013|14/.test(x))).toEqual([]);
  });

  it('gives the same words as date-fns for every day of a leap year and a common year', () => {
    for (const year of [2023, 2024, 1900, 2000]) {
      for (
        let day = new Date(year, 0, 1);
        day.getFullYear() === year;
        day.setDate(day.getDate() + 1)
      ) {
        const iso = toIsoDate(day);
        expect(formatDate(iso)).toBe(format(day, 'd MMM yyyy'));
      }
    }
  });

  it('still refuses a date that does not exist', () => {
    expect(() => formatDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatDate('2026-13-01')).toThrow(RangeError);
  });
});

describe('addCalendarMonths', () => {
  it.each([
    ['2026-03-01', 12, '2027-03-01'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-06-15', 0, '2026-06-15'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });
});

describe('instants for people and file names', () => {
  it('reads an instant, and gives an invalid Date for one it cannot read', () => {
    expect(parseInstant('2026-11-23T14:05:00.000Z').getTime()).toBe(Date.UTC(2026, 10, 23, 14, 5));
    expect(Number.isNaN(parseInstant('not a time').getTime())).toBe(true);
  });

  it('stamps a file name with the local date and time to the minute', () => {
    expect(fileTimestamp(new Date(2026, 10, 3, 9, 7, 59))).toBe('2026-11-03-0907');
  });

  it('says how long ago an instant was, in words', () => {
    const now = new Date('2026-11-23T14:05:00.000Z');
    expect(formatTimeAgo('2026-11-20T14:05:00.000Z', now)).toBe('3 days ago');
    expect(formatTimeAgo('2026-11-23T13:05:00.000Z', now)).toBe('about 1 hour ago');
  });
});

describe('ranges of days', () => {
  it('ends a day at the next local midnight', () => {
    expect(endOfDay('2026-11-23').getTime()).toBe(new Date(2026, 10, 24).getTime());
    expect(endOfDay('2026-12-31').getTime()).toBe(new Date(2027, 0, 1).getTime());
  });

  it('gives the twelve months ending on a day', () => {
    expect(yearEndingOn(new Date(2026, 10, 23, 15, 0))).toEqual({
      from: '2025-11-24',
      to: '2026-11-23',
    });
    expect(yearEndingOn(new Date(2028, 1, 29))).toEqual({ from: '2027-03-01', to: '2028-02-29' });
  });
});
