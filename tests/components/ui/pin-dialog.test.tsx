import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PinDialog } from '../../../src/components/ui/pin-dialog';
import type { PinCheckResult } from '../../../src/lib/pin';

interface SetupProps {
  description?: string;
  countWait?: () => Promise<{ waitMs: number; triesLeft: number }>;
  forgotten?: { label: string; onClick: () => void };
}

function setup(results: (PinCheckResult | Error)[], props: SetupProps = {}) {
  const queue = [...results];
  const check = vi.fn(async (_pin: string): Promise<PinCheckResult> => {
    const next = queue.shift();
    if (!next) throw new Error('No more results queued');
    if (next instanceof Error) throw next;
    return next;
  });
  const onSuccess = vi.fn();
  const onCancel = vi.fn();
  render(
    <PinDialog
      title="Give back to my coach"
      description={props.description}
      countWait={props.countWait}
      forgotten={props.forgotten}
      check={check}
      onSuccess={onSuccess}
      onCancel={onCancel}
    />,
  );
  const dialog = screen.getByRole('dialog', { name: 'Give back to my coach' });
  const input = within(dialog).getByLabelText('Coach PIN');
  const submit = within(dialog).getByRole('button', { name: 'Continue' });
  return { check, onSuccess, onCancel, dialog, input, submit };
}

/** The fake timers move performance.now() too: the dialog counts waits by it. The clock stands
 * still until a test moves it (timeouts stay real, for user events and waits on the page), so a slow machine
 * cannot eat a second. */
const FAKED = ['setInterval', 'clearInterval', 'Date', 'performance'] as const;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The PIN box's own error message: shown by the box and named by its aria-describedby. */
async function expectPinError(input: HTMLElement, text: string) {
  await waitFor(() =>
    expect(input).toHaveAccessibleDescription(new RegExp(`^Error:\\s*${escape(text)}$`)),
  );
  const errorId = input.getAttribute('aria-describedby') ?? '';
  expect(document.getElementById(errorId)).toBeVisible();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PinDialog', () => {
  it('is a labelled modal dialog whose PIN box is masked, numeric, not remembered, and focused', () => {
    const { dialog, input } = setup([], { description: 'Your coach types their PIN here.' });
    expect(dialog).toHaveAttribute('open');
    expect(dialog).toHaveAccessibleDescription('Your coach types their PIN here.');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('autocomplete', 'off');
    expect(input).toHaveFocus();
  });

  it('calls onSuccess after a right PIN, passing the typed digits to check', async () => {
    const user = userEvent.setup();
    const { check, onSuccess, input } = setup([{ ok: true }]);
    await user.type(input, '4826{Enter}');
    expect(check).toHaveBeenCalledExactlyOnceWith('4826');
    expect(onSuccess).toHaveBeenCalledOnce();
  });

  it('says how many tries are left after a wrong PIN, clears the box and never shows the PIN', async () => {
    const user = userEvent.setup();
    const { onSuccess, dialog, input, submit } = setup([
      { ok: false, reason: 'wrong', triesLeft: 3, waitMs: 0 },
      { ok: false, reason: 'wrong', triesLeft: 1, waitMs: 0 },
    ]);
    await user.type(input, '1111');
    await user.click(submit);

    const three = 'That PIN is not right. 3 tries left before the app locks.';
    await expectPinError(input, three);
    expect(input).toHaveValue('');
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('status')).toHaveTextContent(three);
    expect(dialog).not.toHaveTextContent('1111');

    await user.type(input, '2222{Enter}');
    await expectPinError(input, 'That PIN is not right. 1 try left before the app locks.');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('asks for the PIN when the box is empty, without using up a try', async () => {
    const user = userEvent.setup();
    const { check, input, submit } = setup([]);
    await user.click(submit);
    await expectPinError(input, 'Type the PIN.');
    expect(check).not.toHaveBeenCalled();
  });

  it('counts down a wait second by second by the monotonic clock, then clears the message', async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    const user = userEvent.setup();
    const { dialog, input } = setup([
      { ok: false, reason: 'waiting', triesLeft: 6, waitMs: 54_000 },
    ]);

    await user.type(input, '1111{Enter}');
    await expectPinError(input, 'Too many wrong tries. Try again in 54 seconds.');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Too many wrong tries. Try again in 54 seconds.',
    );

    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    expect(
      within(dialog).getByText('Too many wrong tries. Try again in 44 seconds.'),
    ).toBeVisible();

    await act(async () => {
      await vi.advanceTimersByTimeAsync(43_000);
    });
    await expectPinError(input, 'Too many wrong tries. Try again in 1 second.');

    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_500);
    });
    expect(input).not.toHaveAccessibleDescription(/Too many wrong tries/);
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(dialog.querySelector('.field__error')).toBeNull();
  });

  it('says the wait a wrong PIN brought, and keeps the tries left once it is over', async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    const user = userEvent.setup();
    const { input } = setup([{ ok: false, reason: 'wrong', triesLeft: 6, waitMs: 60_000 }]);

    await user.type(input, '1111{Enter}');
    await expectPinError(
      input,
      'That PIN is not right. 6 tries left before the app locks. Wait 60 seconds before the next try.',
    );
    await act(async () => {
      await vi.advanceTimersByTimeAsync(61_000);
    });
    await expectPinError(input, 'That PIN is not right. 6 tries left before the app locks.');
  });

  it('shows a wait already running as it opens, and stores its progress while it shows', async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    let left = 5 * 60_000;
    const countWait = vi.fn(async () => ({ waitMs: left, triesLeft: 5 }));
    const { input } = setup([], { countWait });

    await expectPinError(input, 'Too many wrong tries. Try again in 5 minutes.');
    expect(screen.getByRole('status')).toHaveTextContent('Try again in 5 minutes.');
    expect(countWait).toHaveBeenCalledOnce();

    left = 2 * 60_000; // what the database counted, from another tab say
    await act(async () => {
      await vi.advanceTimersByTimeAsync(15_000);
    });
    expect(countWait).toHaveBeenCalledTimes(2);
    await expectPinError(input, 'Too many wrong tries. Try again in 2 minutes.');
  });

  it('offers another way out when given one', async () => {
    const user = userEvent.setup();
    const onClick = vi.fn();
    const { dialog } = setup([], { forgotten: { label: 'Forgot the PIN?', onClick } });
    await user.click(within(dialog).getByRole('button', { name: 'Forgot the PIN?' }));
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('says when no PIN is set, and when checking fails', async () => {
    const user = userEvent.setup();
    const { input } = setup([{ ok: false, reason: 'not-set' }, new Error('disk full')]);
    await user.type(input, '1234{Enter}');
    await expectPinError(input, 'There is no coach PIN yet. The coach can set one in Settings.');
    await user.type(input, '1234{Enter}');
    await expectPinError(input, 'Something went wrong. Please try again.');
  });

  it('cancels with the Cancel button and with Escape', async () => {
    const user = userEvent.setup();
    const { check, onCancel, dialog } = setup([]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();

    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(check).not.toHaveBeenCalled();
  });
});
