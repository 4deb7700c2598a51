import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import {
  WrongPassphraseError,
  WrongRecoveryKeyError,
  getAutoLockMinutes,
  setUpEncryption,
  unlock,
  unlockWithRecovery,
} from '../../../../src/db/encryption/lock-control';
import { getLockState, lock } from '../../../../src/db/encryption/session-key';
import { getUnlockLimitHours } from '../../../../src/db/encryption/unlock-limit';
import { NewRecoveryKey } from '../../../../src/features/lock/new-recovery-key';
import { SetUpPassphrase } from '../../../../src/features/lock/set-up-passphrase';
import { getDb } from '../../../../src/db/database';
import { LockSection } from '../../../../src/features/settings/lock-section';
import { SettingsPage } from '../../../../src/features/settings/settings-page';
import { EraseYoungPersonDialog } from '../../../../src/features/young-people/erase-young-person-dialog';
import {
  RECOVERY_KEY_FORMAT,
  expectFieldError,
  freshNotSetUp,
  toastMessages,
} from '../lock/lock-test-utils';

// The real 600,000 PBKDF2 iterations take about a second per key in jsdom; the screens do
// not depend on the figure (tests/unit/db/encryption/keyring-real-kdf.test.ts checks it).
vi.mock('../../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

const PASSPHRASE = 'kettle river blue garden';
const NEW_PASSPHRASE = 'seven quiet foxes at dawn';

const renderSetUp = (onDone: () => void) => <SetUpPassphrase headingLevel={3} onDone={onDone} />;
const renderNewRecoveryKey = (args: { recoveryKey: string; intro: string; onDone: () => void }) => (
  <NewRecoveryKey {...args} />
);

beforeEach(freshNotSetUp);

describe('LockSection before a passphrase is chosen', () => {
  it('says only demo data can be kept, and sets up the passphrase in place', async () => {
    const user = userEvent.setup();
    render(<LockSection renderSetUp={renderSetUp} />);
    const section = screen.getByRole('region', { name: 'Passphrase and lock' });
    expect(section).toHaveTextContent('No passphrase yet: only demo data can be kept.');

    await user.click(within(section).getByRole('button', { name: 'Choose a passphrase' }));
    const heading = screen.getByRole('heading', { level: 3, name: 'Choose a passphrase' });
    await waitFor(() => expect(heading).toHaveFocus());
    await user.type(screen.getByLabelText('Passphrase'), PASSPHRASE);
    await user.type(screen.getByLabelText('Type the passphrase again'), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));

    // Unlocked now, but the recovery key stays on screen until the coach has kept it.
    expect(
      await screen.findByRole('heading', { name: 'Keep your recovery key safe' }),
    ).toBeVisible();
    expect(getLockState()).toBe('unlocked');
    expect(screen.getByText(RECOVERY_KEY_FORMAT)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Lock now' })).not.toBeInTheDocument();
    await user.click(
      screen.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }),
    );
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('button', { name: 'Lock now' })).toBeVisible();
    expect(screen.queryByText(RECOVERY_KEY_FORMAT)).not.toBeInTheDocument();
  });

  it('offers no button when the page was not given the set-up form', () => {
    render(<LockSection />);
    expect(screen.getByText('No passphrase yet: only demo data can be kept.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Choose a passphrase' })).not.toBeInTheDocument();
  });

  it('is near the top of the Settings page, which passes the set-up form on', async () => {
    const router = createMemoryRouter(
      [
        {
          path: '/settings',
          element: (
            <SettingsPage
              renderSetUp={renderSetUp}
              renderEraseDialog={(args) => <EraseYoungPersonDialog {...args} />}
            />
          ),
        },
      ],
      { initialEntries: ['/settings'] },
    );
    render(<RouterProvider router={router} />);
    const regions = await screen.findAllByRole('region');
    expect(regions[0]).toHaveAccessibleName('Passphrase and lock');
    expect(screen.getByRole('button', { name: 'Choose a passphrase' })).toBeVisible();
  });
});

describe('LockSection while unlocked', () => {
  let recoveryKey = '';
  beforeEach(async () => {
    recoveryKey = await setUpEncryption(PASSPHRASE);
  });

  it('locks now', async () => {
    const user = userEvent.setup();
    render(<LockSection />);
    await user.click(screen.getByRole('button', { name: 'Lock now' }));
    await waitFor(() => expect(getLockState()).toBe('locked'));
  });

  it('keeps the auto-lock time from 1 to 60 minutes, 5 unless changed', async () => {
    const user = userEvent.setup();
    const changed = vi.fn();
    window.addEventListener('autolockchange', changed);
    render(<LockSection />);
    const label = 'Lock after this many minutes without use';
    const box = await screen.findByLabelText(label);
    expect(box).toHaveValue(5);
    const save = screen.getByRole('button', { name: 'Save auto-lock' });

    for (const refused of ['0', '61']) {
      await user.clear(box);
      await user.type(box, refused);
      await user.click(save);
      await waitFor(() => expectFieldError(label, 'Choose from 1 to 60 minutes.'));
    }
    expect(await getAutoLockMinutes()).toBe(5);
    expect(changed).not.toHaveBeenCalled();

    await user.clear(box);
    await user.type(box, '12');
    await user.click(save);
    await waitFor(() => expect(toastMessages()).toEqual(['Auto-lock saved']));
    expect(box).not.toHaveAttribute('aria-invalid');
    expect(await getAutoLockMinutes()).toBe(12);
    expect(changed).toHaveBeenCalledTimes(1);
    window.removeEventListener('autolockchange', changed);
  });

  it('keeps the time limit from 1 to 24 hours, 8 unless changed, next to the auto-lock', async () => {
    const user = userEvent.setup();
    const changed = vi.fn();
    window.addEventListener('unlocklimitchange', changed);
    render(<LockSection />);
    const label = 'Lock after this many hours, even in use';
    const box = await screen.findByLabelText(label);
    expect(box).toHaveValue(8);
    expect(box).toHaveAccessibleDescription(/A whole number from 1 to 24\./);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings.indexOf('Time limit')).toBe(headings.indexOf('Auto-lock') + 1);
    const save = screen.getByRole('button', { name: 'Save time limit' });

    for (const refused of ['0', '25', '2.5']) {
      await user.clear(box);
      await user.type(box, refused);
      await user.click(save);
      await waitFor(() => expect(box).toHaveAttribute('aria-invalid', 'true'));
    }
    expect(await getUnlockLimitHours()).toBe(8);
    expect(changed).not.toHaveBeenCalled();

    await user.clear(box);
    await user.type(box, '12');
    await user.click(save);
    await waitFor(() => expect(toastMessages()).toEqual(['Time limit saved']));
    expect(await getUnlockLimitHours()).toBe(12);
    expect(changed).toHaveBeenCalledTimes(1);
    window.removeEventListener('unlocklimitchange', changed);
  });

  it('changes the passphrase: the old one then fails, the new one and the recovery key work', async () => {
    const user = userEvent.setup();
    render(<LockSection />);
    const fill = async (current: string, next: string, again: string) => {
      for (const [label, value] of [
        ['Current passphrase', current],
        ['New passphrase', next],
        ['Type the new passphrase again', again],
      ] as const) {
        await user.clear(screen.getByLabelText(label));
        if (value) await user.type(screen.getByLabelText(label), value);
      }
      await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    };
    expect(screen.getByText(/Your recovery key keeps working/)).toBeVisible();

    await fill(PASSPHRASE, NEW_PASSPHRASE, 'seven quiet foxes at dusk');
    await waitFor(() =>
      expectFieldError(
        'Type the new passphrase again',
        'The two passphrases are different. Type the same passphrase twice.',
      ),
    );
    // A common password is refused by the field, before the current passphrase is tried.
    await fill(PASSPHRASE, 'Password12345', 'Password12345');
    await waitFor(() =>
      expectFieldError(
        'New passphrase',
        'This passphrase is too easy to guess. This is similar to a commonly used password. Try three or four words that do not usually go together.',
      ),
    );
    await fill('not my passphrase', NEW_PASSPHRASE, NEW_PASSPHRASE);
    await waitFor(() => expectFieldError('Current passphrase', 'That passphrase is not right.'));

    await fill(PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE);
    await waitFor(() => expect(toastMessages()).toEqual(['Passphrase changed']));
    for (const label of ['Current passphrase', 'New passphrase', 'Type the new passphrase again']) {
      expect(screen.getByLabelText(label)).toHaveValue('');
    }

    lock();
    await expect(unlock(PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlock(NEW_PASSPHRASE)).resolves.toBeUndefined();
    lock();
    await (await unlockWithRecovery(recoveryKey, 'a third passphrase')).open();
    expect(getLockState()).toBe('unlocked');
  });

  it('makes a new recovery key, shown once; the old one stops working at once', async () => {
    const user = userEvent.setup();
    render(<LockSection renderNewRecoveryKey={renderNewRecoveryKey} />);
    const form = screen.getByRole('form', { name: 'Renew keys' });
    await user.click(within(form).getByRole('button', { name: 'Make a new recovery key' }));
    await waitFor(() => expectFieldError('Your passphrase', 'Enter your current passphrase.'));
    await user.type(within(form).getByLabelText('Your passphrase'), 'not my passphrase');
    await user.click(within(form).getByRole('button', { name: 'Make a new recovery key' }));
    await waitFor(() => expectFieldError('Your passphrase', 'That passphrase is not right.'));

    await user.clear(within(form).getByLabelText('Your passphrase'));
    await user.type(within(form).getByLabelText('Your passphrase'), PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Make a new recovery key' }));
    const heading = await screen.findByRole('heading', { name: 'Keep your new recovery key safe' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText(/The old one stopped working/)).toBeVisible();
    const newKey = screen.getByText(RECOVERY_KEY_FORMAT).textContent ?? '';
    expect(newKey).not.toBe(recoveryKey);
    await user.click(
      screen.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }),
    );
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(toastMessages()).toEqual(['New recovery key made']));

    lock();
    await expect(unlockWithRecovery(recoveryKey, 'a third passphrase')).rejects.toBeInstanceOf(
      WrongRecoveryKeyError,
    );
    await (await unlockWithRecovery(newKey, 'a third passphrase')).open();
    expect(getLockState()).toBe('unlocked');
  });

  it('changes the data key: the records open as before, with a new recovery key', async () => {
    await getDb().settings.put({ key: 'retentionMonths', value: 12 });
    const user = userEvent.setup();
    render(<LockSection renderNewRecoveryKey={renderNewRecoveryKey} />);
    const form = screen.getByRole('form', { name: 'Renew keys' });
    await user.type(within(form).getByLabelText('Your passphrase'), PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Change the data key' }));
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Keep your new recovery key safe' },
        { timeout: 15_000 },
      ),
    ).toBeVisible();
    expect(screen.getByText(/The records are now encrypted with a new key/)).toBeVisible();
    const newKey = screen.getByText(RECOVERY_KEY_FORMAT).textContent ?? '';
    lock();
    await expect(unlockWithRecovery(recoveryKey, 'a third passphrase')).rejects.toBeInstanceOf(
      WrongRecoveryKeyError,
    );
    await unlock(PASSPHRASE);
    lock();
    await (await unlockWithRecovery(newKey, 'a third passphrase')).open();
    expect(getLockState()).toBe('unlocked');
  }, 30_000);
});
