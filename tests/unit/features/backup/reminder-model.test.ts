import { differenceInCalendarDays, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { reminderMessage } from '../../../../src/features/backup/reminder-model';

describe('reminderMessage', () => {
  it('says when nothing has ever been backed up', () => {
    expect(reminderMessage(null, new Date())).toBe('These records have never been backed up.');
  });

  it('counts calendar days and names the day as date-fns would, across a year and clock changes', () => {
    const now = new Date(2026, 10, 23, 9, 30);
    for (let days = 7; days < 400; days += 1) {
      for (const hour of [0, 1, 12, 23]) {
        const when = new Date(now.getFullYear(), now.getMonth(), now.getDate() - days, hour, 15);
        const expected = `Nothing has been backed up for ${differenceInCalendarDays(now, when)} days (last backup: ${format(when, 'd MMM')}) and records have changed since.`;
        expect(reminderMessage(when.toISOString(), now)).toBe(expected);
      }
    }
  });

  it('says "1 day" for yesterday', () => {
    const now = new Date(2026, 10, 23, 0, 5);
    const when = new Date(2026, 10, 22, 23, 55);
    expect(reminderMessage(when.toISOString(), now)).toContain('for 1 day (last backup: 22 Nov)');
  });
});
