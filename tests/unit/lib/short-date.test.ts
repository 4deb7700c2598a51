import { describe, expect, it } from 'vitest';
import { formatShortDate } from '../../../src/lib/short-date';
import { formatDate, toIsoDate } from '../../../src/lib/dates';

describe('formatShortDate', () => {
  it('writes every day of 2024 to 2027 exactly as formatDate does', () => {
    for (let day = new Date(2024, 0, 1); day.getFullYear() < 2028; day.setDate(day.getDate() + 1)) {
      const iso = toIsoDate(day);
      expect(formatShortDate(iso)).toBe(formatDate(iso));
    }
    expect(formatShortDate('2026-11-05')).toBe('5 Nov 2026');
  });

  it('gives nothing for no date, and shows anything else as it is', () => {
    expect(formatShortDate(null)).toBe('');
    expect(formatShortDate(undefined)).toBe('');
    expect(formatShortDate('')).toBe('');
    expect(formatShortDate('2026-13-01')).toBe('2026-13-01');
    expect(formatShortDate('soon')).toBe('soon');
  });
});
