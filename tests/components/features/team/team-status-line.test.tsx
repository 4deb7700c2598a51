import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TeamStatusLine } from '../../../../src/features/team/team-status-line';
import { CONNECTION, FakeSession, FakeSource } from './fake-team';

const NOW = new Date('2026-12-07T10:00:00Z');
const now = () => NOW;

function renderLine() {
  const source = new FakeSource();
  const session = new FakeSession();
  const view = render(<TeamStatusLine source={source} now={now} />);
  return { source, session, view };
}

describe('the team status line', () => {
  it('shows nothing on a device that works alone', () => {
    const { view } = renderLine();
    expect(view.container).toBeEmptyDOMElement();
  });

  it('says how the sync stands, as it changes, in a polite live region', () => {
    const { source, session } = renderLine();
    act(() => source.setState({ phase: 'starting', connection: CONNECTION }));
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('Connecting to the service…');

    act(() => source.run(session));
    expect(region).toHaveTextContent('Saving to the service…');

    act(() => session.set({ state: 'saved', lastSavedAt: new Date(NOW.getTime() - 2 * 60_000) }));
    expect(region).toHaveTextContent('All changes saved to the service, 2 minutes ago');

    act(() => session.set({ state: 'offline', waiting: 14 }));
    expect(region).toHaveTextContent('Offline: 14 changes waiting');
    act(() => session.set({ state: 'offline', waiting: 1 }));
    expect(region).toHaveTextContent('Offline: 1 change waiting');
    expect(region).not.toHaveTextContent('changes');

    const problem =
      'The team server did not accept this user name and password. Your changes are kept on this device. If the service gave you a new password, enter it in Settings, Team.';
    act(() => session.set({ state: 'error', problem }));
    expect(region).toHaveTextContent(problem);
  });

  it('says why a stored connection cannot be used', () => {
    const { source } = renderLine();
    const message = 'This device’s keys for the service could not be opened.';
    act(() => source.setState({ phase: 'failed', connection: CONNECTION, message }));
    expect(screen.getByRole('status')).toHaveTextContent(message);
  });

  it('is gone once the device is disconnected', () => {
    const { source, session, view } = renderLine();
    act(() => source.run(session));
    expect(screen.getByRole('status')).toBeInTheDocument();
    act(() => source.setState({ phase: 'alone' }));
    expect(view.container).toBeEmptyDOMElement();
  });
});
