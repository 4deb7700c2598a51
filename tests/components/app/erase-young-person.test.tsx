import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  findPageHeading,
  preloadPages,
  PRELOAD_TIMEOUT,
  renderApp,
  resetApp,
  seedGoal,
  seedYoungPerson,
  toastMessages,
} from './render-app';

describe('erasing a young person from their edit page', () => {
  beforeAll(preloadPages, PRELOAD_TIMEOUT);
  beforeEach(resetApp);

  it('asks for their name, refuses a wrong one, then erases everything of theirs', async () => {
    const mia = await seedYoungPerson('Mia Rose');
    await seedGoal(mia.id, { text: 'Walk to school with a friend' });
    const sam = await seedYoungPerson('Sam');
    const user = userEvent.setup();
    const router = renderApp(`/young-people/${mia.id}/edit`);
    await findPageHeading("Edit Mia Rose's details");

    await user.click(screen.getByRole('button', { name: "Erase Mia Rose's records" }));
    const dialog = screen.getByRole('alertdialog', { name: "Erase Mia Rose's records?" });
    const field = within(dialog).getByLabelText('Type Mia Rose to confirm');
    expect(field).toHaveFocus();

    await user.type(field, 'Mia');
    await user.click(within(dialog).getByRole('button', { name: 'Erase everything' }));
    expect(
      within(dialog).getByText('Type Mia Rose exactly as it is shown to confirm.'),
    ).toBeVisible();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(await getDb().youngPeople.count()).toBe(2);

    await user.clear(field);
    await user.type(field, '  mia   rose ');
    await user.click(within(dialog).getByRole('button', { name: 'Erase everything' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(toastMessages()).toContain("Mia Rose's records were erased from this device");
    expect(await getDb().youngPeople.toArray()).toEqual([sam]);
    expect(await getDb().goals.count()).toBe(0);
    expect(await getDb().ratings.count()).toBe(0);
  });

  it('Cancel closes the dialog and erases nothing', async () => {
    const mia = await seedYoungPerson('Mia');
    const user = userEvent.setup();
    renderApp(`/young-people/${mia.id}/edit`);
    await findPageHeading("Edit Mia's details");
    const open = screen.getByRole('button', { name: "Erase Mia's records" });
    await user.click(open);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(open).toHaveFocus();
    expect(await getDb().youngPeople.count()).toBe(1);
  });
});
