import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../src/db/database';
import { setUpEncryption } from '../../../src/db/encryption/lock-control';
import {
  getDataKey,
  getLockState,
  lock,
  setDataKey,
  setEncryptionSetUp,
} from '../../../src/db/encryption/session-key';
import { getPinState, setCoachPin } from '../../../src/db/repositories/coach-pin';
import { getHandover, startHandover } from '../../../src/db/repositories/handover';
import {
  PRELOAD_TIMEOUT,
  findPageHeading,
  preloadPages,
  renderApp,
  resetApp,
  seedYoungPerson,
  toastMessages,
} from './render-app';

// Fewer key-derivation rounds keep this quick (the real figures are checked in
// tests/unit/lib/pin.test.ts and tests/unit/db/encryption/keyring-real-kdf.test.ts).
vi.mock('../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));
vi.mock('../../../src/lib/pin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/lib/pin')>()),
  PIN_ITERATIONS: 1000,
}));

const PASSPHRASE = 'herons along the canal';

describe('A hand-over ended by the passphrase or by wrong PINs (real app)', () => {
  let key: Uint8Array;
  beforeAll(async () => {
    await preloadPages();
    await Promise.all([
      import('../../../src/features/lock/unlock-screen'),
      import('../../../src/app/lock/while-unlocked'),
      import('../../../src/features/young-person-space/my-space-layout'),
      import('../../../src/features/young-person-space/my-space-home'),
    ]);
  }, PRELOAD_TIMEOUT);
  beforeEach(async () => {
    key = new Uint8Array(getDataKey() ?? []);
    lock();
    await resetApp();
    setEncryptionSetUp(false);
    await setUpEncryption(PASSPHRASE);
  });
  afterEach(() => {
    lock();
    setDataKey(key);
  });

  it('locks the app, and the passphrase then ends the hand-over and removes the PIN', async () => {
    const user = userEvent.setup();
    const mia = await seedYoungPerson('Mia');
    await setCoachPin('4826', null);
    await startHandover(mia.id);
    renderApp('/my-space');
    await user.click(await screen.findByRole('button', { name: 'Give back to my coach' }));
    await user.click(screen.getByRole('button', { name: 'Forgot the PIN?' }));
    await user.click(screen.getByRole('button', { name: 'Lock the app' }));

    expect(await findPageHeading('Unlock')).toBeVisible();
    expect(getLockState()).toBe('locked');
    expect(document.body).not.toHaveTextContent('Mia');

    await user.type(screen.getByLabelText('Passphrase'), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    await waitFor(async () => expect(await getHandover()).toBeNull());
    await waitFor(() =>
      expect(toastMessages()).toContain(
        'The hand-over has ended and the PIN was removed. Set a new PIN to hand over.',
      ),
    );
    expect(await getPinState()).toMatchObject({ status: 'not-set' });
    await waitFor(() => expect(screen.queryByText('Give back to my coach')).toBeNull());
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeVisible();
  });

  it('tells the coach, once unlocked, that ten wrong PINs ended the hand-over', async () => {
    const user = userEvent.setup();
    const mia = await seedYoungPerson('Mia');
    await setCoachPin('4826', null);
    await startHandover(mia.id);
    // Nine wrong already, their waits over.
    await getDb().settings.put({
      key: 'pinAttempts',
      value: { failures: 9, waitLeftMs: 0, seenAt: 0, since: 0 },
    });
    renderApp('/my-space');
    await user.click(await screen.findByRole('button', { name: 'Give back to my coach' }));
    await user.type(screen.getByLabelText('Coach PIN'), '1111{Enter}');

    expect(await findPageHeading('Unlock')).toBeVisible();
    await user.type(screen.getByLabelText('Passphrase'), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    await waitFor(() =>
      expect(toastMessages()).toContain(
        'The coach PIN was typed wrong too many times in a row, so the hand-over ended and the app locked. Set a new PIN to hand over.',
      ),
    );
    expect(await getHandover()).toBeNull();
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeVisible();
  });
});
