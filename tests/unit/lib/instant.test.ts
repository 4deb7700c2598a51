import { describe, expect, it } from 'vitest';
import { compareInstants, instantValue, toInstant } from '../../../src/lib/instant';

describe('instants', () => {
  it('writes an instant in UTC with milliseconds', () => {
    expect(toInstant(new Date(Date.UTC(2026, 10, 23, 14, 5)))).toBe('2026-11-23T14:05:00.000Z');
  });

  it('reads an instant as milliseconds, and an unreadable one as the epoch', () => {
    expect(instantValue('2026-11-23T14:05:00.000Z')).toBe(Date.UTC(2026, 10, 23, 14, 5));
    expect(instantValue('not a time')).toBe(0);
  });

  it.each([
    ['2026-11-23T10:00:00+01:00', '2026-11-23T09:30:00Z', -1],
    ['2026-11-23T09:30:00.5Z', '2026-11-23T09:30:00Z', 1],
    ['2026-11-23T09:30:00.000Z', '2026-11-23T10:30:00+01:00', 0],
  ])('compares %s with %s as instants, not as text', (a, b, sign) => {
    expect(Math.sign(compareInstants(a, b))).toBe(sign);
  });
});
