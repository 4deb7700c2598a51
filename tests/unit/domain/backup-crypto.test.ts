import { passphraseProblem } from '../../../src/domain/passphrase';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ENCRYPTED_BACKUP_FORMAT,
  EncryptedBackupFormatError,
  WrongPassphraseError,
  decryptBackup,
  encryptBackup,
  isEncryptedBackup,
  protectFile,
  protectedFileName,
} from '../../../src/domain/backup-crypto';
import { parseBackup } from '../../../src/domain/backup-parse';
import { MAX_KDF_ITERATIONS, fromBase64 } from '../../../src/lib/crypto';

const PASSPHRASE = 'purple tide lantern';
const plain = JSON.stringify({
  format: 'resilience-coaching-backup',
  version: 1,
  exportedAt: '2026-11-23T14:05:00.000Z',
  youngPeople: [],
  goals: [],
  sessions: [],
  ratings: [],
  note: 'Mia walked by the sea',
});

/** One real encryption (600,000 iterations) shared by the tests: each derivation is slow. */
let sealed = '';
let envelope: Record<string, unknown> = {};

beforeAll(async () => {
  sealed = await encryptBackup(plain, PASSPHRASE);
  envelope = JSON.parse(sealed) as Record<string, unknown>;
}, 60_000);

/** The envelope with some of its parts changed. */
function changed(edit: (copy: Record<string, unknown>) => void): unknown {
  const copy = JSON.parse(sealed) as Record<string, unknown>;
  edit(copy);
  return copy;
}

function kdfOf(copy: Record<string, unknown>): Record<string, unknown> {
  return copy.kdf as Record<string, unknown>;
}

describe('passphraseProblem', () => {
  it('asks for at least 10 characters', () => {
    expect(passphraseProblem('')).toBe('Enter a passphrase.');
    expect(passphraseProblem('          ')).toBe('Enter a passphrase.');
    expect(passphraseProblem('123456789')).toMatch(/at least 10 characters/);
    expect(passphraseProblem('1234567890')).toBeNull();
    // Characters, not UTF-16 units: five emoji are five characters.
    expect(passphraseProblem('🌊🌊🌊🌊🌊')).toMatch(/at least 10/);
  });
});

describe('encryptBackup', () => {
  it('writes the protected envelope with PBKDF2-SHA-256 (600,000 iterations) and AES-GCM', () => {
    expect(Object.keys(envelope)).toEqual(['format', 'version', 'kdf', 'cipher', 'ciphertext']);
    expect(envelope).toMatchObject({
      format: ENCRYPTED_BACKUP_FORMAT,
      version: 1,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 },
      cipher: { name: 'AES-GCM' },
    });
    expect(fromBase64(kdfOf(envelope).salt as string)).toHaveLength(16);
    expect(fromBase64((envelope.cipher as Record<string, string>).iv ?? '')).toHaveLength(12);
    expect(fromBase64(envelope.ciphertext as string).length).toBe(plain.length + 16);
    expect(sealed).not.toContain('Mia');
    expect(sealed).not.toContain('resilience-coaching-backup"');
  });

  it('refuses a short passphrase and too few iterations', async () => {
    await expect(encryptBackup(plain, 'short')).rejects.toThrow(/at least 10 characters/);
    await expect(encryptBackup(plain, PASSPHRASE, 100_000)).rejects.toThrow(/600000/);
  });
});

describe('isEncryptedBackup', () => {
  it('recognises the envelope by its own format field only', () => {
    expect(isEncryptedBackup(envelope)).toBe(true);
    expect(isEncryptedBackup(JSON.parse(plain))).toBe(false);
    expect(isEncryptedBackup(null)).toBe(false);
    expect(isEncryptedBackup([ENCRYPTED_BACKUP_FORMAT])).toBe(false);
    expect(isEncryptedBackup('resilience-coaching-backup-encrypted')).toBe(false);
    expect(isEncryptedBackup(Object.create({ format: ENCRYPTED_BACKUP_FORMAT }))).toBe(false);
  });

  it('is what parseBackup refuses as needing a passphrase', () => {
    const result = parseBackup(envelope);
    expect(result).toMatchObject({ ok: false, reason: 'encrypted' });
    expect(!result.ok && result.message).toMatch(/protected with a passphrase/);
  });
});

describe('decryptBackup', () => {
  it('gives back the backup text with the right passphrase', async () => {
    expect(await decryptBackup(envelope, PASSPHRASE)).toBe(plain);
  }, 30_000);

  it('refuses the wrong passphrase with a clear message', async () => {
    const attempt = decryptBackup(envelope, 'purple tide lanterN');
    await expect(attempt).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(decryptBackup(envelope, 'x')).rejects.toThrow(
      'That passphrase does not open this backup.',
    );
  }, 30_000);

  it('refuses a file whose ciphertext was changed', async () => {
    const tampered = changed((copy) => {
      const text = copy.ciphertext as string;
      copy.ciphertext = (text.startsWith('A') ? 'B' : 'A') + text.slice(1);
    });
    await expect(decryptBackup(tampered, PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
  }, 30_000);

  it.each([
    [
      'too few iterations',
      (c: Record<string, unknown>) => (kdfOf(c).iterations = 599_999),
      /599999 iterations/,
    ],
    [
      'very many iterations',
      (c: Record<string, unknown>) => (kdfOf(c).iterations = MAX_KDF_ITERATIONS + 1),
      /10000001 iterations/,
    ],
    [
      'iterations as text',
      (c: Record<string, unknown>) => (kdfOf(c).iterations = '600000'),
      /iterations is missing/,
    ],
    [
      'another hash',
      (c: Record<string, unknown>) => (kdfOf(c).hash = 'SHA-1'),
      /PBKDF2 with SHA-256/,
    ],
    ['no kdf', (c: Record<string, unknown>) => delete c.kdf, /PBKDF2 with SHA-256/],
    [
      'another cipher',
      (c: Record<string, unknown>) => (c.cipher = { name: 'AES-CBC', iv: 'AAAA' }),
      /AES-GCM/,
    ],
    [
      'a salt that is not base64',
      (c: Record<string, unknown>) => (kdfOf(c).salt = 'not base64!'),
      /salt is not readable/,
    ],
    [
      'a short salt',
      (c: Record<string, unknown>) => (kdfOf(c).salt = 'AAAA'),
      /salt has the wrong length/,
    ],
    [
      'an iv of the wrong length',
      (c: Record<string, unknown>) => (c.cipher = { name: 'AES-GCM', iv: 'AAAAAAAA' }),
      /iv has the wrong length/,
    ],
    ['no ciphertext', (c: Record<string, unknown>) => delete c.ciphertext, /ciphertext is missing/],
    [
      'a short ciphertext',
      (c: Record<string, unknown>) => (c.ciphertext = 'AAAA'),
      /ciphertext is too short/,
    ],
    ['no version', (c: Record<string, unknown>) => delete c.version, /no valid version/],
    [
      'a newer version',
      (c: Record<string, unknown>) => (c.version = 2),
      /newer version of the app \(protected backup version 2\)\. This app reads version 1/,
    ],
    [
      'another format',
      (c: Record<string, unknown>) => (c.format = 'other'),
      /not a protected Resilience coaching backup/,
    ],
  ])('refuses an envelope with %s before deriving any key', async (_, edit, message) => {
    const started = Date.now();
    const attempt = decryptBackup(changed(edit), PASSPHRASE);
    await expect(attempt).rejects.toBeInstanceOf(EncryptedBackupFormatError);
    await expect(decryptBackup(changed(edit), PASSPHRASE)).rejects.toThrow(message);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses things that are not envelopes at all', async () => {
    for (const value of [null, 'text', 42, [], {}]) {
      await expect(decryptBackup(value, PASSPHRASE)).rejects.toBeInstanceOf(
        EncryptedBackupFormatError,
      );
    }
  });
});

describe('protectFile', () => {
  it('leaves a file plain, under its own name, when there is no passphrase', async () => {
    expect(await protectFile('case-1a2b3c4d-2026-11-23.json', plain, null)).toEqual({
      fileName: 'case-1a2b3c4d-2026-11-23.json',
      text: plain,
    });
  });

  it(
    'protects any JSON file as a protected backup, and its name says so',
    { timeout: 30_000 },
    async () => {
      const file = await protectFile('summary-1a2b3c4d-2026-11-23.json', plain, PASSPHRASE);
      expect(file.fileName).toBe('summary-1a2b3c4d-2026-11-23-protected.json');
      expect(file.text).not.toContain('Mia walked by the sea');
      const parsed: unknown = JSON.parse(file.text);
      expect(isEncryptedBackup(parsed)).toBe(true);
      expect(await decryptBackup(parsed, PASSPHRASE)).toBe(plain);
    },
  );

  it('names a protected file by adding "-protected" before .json', () => {
    expect(protectedFileName('resilience-coaching-backup-2026-11-23-1405.json')).toBe(
      'resilience-coaching-backup-2026-11-23-1405-protected.json',
    );
    expect(protectedFileName('safety-copy')).toBe('safety-copy-protected.json');
  });
});
