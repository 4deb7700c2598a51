import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { getDraft } from '../../../../src/db/repositories/drafts';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import { renderAt, resetAll, seedGoal, seedYoungPerson } from './helpers';

const NOTES = 'Walked round the park and talked about the new class.';

async function openForm(youngPersonId: string) {
  renderAt(`/young-people/${youngPersonId}/sessions/new`);
  await screen.findByRole('heading', { level: 1, name: 'Log a session with Mia' });
}

describe('a session being logged is kept as a draft', () => {
  beforeEach(resetAll);

  it('keeps what is typed and offers it back when the form opens again', async () => {
    const mia = await seedYoungPerson('Mia');
    const goal = await seedGoal(mia.id, 'Sleep better', 3);
    const user = userEvent.setup();
    await openForm(mia.id);
    await user.type(screen.getByLabelText(/^Notes/), NOTES);
    await user.click(screen.getByRole('radio', { name: 'Outdoors' }));
    await waitFor(async () =>
      expect((await getDraft('session', mia.id))?.values).toMatchObject({
        notes: NOTES,
        location: 'outdoors',
      }),
    );
    expect(await screen.findByText(/Draft kept on this device at/)).toBeInTheDocument();

    // The tab closes without saving; the next visit offers the draft.
    cleanup();
    await openForm(mia.id);
    const heading = await screen.findByRole('heading', { name: 'Carry on where you left off?' });
    expect(heading).toHaveFocus();
    expect(screen.queryByLabelText(/^Notes/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Carry on from the draft' }));
    expect(screen.getByLabelText(/^Notes/)).toHaveValue(NOTES);
    expect(screen.getByRole('radio', { name: 'Outdoors' })).toBeChecked();

    // Saving the session removes the draft.
    const group = screen.getByRole('group', { name: '“Sleep better”' });
    await user.click(within(group).getByRole('radio', { name: '6' }));
    await user.click(screen.getByRole('button', { name: 'Save session' }));
    await screen.findByRole('heading', { name: `Young person page ${mia.id}` });
    await waitFor(async () => expect(await getDraft('session', mia.id)).toBeNull());
    const detail = await getYoungPersonDetail(mia.id);
    expect(detail?.sessions[0]?.notes).toBe(NOTES);
    expect(detail?.goals.find((g) => g.goal.id === goal.id)?.ratings.map((r) => r.score)).toEqual([
      3, 6,
    ]);
  });

  it('starts again with an empty form and forgets the draft', async () => {
    const mia = await seedYoungPerson('Mia');
    const user = userEvent.setup();
    await openForm(mia.id);
    await user.type(screen.getByLabelText(/^Notes/), 'Half a thought');
    await waitFor(async () => expect(await getDraft('session', mia.id)).not.toBeNull());
    cleanup();

    await openForm(mia.id);
    await user.click(await screen.findByRole('button', { name: 'Start again' }));
    expect(screen.getByLabelText(/^Notes/)).toHaveValue('');
    await waitFor(async () => expect(await getDraft('session', mia.id)).toBeNull());
  });

  it('keeps no draft for a form opened and left untouched, and Cancel forgets one', async () => {
    const mia = await seedYoungPerson('Mia');
    const user = userEvent.setup();
    await openForm(mia.id);
    cleanup();
    expect(await getDb().drafts.count()).toBe(0);

    await openForm(mia.id);
    await user.type(screen.getByLabelText(/^Notes/), 'Not needed after all');
    await waitFor(async () => expect(await getDraft('session', mia.id)).not.toBeNull());
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByRole('heading', { name: `Young person page ${mia.id}` });
    await waitFor(async () => expect(await getDb().drafts.count()).toBe(0));
  });
});
