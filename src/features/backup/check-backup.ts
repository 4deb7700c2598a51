/**
 * Checking a backup file's text: what the worker runs, and what the page runs itself when
 * there is no Worker (tests in jsdom). Never throws: every outcome is a plain value that can
 * be posted between threads.
 */
import { decryptBackup, WrongPassphraseError } from '../../domain/backup-crypto';
import type { BackupProblem } from '../../domain/backup-checks';
import type { CheckedBackupFile } from '../../domain/backup-format';
import { parseBackupText, type BackupParseResult } from '../../domain/backup-parse';

/** A checked file, every record array present, and its deletions. */
export type CheckedBackup = CheckedBackupFile;

/** What checking a file found. */
export type BackupCheck =
  | { kind: 'valid'; backup: CheckedBackup }
  | { kind: 'invalid'; message: string; problems: BackupProblem[]; moreProblems: number }
  | { kind: 'encrypted' }
  | { kind: 'wrong-passphrase'; message: string };

function fromParse(result: BackupParseResult): BackupCheck {
  if (result.ok) return { kind: 'valid', backup: result.backup };
  if (result.reason === 'encrypted') return { kind: 'encrypted' };
  const { message, problems, moreProblems } = result;
  return { kind: 'invalid', message, problems, moreProblems };
}

const invalid = (message: string): BackupCheck => ({
  kind: 'invalid',
  message,
  problems: [],
  moreProblems: 0,
});

const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : 'The file could not be read.';

/**
 * Checks a backup file's text; a protected file asks for its passphrase. With `now`, a record
 * dated in the future is a problem (see src/domain/future-dates.ts).
 */
export function checkBackupText(text: string, now?: Date): BackupCheck {
  try {
    return fromParse(parseBackupText(text, now));
  } catch (error) {
    return invalid(errorMessage(error));
  }
}

/** Opens a passphrase-protected backup's text and checks the backup inside. */
export async function openProtectedBackupText(
  text: string,
  passphrase: string,
  now?: Date,
): Promise<BackupCheck> {
  try {
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      return checkBackupText(text, now);
    }
    const check = checkBackupText(await decryptBackup(envelope, passphrase), now);
    if (check.kind !== 'encrypted') return check;
    return invalid('This file holds another protected backup inside it, which cannot be restored.');
  } catch (error) {
    if (error instanceof WrongPassphraseError) {
      return { kind: 'wrong-passphrase', message: error.message };
    }
    return invalid(errorMessage(error));
  }
}

/** What the page asks the worker: a file's text, and its passphrase when it is protected. */
export interface BackupCheckRequest {
  text: string;
  /** Set to open a passphrase-protected file; null to check a file as it is. */
  passphrase: string | null;
  /** The time now (milliseconds): records dated after it are refused. */
  now: number;
}

/** Answers one request: checks the text, opening it with the passphrase when one is given. */
export function checkBackupRequest(request: BackupCheckRequest): Promise<BackupCheck> {
  const now = new Date(request.now);
  return request.passphrase === null
    ? Promise.resolve(checkBackupText(request.text, now))
    : openProtectedBackupText(request.text, request.passphrase, now);
}
