import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import { getLockState, isAutoLockHeld, lock } from '../../../../src/db/encryption/session-key';
import { unlock, unlockWithRecovery } from '../../../../src/db/encryption/lock-control';
import { SetUpPassphrase } from '../../../../src/features/lock/set-up-passphrase';
import {
  RECOVERY_KEY_FORMAT,
  blobText,
  captureDownloads,
  expectFieldError,
  freshNotSetUp,
} from './lock-test-utils';

// The real 600,000 PBKDF2 iterations take about a second per key in jsdom; the screens do
// not depend on the figure (tests/unit/db/encryption/keyring-real-kdf.test.ts checks it).
vi.mock('../../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

// Lets a test make encrypting the records already on the device fail.
// Lets a test hold it up, to see what shows while it runs.
const encrypting = vi.hoisted(() => ({ fail: false, hold: null as Promise<void> | null }));
vi.mock('../../../../src/db/encryption/reseal', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../src/db/encryption/reseal')>();
  return {
    ...actual,
    sealEveryRecord: async (...args: Parameters<typeof actual.sealEveryRecord>) => {
      await encrypting.hold;
      if (encrypting.fail) throw new Error('The disk is full.');
      return actual.sealEveryRecord(...args);
    },
  };
});

const PASSPHRASE = 'kettle river blue garden';

beforeEach(async () => {
  encrypting.fail = false;
  encrypting.hold = null;
  await freshNotSetUp();
});

async function choosePassphrase(passphrase: string, again = passphrase) {
  const user = userEvent.setup();
  if (passphrase) await user.type(screen.getByLabelText('Passphrase'), passphrase);
  if (again) await user.type(screen.getByLabelText('Type the passphrase again'), again);
  await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
  return user;
}

describe('SetUpPassphrase: choosing the passphrase', () => {
  it('says plainly what the passphrase protects and that there is no other way back', () => {
    render(<SetUpPassphrase reason="Before you add a real young person…" onDone={vi.fn()} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Choose a passphrase' })).toBeVisible();
    expect(screen.getByText('Before you add a real young person…')).toBeVisible();
    expect(screen.getByText(/So the app keeps them encrypted on this device/)).toBeVisible();
    expect(
      screen.getByText(
        'Without your passphrase or your recovery key, nobody can read the records, not even you. There is no other way back in.',
      ),
    ).toBeVisible();
    const box = screen.getByLabelText('Passphrase');
    expect(box).toHaveAttribute('type', 'password');
    expect(box).toHaveAttribute('autocomplete', 'new-password');
    expect(box).toHaveAccessibleDescription(/^At least 10 characters, and not a common password\./);
    expect(screen.getByLabelText('Type the passphrase again')).toHaveAttribute('type', 'password');
  });

  it('refuses a short passphrase and two that differ, by the fields, and sets nothing up', async () => {
    render(<SetUpPassphrase onDone={vi.fn()} />);
    await choosePassphrase('too short', 'too short!');
    expect(await screen.findByRole('alert')).toHaveTextContent('2 things need checking');
    expectFieldError(
      'Passphrase',
      'Use at least 10 characters. A few words you will remember work well.',
    );
    expectFieldError(
      'Type the passphrase again',
      'The two passphrases are different. Type the same passphrase twice.',
    );
    expect(getLockState()).toBe('not-set-up');
    expect(await getDb().settings.get('keyring')).toBeUndefined();
  });

  it('refuses a common password, however long, by the field, and sets nothing up', async () => {
    render(<SetUpPassphrase onDone={vi.fn()} />);
    await choosePassphrase('password123456');
    await waitFor(() =>
      expectFieldError(
        'Passphrase',
        'This passphrase is too easy to guess. This is similar to a commonly used password. Try three or four words that do not usually go together.',
      ),
    );
    expect(getLockState()).toBe('not-set-up');
    expect(await getDb().settings.get('keyring')).toBeUndefined();
  });

  it('says it is encrypting the records while it works', async () => {
    let release: () => void = () => undefined;
    encrypting.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    render(<SetUpPassphrase onDone={vi.fn()} />);
    await choosePassphrase(PASSPHRASE);
    expect(await screen.findByRole('status')).toHaveTextContent('Encrypting the records…');
    expect(screen.getByRole('button', { name: 'Set passphrase' })).toBeDisabled();
    release();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Keep your recovery key safe' }),
    ).toBeVisible();
  });

  it('says so, and keeps the form, when the records cannot be encrypted', async () => {
    encrypting.fail = true;
    render(<SetUpPassphrase onDone={vi.fn()} />);
    await choosePassphrase(PASSPHRASE);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The records on this device could not be encrypted, so nothing was changed and no passphrase was set.',
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Choose a passphrase' })).toBeVisible();
    expect(getLockState()).toBe('not-set-up');
    expect(await getDb().settings.get('keyring')).toBeUndefined();
  });
});

describe('SetUpPassphrase: the recovery key', () => {
  it('shows a working recovery key, which must be kept before Continue', async () => {
    const onDone = vi.fn();
    const downloads = captureDownloads();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { unmount } = render(<SetUpPassphrase onDone={onDone} />);
    expect(isAutoLockHeld()).toBe(false);
    const user = await choosePassphrase(PASSPHRASE);

    const heading = await screen.findByRole('heading', {
      level: 1,
      name: 'Keep your recovery key safe',
    });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(getLockState()).toBe('unlocked');
    // Shown only once, so the app does not lock itself while it is on screen.
    expect(isAutoLockHeld()).toBe(true);
    const key = screen.getByText(RECOVERY_KEY_FORMAT).textContent ?? '';
    expect(screen.getByText(/this key is the only way back in/)).toBeVisible();
    expect(screen.getByText(/Keep it away from this device/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toBeVisible();
    expectFieldError(
      'I have printed or saved the recovery key',
      'Print or save the recovery key, then tick the box to say you have.',
    );
    expect(onDone).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Save as a file' }));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.filename).toMatch(
      /^resilience-coaching-recovery-key-\d{4}-\d{2}-\d{2}\.txt$/,
    );
    const text = await blobText(downloads[0]?.blob);
    expect(text).toContain(key);
    expect(text).toContain('If you forget your passphrase');
    expect(
      screen.getByText(
        'The file is in your downloads. Move it somewhere safe that is not this device.',
      ),
    ).toBeVisible();

    await user.click(
      screen.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }),
    );
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onDone).toHaveBeenCalledTimes(1);
    unmount();
    expect(isAutoLockHeld()).toBe(false);

    // The key shown really opens the records, as does the passphrase.
    lock();
    await expect(unlock(PASSPHRASE)).resolves.toBeUndefined();
    lock();
    const recovered = await unlockWithRecovery(key.toLowerCase(), 'a new passphrase here');
    await recovered.open();
    expect(getLockState()).toBe('unlocked');
  });
});
