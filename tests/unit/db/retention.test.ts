import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  DEFAULT_RETENTION_MONTHS,
  getCasesPastRetention,
  getRetentionMonths,
  retentionDueOn,
  setRetentionMonths,
} from '../../../src/db/repositories/retention';
import { ValidationError } from '../../../src/domain/validation';
import { addYoungPerson, freshDb } from './fixtures';

beforeEach(freshDb);

async function closedOn(name: string, date: string) {
  const yp = await addYoungPerson(name);
  await getDb().youngPeople.update(yp.id, { status: 'closed', closedOn: date });
  return yp;
}

describe('retention period', () => {
  it('is 12 months unless the service sets 1 to 120 whole months', async () => {
    expect(await getRetentionMonths()).toBe(DEFAULT_RETENTION_MONTHS);
    expect(DEFAULT_RETENTION_MONTHS).toBe(12);
    await setRetentionMonths(24);
    expect(await getRetentionMonths()).toBe(24);
    for (const bad of [0, 121, 6.5, Number.NaN]) {
      await expect(setRetentionMonths(bad)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await getRetentionMonths()).toBe(24);
  });

  it('counts calendar months from the closing date', () => {
    expect(retentionDueOn('2025-11-23', 12)).toBe('2026-11-23');
    expect(retentionDueOn('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('lists closed cases past the period, longest overdue first, and no open case', async () => {
    const old = await closedOn('Old', '2024-06-01');
    const due = await closedOn('Due', '2025-11-23');
    await closedOn('Recent', '2025-11-24');
    await addYoungPerson('Open');
    const found = await getCasesPastRetention('2026-11-23');
    expect(found.map((c) => [c.youngPerson.id, c.dueOn])).toEqual([
      [old.id, '2025-06-01'],
      [due.id, '2026-11-23'],
    ]);
    await setRetentionMonths(36);
    expect(await getCasesPastRetention('2026-11-23')).toEqual([]);
  });
});
