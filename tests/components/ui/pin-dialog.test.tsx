import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PinDialog } from '../../../src/components/ui/pin-dialog';
import type { PinCheckResult } from '../../../src/lib/pin';

function setup(results: (PinCheckResult | Error)[], props: { description?: string } = {}) {
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
      { ok: false, reason: 'wrong', triesLeft: 3 },
      { ok: false, reason: 'wrong', triesLeft: 1 },
    ]);
    await user.type(input, '1111');
    await user.click(submit);

    await expectPinError(input, 'That PIN is not right. 3 tries left.');
    expect(input).toHaveValue('');
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/That PIN is not right\. 3 tries left\.$/);
    expect(screen.getByRole('status')).toHaveTextContent('That PIN is not right. 3 tries left.');
    expect(dialog).not.toHaveTextContent('1111');

    await user.type(input, '2222{Enter}');
    await expectPinError(input, 'That PIN is not right. 1 try left.');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('asks for the PIN when the box is empty, without using up a try', async () => {
    const user = userEvent.setup();
    const { check, input, submit } = setup([]);
    await user.click(submit);
    await expectPinError(input, 'Type the PIN.');
    expect(check).not.toHaveBeenCalled();
  });

  it('counts down a lock second by second, then clears the message', async () => {
    // The clock and the once-a-second tick stand still until the test moves them (timeouts stay
    // real, for the user events and the database), so a slow machine cannot eat a second.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const user = userEvent.setup();
    const lockedUntil = new Date(Date.now() + 54_000).toISOString();
    const { dialog, input } = setup([{ ok: false, reason: 'locked', lockedUntil }]);

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
