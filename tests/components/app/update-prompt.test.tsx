import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { announceWaitingVersion, useAppUpdate } from '../../../src/app/layout/service-worker';
import { UpdatePrompt } from '../../../src/app/layout/update-prompt';

const initial = useAppUpdate.getState();

afterEach(() => useAppUpdate.setState(initial, true));

describe('UpdatePrompt', () => {
  it('renders nothing without a service worker (in development and tests)', () => {
    const { container } = render(<UpdatePrompt />);
    expect(useAppUpdate.getState().active).toBe(false);
    expect(container).toBeEmptyDOMElement();
  });

  it('stays quiet while the service worker has nothing new', () => {
    useAppUpdate.setState({ active: true });
    render(<UpdatePrompt />);
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says an update is available, reloading only when the coach chooses "Reload"', async () => {
    const user = userEvent.setup();
    const reload = vi.fn();
    useAppUpdate.setState({ active: true, reload });
    render(<UpdatePrompt />);

    useAppUpdate.setState({ status: 'waiting' });
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Update available.');
    expect(status).toHaveTextContent('Nothing changes until you reload');
    // Not modal, and focus stays where the coach was.
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(document.activeElement).toBe(document.body);
    expect(reload).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('hides with "Later" until the next new version', async () => {
    const user = userEvent.setup();
    const reload = vi.fn();
    useAppUpdate.setState({ active: true, status: 'waiting', reload });
    render(<UpdatePrompt />);

    await user.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByText(/Update available/)).not.toBeInTheDocument();
    expect(reload).not.toHaveBeenCalled();

    // Another tab took the new version: this tab is told, and asked to reload.
    useAppUpdate.setState({ status: 'updated-elsewhere', postponed: false });
    expect(await screen.findByText(/updated in another tab/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeVisible();
  });

  it('stays hidden after "Later" when the same waiting version is reported again', async () => {
    const user = userEvent.setup();
    useAppUpdate.setState({ active: true });
    render(<UpdatePrompt />);

    act(() => announceWaitingVersion());
    await user.click(await screen.findByRole('button', { name: 'Later' }));
    // workbox-window reports one waiting version as "installed" and then as "waiting".
    act(() => announceWaitingVersion());
    expect(screen.queryByText(/Update available/)).not.toBeInTheDocument();
    expect(useAppUpdate.getState()).toMatchObject({ status: 'waiting', postponed: true });
  });
});
