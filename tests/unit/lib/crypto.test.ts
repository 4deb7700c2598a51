import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AES_GCM_IV_BYTES,
  DecryptError,
  PBKDF2_ITERATIONS,
  decryptText,
  deriveAesKey,
  encryptText,
  fromBase64,
  randomBytes,
  toBase64,
} from '../../../src/lib/crypto';

const FAST = 1_000;

describe('randomBytes', () => {
  it('gives fresh bytes of the length asked, beyond the 64 KiB per-call limit', () => {
    const a = randomBytes(100_000);
    const b = randomBytes(100_000);
    expect(a).toHaveLength(100_000);
    expect(toBase64(a)).not.toBe(toBase64(b));
    expect(randomBytes(0)).toHaveLength(0);
  });
});

describe('base64', () => {
  it('matches the standard encoding', () => {
    const bytes = new TextEncoder().encode('hello');
    expect(toBase64(bytes)).toBe('aGVsbG8=');
    expect(toBase64(new Uint8Array([]))).toBe('');
    expect(toBase64(new Uint8Array([255, 254, 253]))).toBe('//79');
    expect([...fromBase64('aGVsbG8=')]).toEqual([...bytes]);
    expect(fromBase64('')).toHaveLength(0);
  });

  it('round-trips every byte value', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect([...fromBase64(toBase64(all))]).toEqual([...all]);
  });

  it('handles many megabytes in pieces without overflowing the stack', () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    for (let i = 0; i < big.length; i += 4099) big[i] = i & 255;
    big[0] = 1;
    big[big.length - 1] = 255;
    const text = toBase64(big);
    expect(text.length).toBe(Math.ceil(big.length / 3) * 4);
    const back = fromBase64(text);
    expect(back.length).toBe(big.length);
    expect(back[0]).toBe(1);
    expect(back[back.length - 1]).toBe(255);
    expect(back.every((b, i) => b === big[i])).toBe(true);
  });

  it.each(['abc', 'ab=c', '!!!!', 'aGVsbG8', 'aGVs bG8=', 'aGVsbG8===', '=aGV'])(
    'refuses %j',
    (text) => {
      expect(() => fromBase64(text)).toThrow('This is not base64 text.');
    },
  );
});

describe("base64 through the browser's own decoder", () => {
  // Node 20 has no Uint8Array.fromBase64: one like the browsers' (white space skipped, strict
  // padding) is put in place before the module is loaded again.
  const withNative = async () => {
    const native = (text: string) => {
      const body = text.replace(/[\t\n\f\r ]/g, '');
      if (body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) {
        throw new SyntaxError('bad base64');
      }
      return new Uint8Array(Buffer.from(body, 'base64'));
    };
    Object.defineProperty(Uint8Array, 'fromBase64', { value: native, configurable: true });
    vi.resetModules();
    return import('../../../src/lib/crypto');
  };
  afterEach(() => {
    Reflect.deleteProperty(Uint8Array, 'fromBase64');
  });

  it('reads what toBase64 writes', async () => {
    const crypto = await withNative();
    const all = new Uint8Array(256).map((_, i) => i);
    expect([...crypto.fromBase64(crypto.toBase64(all))]).toEqual([...all]);
    expect([...crypto.fromBase64('aGVsbG8=')]).toEqual([...new TextEncoder().encode('hello')]);
  });

  it.each(['aGVs    bG8=', 'aGVz\n\n\n\nbG8=', '    ', 'aGVsbG8', '!!!!'])(
    'refuses %j, though the native decoder skips white space',
    async (text) => {
      const crypto = await withNative();
      expect(() => crypto.fromBase64(text)).toThrow('This is not base64 text.');
    },
  );
});

describe('AES-GCM with a key from a passphrase', () => {
  const salt = randomBytes(16);

  it('uses 600,000 iterations by default', () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
  });

  it('makes a non-extractable AES-GCM 256 key', async () => {
    const key = await deriveAesKey('correct horse battery', salt, FAST);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(key.usages.sort()).toEqual(['decrypt', 'encrypt']);
  });

  it('round-trips text, with a fresh 12-byte IV each time', async () => {
    const key = await deriveAesKey('correct horse battery', salt, FAST);
    const text = 'Notes: “walked by the sea” 🌊, café, 0-10';
    const one = await encryptText(key, text);
    const two = await encryptText(key, text);
    expect(one.iv).toHaveLength(AES_GCM_IV_BYTES);
    expect(toBase64(one.iv)).not.toBe(toBase64(two.iv));
    expect(toBase64(one.ciphertext)).not.toBe(toBase64(two.ciphertext));
    expect(await decryptText(key, one.iv, one.ciphertext)).toBe(text);
    expect(await decryptText(key, two.iv, two.ciphertext)).toBe(text);
  });

  it('keeps a byte-order mark at the start of the text', async () => {
    const key = await deriveAesKey('correct horse battery', salt, FAST);
    const text = '\ufeff{"spec":"a backup that starts with a byte-order mark"}';
    const { iv, ciphertext } = await encryptText(key, text);
    expect(await decryptText(key, iv, ciphertext)).toBe(text);
  });

  it('gives the same key for the same passphrase typed in another Unicode form', async () => {
    const composed = 'café au lait!'; // é as one code point
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const sealed = await encryptText(await deriveAesKey(composed, salt, FAST), 'x');
    const key = await deriveAesKey(decomposed, salt, FAST);
    expect(await decryptText(key, sealed.iv, sealed.ciphertext)).toBe('x');
  });

  it('refuses the wrong key, another salt, and changed data with a DecryptError', async () => {
    const key = await deriveAesKey('correct horse battery', salt, FAST);
    const { iv, ciphertext } = await encryptText(key, 'secret');
    const wrong = await deriveAesKey('correct horse batterY', salt, FAST);
    const otherSalt = await deriveAesKey('correct horse battery', randomBytes(16), FAST);
    const fewer = await deriveAesKey('correct horse battery', salt, FAST - 1);
    for (const k of [wrong, otherSalt, fewer]) {
      await expect(decryptText(k, iv, ciphertext)).rejects.toBeInstanceOf(DecryptError);
    }
    const tampered = ciphertext.slice();
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    await expect(decryptText(key, iv, tampered)).rejects.toThrow(DecryptError);
    const otherIv = iv.slice();
    otherIv[0] = (otherIv[0] ?? 0) ^ 1;
    await expect(decryptText(key, otherIv, ciphertext)).rejects.toThrow(DecryptError);
    await expect(decryptText(key, iv, ciphertext.slice(0, -1))).rejects.toThrow(DecryptError);
  });

  it('refuses an iteration count that is not a positive whole number', async () => {
    await expect(deriveAesKey('x', salt, 0)).rejects.toThrow('positive whole number');
    await expect(deriveAesKey('x', salt, 1.5)).rejects.toThrow('positive whole number');
  });
});
