import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';
import { decryptBackup, isEncryptedBackup } from '../../src/domain/backup-crypto';
import { blobText } from './downloads';

/** A passphrase for protected files in tests: long, and no common password. */
export const FILE_PASSPHRASE = 'copper kettle on the hob';

/** Types the file's passphrase twice, in the boxes inside `scope` (the page by default). */
export async function typeFilePassphrase(
  user: UserEvent,
  passphrase = FILE_PASSPHRASE,
  scope: HTMLElement = document.body,
): Promise<void> {
  await user.type(within(scope).getByLabelText('Passphrase'), passphrase);
  await user.type(within(scope).getByLabelText('Type the passphrase again'), passphrase);
}

/**
 * Turns a file's protection off the way a coach does: unticks "Protect this <noun> with a
 * passphrase" and says yes when asked once more.
 */
export async function turnProtectionOff(
  user: UserEvent,
  noun: 'backup' | 'file',
  scope: HTMLElement = document.body,
): Promise<void> {
  await user.click(
    within(scope).getByRole('checkbox', { name: `Protect this ${noun} with a passphrase` }),
  );
  const confirm = await screen.findByRole('alertdialog', {
    name: `Save the ${noun} without a passphrase?`,
  });
  await user.click(within(confirm).getByRole('button', { name: 'Save without a passphrase' }));
}

/**
 * A protected file's text, checked to be ciphertext (an encrypted envelope whose readable
 * parts hold none of `mustNotContain`, around base64), then opened with the passphrase and
 * parsed.
 */
export async function openProtectedText<T>(
  text: string,
  mustNotContain: string[],
  passphrase = FILE_PASSPHRASE,
): Promise<T> {
  const envelope = JSON.parse(text) as Record<string, unknown>;
  expect(isEncryptedBackup(envelope)).toBe(true);
  // The ciphertext is base64, in which a short name can turn up by chance: the words are
  // looked for in everything else, and the ciphertext must be nothing but base64.
  expect(envelope.ciphertext).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  const outside = JSON.stringify({ ...envelope, ciphertext: '' });
  for (const words of mustNotContain) expect(outside).not.toContain(words);
  return JSON.parse(await decryptBackup(envelope, passphrase)) as T;
}

/** A downloaded protected file, checked and opened as openProtectedText does. */
export async function openProtectedFile<T>(
  blob: Blob | undefined,
  mustNotContain: string[],
  passphrase = FILE_PASSPHRASE,
): Promise<T> {
  return openProtectedText<T>(await blobText(blob), mustNotContain, passphrase);
}

/** The dialog that asks how to protect a file, once the button that opens it is clicked. */
export function findSaveFileDialog(title: string): Promise<HTMLElement> {
  return screen.findByRole('dialog', { name: title });
}
