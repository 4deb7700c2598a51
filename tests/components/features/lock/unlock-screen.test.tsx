import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setUpEncryption } from '../../../../src/db/encryption/lock-control';
import { getLockState, lock } from '../../../../src/db/encryption/session-key';
import { UnlockScreen } from '../../../../src/features/lock/unlock-screen';
import { TestGate, expectFieldError, freshNotSetUp, setUnlockAttempts } from './lock-test-utils';

// The real 600,000 PBKDF2 iterations take about a second per key in jsdom; the screens do
// not depend on the figure (tests/unit/db/encryption/keyring-real-kdf.test.ts checks it).
vi.mock('../../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

const PASSPHRASE = 'kettle river blue garden';

beforeEach(async () => {
  await freshNotSetUp();
  await setUpEncryption(PASSPHRASE);
  lock();
});

afterEach(() => {
  vi.useRealTimers();
});

async function tryPassphrase(passphrase: string) {
  const user = userEvent.setup();
  const box = screen.getByLabelText('Passphrase');
  await user.clear(box);
  await user.type(box, passphrase);
  await user.click(screen.getByRole('button', { name: 'Unlock' }));
  return user;
}

describe('UnlockScreen', () => {
  it('is a page of its own: the app name, Unlock, the passphrase box and the footer', async () => {
    render(<UnlockScreen />);
    expect(screen.getByRole('main')).toBeVisible();
    expect(screen.getByText('Resilience Coaching')).toBeVisible();
    expect(screen.getByRole('heading', { level: 1, name: 'Unlock' })).toBeVisible();
    expect(screen.getByText('Enter your passphrase to open the records.')).toBeVisible();
    expect(screen.getByRole('contentinfo')).toHaveTextContent(
      'Everything you record stays on this device.',
    );
    const box = screen.getByLabelText('Passphrase');
    expect(box).toHaveAttribute('type', 'password');
    expect(box).toHaveAttribute('autocomplete', 'current-password');
    await waitFor(() => expect(box).toHaveFocus());
    expect(document.title).toBe('Unlock - Resilience Coaching');
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('says a wrong passphrase is not right, by the box, and opens with the right one', async () => {
    render(<TestGate />);
    await tryPassphrase('kettle river blue gardens');
    expect(await screen.findByRole('alert')).toHaveTextContent('That passphrase is not right.');
    expectFieldError('Passphrase', 'That passphrase is not right.');
    expect(getLockState()).toBe('locked');

    await tryPassphrase(PASSPHRASE);
    expect(await screen.findByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
    expect(getLockState()).toBe('unlocked');
  });

  it('makes the coach wait after the fifth wrong passphrase in a row', async () => {
    await setUnlockAttempts(4, null);
    render(<UnlockScreen />);
    await tryPassphrase('not the passphrase');
    await waitFor(() =>
      expectFieldError(
        'Passphrase',
        'That passphrase is not right. Wait 30 seconds before you try again.',
      ),
    );
    expect(screen.getByText('Too many wrong tries. Try again in 30 seconds.')).toBeVisible();
    const button = screen.getByRole('button', { name: 'Unlock' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('Too many wrong tries. Try again in 30 seconds.');
  });

  it('shows a wait already running, counts it down, and says when to try again', async () => {
    // The clock and the once-a-second tick stand still until the test moves them (timeouts stay
    // real, for the database), so a slow machine cannot eat a second.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    await setUnlockAttempts(5, new Date(Date.now() + 2500));
    render(<UnlockScreen />);
    expect(await screen.findByText('Too many wrong tries. Try again in 3 seconds.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
    act(() => vi.advanceTimersByTime(1000));
    expect(await screen.findByText('Too many wrong tries. Try again in 2 seconds.')).toBeVisible();
    act(() => vi.advanceTimersByTime(2000)); // the tick at 3 s finds the wait over
    expect(await screen.findByText('You can try your passphrase again now.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeEnabled();
    expect(screen.queryByText(/Too many wrong tries/)).not.toBeInTheDocument();
  });

  it('refuses while a wait runs, even if the form is sent with the button paused', async () => {
    await setUnlockAttempts(5, new Date(Date.now() + 60_000));
    render(<TestGate />);
    expect(await screen.findByText('Too many wrong tries. Try again in 60 seconds.')).toBeVisible();
    const user = userEvent.setup();
    const box = screen.getByLabelText('Passphrase');
    await user.type(box, PASSPHRASE);
    const form = box.closest('form');
    if (!form) throw new Error('No form');
    fireEvent.submit(form);
    await waitFor(() =>
      expectFieldError('Passphrase', 'Too many wrong tries. Try again in 60 seconds.'),
    );
    expect(getLockState()).toBe('locked');
    expect(screen.queryByRole('heading', { name: 'Caseload' })).not.toBeInTheDocument();
  });
});
