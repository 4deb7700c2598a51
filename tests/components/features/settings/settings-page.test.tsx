import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import {
  getDataKey,
  lock,
  setDataKey,
  setEncryptionSetUp,
} from '../../../../src/db/encryption/session-key';
import { checkCoachPin, getPinState, setCoachPin } from '../../../../src/db/repositories/coach-pin';
import { getHandover } from '../../../../src/db/repositories/handover';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import { SettingsPage } from '../../../../src/features/settings/settings-page';
import { EraseYoungPersonDialog } from '../../../../src/features/young-people/erase-young-person-dialog';
import { useToastStore } from '../../../../src/stores/toast-store';

const toastMessages = () => useToastStore.getState().toasts.map((t) => t.message);

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
  useToastStore.setState({ toasts: [] });
});

function renderSettings(entry = '/settings') {
  const router = createMemoryRouter(
    [
      {
        path: '/settings',
        element: (
          <SettingsPage renderEraseDialog={(args) => <EraseYoungPersonDialog {...args} />} />
        ),
      },
      { path: '/my-space', element: <h1>My space</h1> },
      { path: '/young-people/:youngPersonId', element: <h1>Young person page</h1> },
      { path: '*', element: <h1>Other page</h1> },
    ],
    { initialEntries: [entry] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

function seedMia() {
  return createYoungPerson(
    { name: 'Mia', dateOfBirth: '', school: '', programme: '', referralDate: '' },
    new Date('2026-09-01T10:00:00Z'),
  );
}

const pinBox = (name: string) => screen.getByLabelText(name);

/** The message shown by a field and named by its aria-describedby. */
function expectFieldError(label: string, message: string) {
  expect(pinBox(label)).toHaveAttribute('aria-invalid', 'true');
  expect(pinBox(label)).toHaveAccessibleDescription(
    new RegExp(`Error:\\s*${message.replace(/[.?]/g, '\\$&')}$`),
  );
}

async function findPinSection() {
  expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  return screen.getByRole('region', { name: 'Coach PIN' });
}

describe('SettingsPage: the coach PIN', () => {
  it('explains the PIN and asks for a new one, typed twice, in masked number boxes', async () => {
    renderSettings();
    const section = await findPinSection();
    expect(section).toHaveTextContent(
      'Young people use your device in their own space. The PIN lets only you leave it.',
    );
    expect(
      await within(section).findByText(
        'You have not set a PIN yet. You need one before you can hand over.',
      ),
    ).toBeVisible();
    expect(screen.queryByLabelText('Current PIN')).not.toBeInTheDocument();
    for (const label of ['New PIN', 'Type the new PIN again']) {
      expect(pinBox(label)).toHaveAttribute('type', 'password');
      expect(pinBox(label)).toHaveAttribute('inputmode', 'numeric');
      expect(pinBox(label)).toHaveAttribute('autocomplete', 'off');
    }
    expect(pinBox('New PIN')).toHaveAccessibleDescription(/^4 to 8 digits\./);
  });

  it('saves a new PIN, which then works, and offers to change it', async () => {
    const user = userEvent.setup();
    renderSettings();
    await findPinSection();
    await user.type(await screen.findByLabelText('New PIN'), '4826');
    await user.type(pinBox('Type the new PIN again'), '4826');
    await user.click(screen.getByRole('button', { name: 'Save PIN' }));

    expect(await screen.findByLabelText('Current PIN')).toHaveValue('');
    expect(screen.getByText('Your PIN is set. You can change it here.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Change PIN' })).toBeVisible();
    expect(pinBox('New PIN')).toHaveValue('');
    expect(toastMessages()).toEqual(['PIN saved']);
    expect(await checkCoachPin('4826')).toEqual({ ok: true });
  });

  it('refuses a PIN that is too short or typed differently twice, saving nothing', async () => {
    const user = userEvent.setup();
    renderSettings();
    await findPinSection();
    await user.type(await screen.findByLabelText('New PIN'), '482');
    await user.type(pinBox('Type the new PIN again'), '4827');
    await user.click(screen.getByRole('button', { name: 'Save PIN' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('New PIN: Use 4 to 8 digits.');
    expect(summary).toHaveTextContent(
      'Type the new PIN again: The two PINs are different. Type the same PIN twice.',
    );
    expectFieldError('New PIN', 'Use 4 to 8 digits.');
    expectFieldError(
      'Type the new PIN again',
      'The two PINs are different. Type the same PIN twice.',
    );

    await user.clear(pinBox('New PIN'));
    await user.type(pinBox('New PIN'), '48261');
    await user.clear(pinBox('Type the new PIN again'));
    await user.click(screen.getByRole('button', { name: 'Save PIN' }));
    await waitFor(() =>
      expectFieldError('Type the new PIN again', 'Type the new PIN again to check it.'),
    );
    expect(await getPinState()).toMatchObject({ status: 'not-set' });
    expect(toastMessages()).toEqual([]);
  });

  it('changes the PIN only with the right current PIN, counting a wrong one as a try', async () => {
    await setCoachPin('4826', null);
    const user = userEvent.setup();
    renderSettings();
    await findPinSection();
    await user.type(await screen.findByLabelText('Current PIN'), '1111');
    await user.type(pinBox('New PIN'), '135790');
    await user.type(pinBox('Type the new PIN again'), '135790');
    await user.click(screen.getByRole('button', { name: 'Change PIN' }));

    await waitFor(() =>
      expectFieldError('Current PIN', 'That PIN is not right. 9 tries left before the app locks.'),
    );
    expect(await getPinState()).toMatchObject({ failures: 1 });
    expect(await checkCoachPin('4826')).toEqual({ ok: true });

    await user.clear(pinBox('Current PIN'));
    await user.type(pinBox('Current PIN'), '4826');
    await user.click(screen.getByRole('button', { name: 'Change PIN' }));

    await waitFor(() => expect(toastMessages()).toEqual(['PIN changed']));
    await waitFor(() => expect(pinBox('Current PIN')).toHaveValue(''));
    expect(await checkCoachPin('135790')).toEqual({ ok: true });
    expect(await checkCoachPin('4826')).toMatchObject({ ok: false, reason: 'wrong' });
  });

  it('hands over once the PIN is saved, when the coach came here to hand over', async () => {
    const mia = await seedMia();
    const user = userEvent.setup();
    const router = renderSettings(`/settings?handover=${mia.id}`);
    await findPinSection();
    expect(
      await screen.findByText(
        'Before you hand over to Mia, set a PIN. Their own space opens as soon as it is saved.',
      ),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: /Back to Mia/ })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}`,
    );
    expect(await getHandover()).toBeNull();

    await user.type(pinBox('New PIN'), '4826');
    await user.type(pinBox('Type the new PIN again'), '4826');
    await user.click(screen.getByRole('button', { name: 'Save PIN' }));

    expect(await screen.findByRole('heading', { name: 'My space' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/my-space');
    expect(await getHandover()).toMatchObject({ youngPersonId: mia.id });
    expect(toastMessages()).toEqual(['PIN saved']);
  });

  it('keeps the saved PIN but says why the space did not open for a closed case', async () => {
    const mia = await seedMia();
    await getDb().youngPeople.update(mia.id, {
      status: 'closed',
      closedOn: '2026-10-20',
      closureReason: 'Support completed',
    });
    const user = userEvent.setup();
    const router = renderSettings(`/settings?handover=${mia.id}`);
    await findPinSection();
    await user.type(await screen.findByLabelText('New PIN'), '4826');
    await user.type(pinBox('Type the new PIN again'), '4826');
    await user.click(screen.getByRole('button', { name: 'Save PIN' }));

    await waitFor(() =>
      expect(toastMessages()).toEqual([
        'PIN saved',
        "Mia's space did not open. This case is closed: reopen it to hand over.",
      ]),
    );
    expect(router.state.location.pathname).toBe('/settings');
    expect(await getHandover()).toBeNull();
    expect(await checkCoachPin('4826')).toEqual({ ok: true });
  });

  it('puts the PIN form first when the coach came to hand over', async () => {
    const mia = await seedMia();
    renderSettings(`/settings?handover=${mia.id}`);
    await findPinSection();
    await screen.findByLabelText('New PIN');
    const sections = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(sections.slice(0, 2)).toEqual(['Coach PIN', 'Passphrase and lock']);
  });

  it('keeps the PIN after the passphrase section otherwise', async () => {
    renderSettings();
    await findPinSection();
    const sections = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(sections.slice(0, 2)).toEqual(['Passphrase and lock', 'Coach PIN']);
  });

  it('says a PIN used up by wrong tries no longer works, and sets a new one without it', async () => {
    await setCoachPin('4826', null);
    await getDb().settings.put({
      key: 'pinAttempts',
      value: { failures: 10, waitLeftMs: 0, seenAt: 0, since: 0 },
    });
    const user = userEvent.setup();
    renderSettings();
    const section = await findPinSection();
    expect(
      await within(section).findByText(
        'Your PIN was typed wrong 10 times in a row, so it no longer works. Set a new one before you hand over.',
      ),
    ).toBeVisible();
    expect(screen.queryByLabelText('Current PIN')).not.toBeInTheDocument();

    await user.type(pinBox('New PIN'), '2468');
    await user.type(pinBox('Type the new PIN again'), '2468');
    await user.click(screen.getByRole('button', { name: 'Save PIN' }));

    expect(await screen.findByText('Your PIN is set. You can change it here.')).toBeVisible();
    expect(await checkCoachPin('2468')).toEqual({ ok: true });
  });
});

describe('SettingsPage: the coach PIN before a passphrase is chosen', () => {
  let key: Uint8Array;
  beforeEach(() => {
    key = new Uint8Array(getDataKey() ?? []);
    lock();
    setEncryptionSetUp(false);
  });
  afterEach(() => setDataKey(key));

  it('asks for a passphrase first, with no PIN form', async () => {
    renderSettings();
    const section = await findPinSection();
    expect(section).toHaveTextContent(/Choose a passphrase first/);
    expect(screen.queryByLabelText('New PIN')).not.toBeInTheDocument();
  });
});
