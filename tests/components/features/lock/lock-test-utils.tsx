import { useSyncExternalStore } from 'react';
import { screen } from '@testing-library/react';
import { expect } from 'vitest';
import { getDb } from '../../../../src/db/database';
import {
  getLockState,
  lock,
  setEncryptionSetUp,
  subscribeToKeyChange,
} from '../../../../src/db/encryption/session-key';
import { UnlockScreen } from '../../../../src/features/lock/unlock-screen';
import { useToastStore } from '../../../../src/stores/toast-store';
export { blobText, captureDownloads, type Download } from '../../downloads';

/** A recovery key as shown: 8 groups of 4 capitals and digits (no 0, O, 1, I or L). */
export const RECOVERY_KEY_FORMAT = /^([A-HJKMNP-Z2-9]{4}-){7}[A-HJKMNP-Z2-9]{4}$/;

/**
 * An empty database with no passphrase chosen ('not-set-up'). tests/setup.ts unlocks with a
 * random key before each test, so this locks and then forgets that encryption was set up.
 */
export async function freshNotSetUp(): Promise<void> {
  lock();
  await getDb().delete();
  await getDb().open();
  setEncryptionSetUp(false);
  useToastStore.setState({ toasts: [] });
}

export const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

/** Writes the wrong-try count as the keyring does (see src/db/encryption/unlock-attempts.ts). */
export async function setUnlockAttempts(failures: number, lockedUntil: Date | null) {
  await getDb().settings.put({
    key: 'unlockAttempts',
    value: { failures, lockedUntil: lockedUntil?.toISOString() ?? null },
  });
}

/** What the app shows: the unlock screen while locked, the caseload once unlocked. */
export function TestGate() {
  const state = useSyncExternalStore(subscribeToKeyChange, getLockState);
  return state === 'unlocked' ? <h1>Caseload</h1> : <UnlockScreen />;
}

/** The control's message, read through its aria-describedby, ends with this error. */
export function expectFieldError(label: string, message: string) {
  const box = screen.getByLabelText(label);
  expect(box).toHaveAttribute('aria-invalid', 'true');
  expect(box).toHaveAccessibleDescription(
    new RegExp(`Error:\\s*${message.replace(/[.?()]/g, '\\$&')}$`),
  );
}
