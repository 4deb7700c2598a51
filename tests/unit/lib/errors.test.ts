import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CLOSED_MESSAGE, QUOTA_MESSAGE, errorReason, isQuotaError } from '../../../src/lib/errors';

const domError = (name: string, message = '') => new DOMException(message, name);

describe('errorReason', () => {
  it('recognises storage full however IndexedDB and Dexie wrap it', () => {
    const quota = domError('QuotaExceededError', 'The quota has been exceeded.');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError(quota))).toBe(true);
    // Chromium aborts the transaction; Dexie reports an AbortError whose inner is the quota error.
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota))).toBe(true);
    expect(isQuotaError(new Error('Failed', { cause: quota }))).toBe(true);
    expect(errorReason(new Dexie.AbortError('Transaction aborted', quota))).toBe(QUOTA_MESSAGE);
  });

  it('does not mistake other aborts for storage full', () => {
    const abort = new Dexie.AbortError('Transaction aborted', domError('ConstraintError'));
    expect(isQuotaError(abort)).toBe(false);
    expect(errorReason(abort)).toContain('Transaction aborted');
  });

  it('asks for a reload when the connection was closed', () => {
    expect(errorReason(new Dexie.DatabaseClosedError('Database has been closed'))).toBe(
      CLOSED_MESSAGE,
    );
  });

  it("uses an Error's own message, and a fallback for anything else", () => {
    expect(errorReason(new Error('This case is already closed.'))).toBe(
      'This case is already closed.',
    );
    expect(errorReason('boom')).toBe('Please try again.');
    expect(errorReason(null)).toBe('Please try again.');
  });
});
