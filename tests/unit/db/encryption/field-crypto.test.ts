import { describe, expect, it } from 'vitest';
import {
  ENCRYPTED_FIELD_PREFIX,
  FieldDecryptError,
  decryptField,
  encryptField,
  isEncryptedField,
} from '../../../../src/db/encryption/field-crypto';
import {
  SEALED_PREFIX,
  isSealedText,
  openSealedText,
  sealText,
} from '../../../../src/db/encryption/sealed-text';
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

describe('sealed text (enc:v2, padded)', () => {
  const context = 'resilience-coaching/record/v2/goals/g1';

  it('round-trips every sample, each with a fresh IV', () => {
    for (const [name, text] of Object.entries(SAMPLES)) {
      const sealed = sealText(key, text, context);
      expect(isSealedText(sealed), name).toBe(true);
      expect(isEncryptedField(sealed), name).toBe(false);
      expect(openSealedText(key, sealed, context), name).toBe(text);
      expect(sealText(key, text, context)).not.toBe(sealed);
    }
  });

  it('gives values of different lengths the same ciphertext length', () => {
    const lengths = ['Mentoring', 'Self-Harm Support', 'Young Carers', 'x'].map(
      (text) => sealText(key, text, context).length,
    );
    expect(new Set(lengths).size).toBe(1);
    // The first format gave the length away.
    const v1 = ['Mentoring', 'Self-Harm Support'].map((text) => encryptField(key, text).length);
    expect(v1[0]).not.toBe(v1[1]);
  });

  it('refuses another context, another key, a changed character or a v1 value', () => {
    const sealed = sealText(key, 'Self-Harm Support', context);
    expect(() => openSealedText(key, sealed, `${context}x`)).toThrow(FieldDecryptError);
    expect(() => openSealedText(randomBytes(32), sealed, context)).toThrow(FieldDecryptError);
    const body = fromBase64(sealed.slice(SEALED_PREFIX.length));
    body[20] = (body[20] ?? 0) ^ 1;
    expect(() => openSealedText(key, SEALED_PREFIX + toBase64(body), context)).toThrow(
      FieldDecryptError,
    );
    expect(() => openSealedText(key, encryptField(key, 'x', context), context)).toThrow(
      FieldDecryptError,
    );
    expect(() => openSealedText(key, 'enc:v2:not base64!', context)).toThrow(FieldDecryptError);
  });
});
