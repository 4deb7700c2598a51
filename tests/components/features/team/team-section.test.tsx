import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import type { YoungPerson } from '../../../../src/domain/schemas';
import { TeamSection } from '../../../../src/features/team/team-section';
import { CONNECTION, FakeSession, FakeSource } from './fake-team';

const NOW = new Date('2026-12-07T10:00:00Z');
const now = () => NOW;

const onDevice: YoungPerson = {
  id: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  name: 'Mia Thornbury',
  dateOfBirth: '2013-04-12',
  school: 'Hillside Academy',
  programme: null,
  referralDate: '2026-09-01',
  status: 'open',
  closedOn: null,
  closureReason: null,
  createdAt: '2026-09-01T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:00.000Z',
};
const other: YoungPerson = {
  ...onDevice,
  name: 'Mia Thornbury-Hale',
  school: 'Bayside School',
  updatedAt: '2026-12-01T15:00:00.000Z',
};

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
});

function renderSection(renderJoin?: () => React.ReactNode) {
  const source = new FakeSource();
  const session = new FakeSession();
  render(<TeamSection source={source} now={now} renderJoin={renderJoin} />);
  return { source, session };
}

describe('Settings > Team', () => {
  it('on a device that works alone, says so and shows the join form it is given', () => {
    renderSection(() => <p>Join form here</p>);
    const section = screen.getByRole('region', { name: 'Team' });
    expect(section).toHaveTextContent('This device works alone');
    expect(within(section).getByText('Join form here')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Disconnect this device' })).toBeNull();
  });

  it('shows the connection and its status, and disconnects after a confirmation', async () => {
    const { source, session } = renderSection();
    act(() => source.run(session));
    act(() => session.set({ state: 'offline', waiting: 3 }));
    const section = screen.getByRole('region', { name: 'Team' });
    expect(section).toHaveTextContent('Server/couchdb');
    expect(section).toHaveTextContent('User namecoach-amber');
    expect(section).toHaveTextContent(`Caseload${CONNECTION.caseloadDatabase}`);
    expect(section).toHaveTextContent('Status: Offline: 3 changes waiting');
    expect(
      await within(section).findByText(/No records were changed on two devices/),
    ).toBeVisible();

    const user = userEvent.setup();
    await user.click(within(section).getByRole('button', { name: 'Disconnect this device' }));
    const dialog = screen.getByRole('alertdialog', {
      name: 'Disconnect this device from the service?',
    });
    expect(dialog).toHaveTextContent('Every record stays on this device');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(source.disconnect).not.toHaveBeenCalled();

    await user.click(within(section).getByRole('button', { name: 'Disconnect this device' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Disconnect' }),
    );
    expect(source.disconnect).toHaveBeenCalledTimes(1);
    expect(await within(section).findByText(/This device works alone/)).toBeVisible();
  });

  it('keeps a new password the service gave, checked first, and says so', async () => {
    const { source, session } = renderSection();
    act(() => source.run(session));
    const section = screen.getByRole('region', { name: 'Team' });
    const user = userEvent.setup();
    await user.click(
      within(section).getByRole('button', { name: 'The service gave you a new password?' }),
    );
    const form = within(section).getByRole('form', { name: 'New password for the service' });
    await user.click(within(form).getByRole('button', { name: 'Use this password' }));
    expect(within(form).getByLabelText('New password for the service')).toHaveAccessibleDescription(
      /Enter the new password the service gave you\./,
    );
    expect(source.changePassword).not.toHaveBeenCalled();
    await user.type(
      within(form).getByLabelText('New password for the service'),
      'new horse battery',
    );
    await user.click(within(form).getByRole('button', { name: 'Use this password' }));
    expect(source.changePassword).toHaveBeenCalledWith('new horse battery');
    expect(
      await within(section).findByText(
        'The new password is kept on this device, and syncing goes on.',
      ),
    ).toBeVisible();
  });

  it('lists a conflict with both versions; keeping the other version saves it and dismisses it', async () => {
    await getDb().youngPeople.put(onDevice);
    const { source, session } = renderSection();
    session.entries = [
      {
        entryId: 'entry-1',
        table: 'youngPeople',
        id: onDevice.id,
        record: other,
        keptAt: '2026-12-03T09:00:00.000Z',
      },
    ];
    act(() => source.run(session));
    const list = await screen.findByRole('list', { name: 'Changed on another device' });
    const item = within(list).getByRole('listitem');
    expect(item).toHaveTextContent('Young person: changed on another device');
    expect(item).toHaveTextContent("This device's versionNameMia Thornbury");
    expect(item).toHaveTextContent('The other versionNameMia Thornbury-Hale');
    expect(item).toHaveTextContent('SchoolBayside School');

    await userEvent
      .setup()
      .click(within(item).getByRole('button', { name: 'Keep the other version' }));
    await waitFor(() => expect(session.dismissConflict).toHaveBeenCalledWith('entry-1'));
    expect(await getDb().youngPeople.get(onDevice.id)).toEqual({
      ...other,
      updatedAt: NOW.toISOString(),
    });
    expect(await screen.findByText(/No records were changed on two devices/)).toBeVisible();
  });

  it("keeping this device's version saves it again, newest, so it wins everywhere", async () => {
    await getDb().youngPeople.put(onDevice);
    const { source, session } = renderSection();
    session.entries = [
      {
        entryId: 'entry-2',
        table: 'youngPeople',
        id: onDevice.id,
        record: other,
        keptAt: '2026-12-03T09:00:00.000Z',
      },
    ];
    act(() => source.run(session));
    const list = await screen.findByRole('list', { name: 'Changed on another device' });
    await userEvent
      .setup()
      .click(within(list).getByRole('button', { name: "Keep this device's version" }));
    await waitFor(() => expect(session.dismissConflict).toHaveBeenCalledWith('entry-2'));
    expect(await getDb().youngPeople.get(onDevice.id)).toEqual({
      ...onDevice,
      updatedAt: NOW.toISOString(),
    });
  });

  it('lists documents that did not open and changes not taken, in plain words', async () => {
    const { source, session } = renderSection();
    session.damagedList = [{ documentId: 'a1b2c3', revision: '2-x', reason: 'seal-broken' }];
    session.refusedList = [
      { documentId: 'd4e5f6', table: 'goals', id: 'goal-1', reason: 'goal-words' },
    ];
    act(() => source.run(session));
    const damaged = screen.getByRole('list', { name: 'Documents that could not be opened' });
    expect(damaged).toHaveTextContent(
      'a1b2c3: It was changed after it was sealed, so it cannot be trusted.',
    );
    const refused = screen.getByRole('list', { name: 'Changes not taken' });
    expect(refused).toHaveTextContent(
      'A goal (goal-1): It would change the words of a goal that already has scores.',
    );
    await screen.findByText(/No records were changed/);
  });
});
