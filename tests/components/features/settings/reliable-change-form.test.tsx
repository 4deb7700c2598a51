import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import {
  getReliableChangeThreshold,
  setReliableChangeThreshold,
} from '../../../../src/db/repositories/settings';
import { ReliableChangeForm } from '../../../../src/features/settings/reliable-change-form';
import { useToastStore } from '../../../../src/stores/toast-store';

const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
});

describe('ReliableChangeForm', () => {
  it('shows the threshold, 3 by default, in a labelled section', async () => {
    render(<ReliableChangeForm />);
    expect(await screen.findByText('Now: 3 points.')).toBeVisible();
    expect(screen.getByRole('region', { name: 'Reliable change' })).toBeVisible();
    expect(screen.getByLabelText('Reliable change threshold, in points')).toHaveValue('3');
  });

  it('saves a decimal threshold', async () => {
    const user = userEvent.setup();
    render(<ReliableChangeForm />);
    const box = await screen.findByLabelText('Reliable change threshold, in points');
    await user.clear(box);
    await user.type(box, '2.45');
    await user.click(screen.getByRole('button', { name: 'Save threshold' }));

    expect(await screen.findByText('Now: 2.45 points.')).toBeVisible();
    expect(await getReliableChangeThreshold()).toBe(2.45);
    expect(toastMessages()).toEqual(['Reliable change threshold saved']);
  });

  it('refuses a threshold outside 1 to 10, by the field, and keeps the old one', async () => {
    await setReliableChangeThreshold(4);
    const user = userEvent.setup();
    render(<ReliableChangeForm />);
    const box = await screen.findByLabelText('Reliable change threshold, in points');
    await waitFor(() => expect(box).toHaveValue('4'));
    for (const typed of ['12', 'three', ' ']) {
      await user.clear(box);
      await user.type(box, typed);
      await user.click(screen.getByRole('button', { name: 'Save threshold' }));
      await waitFor(() =>
        expect(box).toHaveAccessibleDescription(
          /Error:\s*Enter a number from 1 to 10, such as 3 or 2\.45\./,
        ),
      );
    }
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Reliable change threshold: Enter a number from 1 to 10, such as 3 or 2.45.',
    );
    expect(await getReliableChangeThreshold()).toBe(4);
    expect(toastMessages()).toEqual([]);
  });
});
