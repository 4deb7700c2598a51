import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  getReliableChangeThreshold,
  setReliableChangeThreshold,
} from '../../../src/db/repositories/settings';
import { fieldErrorsOf, freshDb } from './fixtures';

beforeEach(freshDb);

describe('reliable change threshold', () => {
  it('is 3 until a service sets its own', async () => {
    expect(await getReliableChangeThreshold()).toBe(3);
  });

  it.each([1, 2.45, 3, 10])('keeps %s', async (value) => {
    expect(await setReliableChangeThreshold(value)).toBe(value);
    expect(await getReliableChangeThreshold()).toBe(value);
  });

  it.each([0, 0.99, 10.01, -3, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %s and keeps the old value',
    async (value) => {
      await setReliableChangeThreshold(2.45);
      expect(await fieldErrorsOf(setReliableChangeThreshold(value))).toEqual({
        threshold: 'Enter a number from 1 to 10, such as 3 or 2.45.',
      });
      expect(await getReliableChangeThreshold()).toBe(2.45);
    },
  );

  it('falls back to 3 when the stored value is unusable', async () => {
    await getDb().settings.put({ key: 'reliableChangeThreshold', value: 'three' });
    expect(await getReliableChangeThreshold()).toBe(3);
  });
});
