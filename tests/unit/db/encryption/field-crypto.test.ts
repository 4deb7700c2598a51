import { describe, expect, it } from 'vitest';
import {
  ENCRYPTED_FIELD_PREFIX,
  FieldDecryptError,
  decryptField,
  encryptField,
  isEncryptedField,
} from '../../../../src/db/encryption/field-crypto';
import { LockedError } from '../../../../src/db/encryption/session-key';
import { fromBase64, randomBytes, toBase64 } from '../../../../src/lib/crypto';

const key = randomBytes(32);

const SAMPLES = {
  plain: 'Mia wants to go to football on Saturdays',
  empty: '',
  emoji: 'Feeling 😀👍🏽 about school 🏳️‍🌈',
  rtl: 'مرحبا بالعالم — שלום',
  zeroWidth: 'A\u200bB\u200c\u200dC\ufeffD\u2066E\u2069',
  // A byte-order mark at the very start: TextDecoder drops it unless told not to.
  leadingBom: '\ufeff',
  leadingBomText: '\ufeff\ufeffnotes',
  markup: '<script>alert(1)</script><img src=x onerror=alert(2)>',
  long: 'x'.repeat(19_990) + 'é🙂ab',
};

/** The stored value with one character of its base64 body changed. */
function tamper(stored: string, at: number): string {
  const body = stored.slice(ENCRYPTED_FIELD_PREFIX.length);
  const bytes = fromBase64(body);
  bytes[at] = (bytes[at] ?? 0) ^ 1;
  return ENCRYPTED_FIELD_PREFIX + toBase64(bytes);
}

describe('field encryption', () => {
  it.each(Object.entries(SAMPLES))('round-trips %s text exactly', (_name, text) => {
    const stored = encryptField(key, text);
    expect(isEncryptedField(stored)).toBe(true);
    expect(stored.startsWith('enc:v1:')).toBe(true);
    if (text.length > 3) expect(stored).not.toContain(text.slice(0, 4));
    expect(decryptField(key, stored)).toBe(text);
  });

  it('stores a 20,000 character value as IV, ciphertext and tag', () => {
    const text = 'notes '.repeat(3334).slice(0, 20_000);
    const stored = encryptField(key, text);
    expect(decryptField(key, stored)).toBe(text);
    expect(fromBase64(stored.slice(ENCRYPTED_FIELD_PREFIX.length))).toHaveLength(12 + 20_000 + 16);
  });

  it('uses a fresh IV every time: the same text twice is stored differently', () => {
    const a = encryptField(key, 'same words');
    const b = encryptField(key, 'same words');
    expect(a).not.toBe(b);
    const ivA = fromBase64(a.slice(ENCRYPTED_FIELD_PREFIX.length)).slice(0, 12);
    const ivB = fromBase64(b.slice(ENCRYPTED_FIELD_PREFIX.length)).slice(0, 12);
    expect(toBase64(ivA)).not.toBe(toBase64(ivB));
    expect(decryptField(key, a)).toBe('same words');
    expect(decryptField(key, b)).toBe('same words');
  });

  it('detects a change to the IV, the ciphertext or the tag', () => {
    const stored = encryptField(key, 'Goes to bed by ten');
    const length = fromBase64(stored.slice(ENCRYPTED_FIELD_PREFIX.length)).length;
    for (const at of [0, 11, 12, 20, length - 1]) {
      expect(() => decryptField(key, tamper(stored, at))).toThrow(FieldDecryptError);
    }
  });

  it('refuses a truncated or garbled value', () => {
    const stored = encryptField(key, 'Goes to bed by ten');
    expect(() => decryptField(key, stored.slice(0, -4))).toThrow(FieldDecryptError);
    expect(() => decryptField(key, `${ENCRYPTED_FIELD_PREFIX}AAAA`)).toThrow(FieldDecryptError);
    expect(() => decryptField(key, `${ENCRYPTED_FIELD_PREFIX}not base64!`)).toThrow(
      FieldDecryptError,
    );
    expect(() => decryptField(key, 'plain text')).toThrow(FieldDecryptError);
  });

  it('fails cleanly with the wrong key', () => {
    const stored = encryptField(key, 'Mia');
    const error = (() => {
      try {
        decryptField(randomBytes(32), stored);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(FieldDecryptError);
    expect((error as Error).message).toMatch(/key is wrong or the value was changed/);
  });

  it('binds a value to its context: it does not decrypt in another record or field', () => {
    const stored = encryptField(key, 'Mia', 'youngPeople/a/name');
    expect(decryptField(key, stored, 'youngPeople/a/name')).toBe('Mia');
    expect(() => decryptField(key, stored, 'youngPeople/b/name')).toThrow(FieldDecryptError);
    expect(() => decryptField(key, stored, 'youngPeople/a/school')).toThrow(FieldDecryptError);
    expect(() => decryptField(key, stored)).toThrow(FieldDecryptError);
  });

  it('refuses a key of the wrong size, and a wiped (all-zero) key as locked', () => {
    expect(() => encryptField(randomBytes(16), 'x')).toThrow(/32 bytes/);
    expect(() => encryptField(new Uint8Array(32), 'x')).toThrow(LockedError);
    const stored = encryptField(key, 'x');
    expect(() => decryptField(new Uint8Array(32), stored)).toThrow(LockedError);
  });

  it('tells encrypted values from everything else', () => {
    expect(isEncryptedField(encryptField(key, 'x'))).toBe(true);
    expect(isEncryptedField('Mia')).toBe(false);
    expect(isEncryptedField(null)).toBe(false);
    expect(isEncryptedField({ a: 1 })).toBe(false);
  });
});
