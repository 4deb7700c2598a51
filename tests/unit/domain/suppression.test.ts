import { describe, expect, it } from 'vitest';
import { SUPPRESSED, isSmallCount, suppressedCount } from '../../../src/domain/suppression';

describe('small-number suppression', () => {
  it.each([1, 2, 3, 4])('writes a count of %i as "<5"', (count) => {
    expect(isSmallCount(count)).toBe(true);
    expect(suppressedCount(count)).toBe(SUPPRESSED);
    expect(SUPPRESSED).toBe('<5');
  });

  it.each([0, 5, 6, 120])('writes a count of %i as it is', (count) => {
    expect(isSmallCount(count)).toBe(false);
    expect(suppressedCount(count)).toBe(count);
  });
});
