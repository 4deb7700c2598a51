import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Toaster } from '../../../src/app/layout/toaster';
import { showToast, TOAST_MS, useToastStore } from '../../../src/stores/toast-store';

describe('Toasts', () => {
  describe('in the app (they go by themselves)', () => {
    beforeEach(() => {
      vi.useFakeTimers();
      // tests/setup-dom.ts keeps toasts for other tests; here they behave as in the app.
      useToastStore.setState({ durationMs: TOAST_MS });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('shows a confirmation politely and takes it away after six seconds', () => {
      render(<Toaster />);
      act(() => showToast('Session saved'));

      expect(screen.getByRole('status')).toHaveTextContent('Session saved');
      act(() => vi.advanceTimersByTime(TOAST_MS - 1));
      expect(screen.getByRole('status')).toHaveTextContent('Session saved');
      act(() => vi.advanceTimersByTime(1));
      expect(screen.getByRole('status')).not.toHaveTextContent('Session saved');
    });

    it('keeps at most three at once, the newest last', () => {
      render(<Toaster />);
      act(() => {
        for (const n of [1, 2, 3, 4]) showToast(`Saved ${n}`);
      });
      const items = screen.getAllByRole('listitem').map((li) => li.textContent);
      expect(items).toEqual(['Saved 2×', 'Saved 3×', 'Saved 4×']);
    });
  });

  it('can be dismissed at once with its own labelled button', async () => {
    const user = userEvent.setup();
    render(<Toaster />);
    act(() => showToast('Goal saved'));

    await user.click(screen.getByRole('button', { name: 'Dismiss: Goal saved' }));

    expect(screen.getByRole('status')).not.toHaveTextContent('Goal saved');
  });
});
