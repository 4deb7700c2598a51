import { describe, expect, it } from 'vitest';
import { readHandover } from '../../../src/db/repositories/handover-state';
import { handoverSchema } from '../../../src/db/repositories/handover';

// The handover gate reads the handover without zod; it must accept and refuse what the
// schema that writes it accepts and refuses.
const VALUES: unknown[] = [
  { youngPersonId: 'yp-1', startedAt: '2026-11-23T10:00:00.000Z' },
  { youngPersonId: 'yp-1', startedAt: '2026-11-23T10:00:00Z', extra: true },
  { youngPersonId: 'yp-1', startedAt: '2026-11-23T10:00:00+01:00' },
  { youngPersonId: '', startedAt: '2026-11-23T10:00:00.000Z' },
  { youngPersonId: 42 },
  { youngPersonId: 'yp-1', startedAt: 'yesterday' },
  { youngPersonId: 'yp-1', startedAt: '2026-11-23' },
  { youngPersonId: 'yp-1' },
  null,
  undefined,
  'handover',
  [],
];

describe('readHandover', () => {
  it.each(VALUES.map((value) => [JSON.stringify(value) ?? 'undefined', value]))(
    'agrees with handoverSchema for %s',
    (_label, value) => {
      const parsed = handoverSchema.safeParse(value);
      expect(readHandover(value)).toEqual(parsed.success ? parsed.data : null);
    },
  );
});
