import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setCoachPin } from '../../../../src/db/repositories/coach-pin';
import { getHandover } from '../../../../src/db/repositories/handover';
import { handOverTo, renderSpace, resetSpace, seedGoal, seedYoungPerson } from './space-test-utils';

async function seedHandover() {
  await setCoachPin('4826', null);
  const mia = await seedYoungPerson('Mia');
  await seedGoal(mia.id);
  await handOverTo(mia.id);
  return mia;
}

describe('MySpaceLayout', () => {
  beforeEach(resetSpace);

  it('greets the young person with no coach navigation', async () => {
    await seedHandover();
    renderSpace('/my-space');
    expect(await screen.findByText('Hi Mia!')).toBeVisible();
    expect(screen.getByRole('main')).toContainElement(
      await screen.findByRole('heading', { level: 1, name: 'Welcome, Mia!' }),
    );
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.getByRole('button', { name: 'Give back to my coach' })).toBeVisible();
  });

  it('refuses a wrong PIN and stays in the space', async () => {
    const user = userEvent.setup();
    await seedHandover();
    const router = renderSpace('/my-space');
    await user.click(await screen.findByRole('button', { name: 'Give back to my coach' }));
    const dialog = screen.getByRole('dialog', { name: 'Give back to your coach' });
    const pin = within(dialog).getByLabelText('Coach PIN');
    await user.type(pin, '1111{Enter}');
    await waitFor(() =>
      expect(pin).toHaveAccessibleDescription(/That PIN is not right\. 4 tries left\./),
    );
    expect(router.state.location.pathname).toBe('/my-space');
    expect(await getHandover()).not.toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome, Mia!' })).toBeVisible();
  });

  it('gives the device back to the coach, at the young person’s page, with the right PIN', async () => {
    const user = userEvent.setup();
    const mia = await seedHandover();
    const router = renderSpace('/my-space/rate');
    await user.click(await screen.findByRole('button', { name: 'Give back to my coach' }));
    const dialog = screen.getByRole('dialog', { name: 'Give back to your coach' });
    await user.type(within(dialog).getByLabelText('Coach PIN'), '4826{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`));
    expect(await screen.findByText(`Young person page ${mia.id}`)).toBeVisible();
    expect(await getHandover()).toBeNull();
  });
});
