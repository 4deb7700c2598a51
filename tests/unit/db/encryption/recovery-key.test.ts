import { describe, expect, it } from 'vitest';
import { generateRecoveryKey, parseRecoveryKey } from '../../../../src/db/encryption/recovery-key';

describe('the recovery key', () => {
  it('reads a recovery key ignoring case, spaces and dashes', () => {
    const key = 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456-7899';
    // Not a real key (its check characters are wrong), so only the form is checked here.
    expect(() => parseRecoveryKey(key)).toThrow(/typing mistake/);
    expect(() => parseRecoveryKey('')).toThrow('Enter your recovery key.');
    expect(() => parseRecoveryKey('ABCD-EFGH-0000')).toThrow(/no O, I or L/);
    expect(() => parseRecoveryKey('ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456-789!')).toThrow(/no O, I/);
    expect(() => parseRecoveryKey('ABCD-EFGH-JKMN')).toThrow(/32 letters and numbers/);
  });

  it('reads a real key however it is typed', () => {
    const recoveryKey = generateRecoveryKey();
    const canonical = recoveryKey.replaceAll('-', '');
    expect(parseRecoveryKey(recoveryKey)).toBe(canonical);
    expect(parseRecoveryKey(recoveryKey.toLowerCase())).toBe(canonical);
    expect(parseRecoveryKey(recoveryKey.replaceAll('-', ' – '))).toBe(canonical);
    expect(parseRecoveryKey(canonical)).toBe(canonical);
  });
});
