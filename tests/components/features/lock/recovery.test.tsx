import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import { setUpEncryption } from '../../../../src/db/encryption/lock-control';
import { getLockState, lock } from '../../../../src/db/encryption/session-key';
import { TestGate, expectFieldError, freshNotSetUp, setUnlockAttempts } from './lock-test-utils';

// The real 600,000 PBKDF2 iterations take about a second per key in jsdom; the screens do
// not depend on the figure (tests/unit/db/encryption/keyring-real-kdf.test.ts checks it).
vi.mock('../../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

const PASSPHRASE = 'kettle river blue garden';
const NEW_PASSPHRASE = 'seven quiet foxes at dawn';
let recoveryKey = '';

beforeEach(async () => {
  await freshNotSetUp();
  recoveryKey = await setUpEncryption(PASSPHRASE);
  lock();
});

async function openRecovery() {
  const user = userEvent.setup();
  render(<TestGate />);
  await user.click(screen.getByRole('button', { name: 'Forgotten your passphrase?' }));
  return user;
}

async function recover(
  user: ReturnType<typeof userEvent.setup>,
  key: string,
  passphrase: string,
  again = passphrase,
) {
  if (key) await user.type(screen.getByLabelText('Recovery key'), key);
  if (passphrase) await user.type(screen.getByLabelText('New passphrase'), passphrase);
  if (again) await user.type(screen.getByLabelText('Type the new passphrase again'), again);
  await user.click(screen.getByRole('button', { name: 'Unlock and set the new passphrase' }));
}

describe('UnlockScreen: a forgotten passphrase', () => {
  it('shows the recovery form, with focus on its heading, and goes back', async () => {
    const user = await openRecovery();
    const heading = screen.getByRole('heading', { level: 2, name: 'Use your recovery key' });
    await waitFor(() => expect(heading).toHaveFocus());
    const keyBox = screen.getByLabelText('Recovery key');
    expect(keyBox).toHaveAttribute('autocomplete', 'off');
    expect(keyBox).toHaveAttribute('spellcheck', 'false');
    expect(keyBox).toHaveAccessibleDescription(
      'It looks like ABCD-EFGH-…; capitals, spaces and dashes do not matter.',
    );
    expect(screen.getByLabelText('New passphrase')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Type the new passphrase again')).toHaveAttribute(
      'type',
      'password',
    );

    await user.click(screen.getByRole('button', { name: 'Back to the passphrase' }));
    expect(screen.queryByLabelText('Recovery key')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Unlock' })).toHaveFocus(),
    );
    expect(screen.getByLabelText('Passphrase')).toBeVisible();
  });

  it('says what to fix by each field', async () => {
    const user = await openRecovery();
    await recover(user, '', 'too short', 'different');
    expect(await screen.findByRole('alert')).toHaveTextContent('3 things need checking');
    expectFieldError('Recovery key', 'Enter your recovery key.');
    expectFieldError(
      'New passphrase',
      'Use at least 10 characters. A few words you will remember work well.',
    );
    expectFieldError(
      'Type the new passphrase again',
      'The two passphrases are different. Type the same passphrase twice.',
    );
  });

  it('refuses a common password as the new passphrase, by its field', async () => {
    const user = await openRecovery();
    await recover(user, recoveryKey, 'iloveyou12345');
    await waitFor(() =>
      expectFieldError(
        'New passphrase',
        'This passphrase is too easy to guess. This is similar to a commonly used password. Try three or four words that do not usually go together.',
      ),
    );
    expect(getLockState()).toBe('locked');
  });

  it('spots a mistyped key, and a key from another device', async () => {
    // A well-formed key that belongs to another keyring, made before this one is put back.
    const ownKeyring = await getDb().settings.get('keyring');
    await freshNotSetUp();
    const otherKey = await setUpEncryption('another device passphrase');
    lock();
    if (ownKeyring) await getDb().settings.put(ownKeyring);

    const user = await openRecovery();
    // One character changed: the check characters catch it.
    const mistyped = `${recoveryKey.charAt(0) === 'A' ? 'B' : 'A'}${recoveryKey.slice(1)}`;
    await recover(user, mistyped, NEW_PASSPHRASE);
    await waitFor(() =>
      expectFieldError(
        'Recovery key',
        'That recovery key has a typing mistake. Check each group of 4 against your copy.',
      ),
    );

    const keyBox = screen.getByLabelText('Recovery key');
    await user.clear(keyBox);
    await user.type(keyBox, otherKey);
    await user.click(screen.getByRole('button', { name: 'Unlock and set the new passphrase' }));
    await waitFor(() =>
      expectFieldError(
        'Recovery key',
        'That recovery key does not open the records on this device.',
      ),
    );
    expect(getLockState()).toBe('locked');
  });

  it('unlocks with the recovery key, however it is typed, and the new passphrase then works', async () => {
    await setUnlockAttempts(5, new Date(Date.now() + 60_000));
    const user = await openRecovery();
    const typed = recoveryKey.toLowerCase().replaceAll('-', ' ');
    await recover(user, typed, NEW_PASSPHRASE);

    // A new recovery key, shown once (the one typed stops working), kept before going on.
    const heading = await screen.findByRole('heading', {
      level: 1,
      name: 'Keep your new recovery key safe',
    });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(getLockState()).toBe('locked');
    expect(screen.getByText(/The recovery key you just used no longer works/)).toBeVisible();
    const newKey = screen.getByText(/^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$/).textContent ?? '';
    expect(newKey).not.toBe(recoveryKey);
    await user.click(
      screen.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }),
    );
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
    expect(getLockState()).toBe('unlocked');

    // Locked again: the old passphrase no longer opens the records, the new one does, and the
    // wait from the wrong tries is gone.
    lock();
    const passphraseBox = await screen.findByLabelText('Passphrase');
    await user.type(passphraseBox, PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expectFieldError('Passphrase', 'That passphrase is not right.'));
    await user.clear(passphraseBox);
    await user.type(passphraseBox, NEW_PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();

    // The old recovery key no longer opens the records; the new one does.
    lock();
    await user.click(await screen.findByRole('button', { name: 'Forgotten your passphrase?' }));
    await recover(user, recoveryKey, NEW_PASSPHRASE);
    await waitFor(() =>
      expectFieldError(
        'Recovery key',
        'That recovery key does not open the records on this device.',
      ),
    );
    await user.clear(screen.getByLabelText('Recovery key'));
    await user.clear(screen.getByLabelText('New passphrase'));
    await user.clear(screen.getByLabelText('Type the new passphrase again'));
    await recover(user, newKey, NEW_PASSPHRASE);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Keep your new recovery key safe' }),
    ).toBeVisible();
  });
});
