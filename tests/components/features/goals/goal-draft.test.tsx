import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDraft } from '../../../../src/db/repositories/drafts';
import { AddGoalPage } from '../../../../src/features/goals/add-goal-page';
import { goalValuesFromDraft } from '../../../../src/features/goals/goal-draft';
import { initialGoalFormValues } from '../../../../src/features/goals/goal-model';
import { renderRoute, resetApp, seedYoungPerson } from './goal-test-utils';

const PATH = '/young-people/:youngPersonId/goals/new';
const WORDS = 'To make friends at high school';

async function open(youngPersonId: string, query = '') {
  renderRoute(PATH, `/young-people/${youngPersonId}/goals/new${query}`, <AddGoalPage />);
  await screen.findByRole('heading', { level: 1, name: 'Add a goal' });
}

describe('a goal being written is kept as a draft', () => {
  beforeEach(resetApp);

  it('offers the words back after the page was closed, on the same way in only', async () => {
    const mia = await seedYoungPerson('Mia');
    const user = userEvent.setup();
    await open(mia.id);
    await user.type(screen.getByLabelText(/What is the goal/), WORDS);
    await user.click(screen.getByRole('checkbox', { name: /Belonging/ }));
    await waitFor(async () => expect((await getDraft('goal', mia.id))?.values.text).toBe(WORDS));
    cleanup();

    // Opening "Add a goal" from a move is another form: the draft is not offered there.
    await open(mia.id, '?move=coping-brave');
    expect(screen.queryByRole('button', { name: 'Carry on from the draft' })).toBeNull();
    cleanup();

    await open(mia.id);
    await user.click(await screen.findByRole('button', { name: 'Carry on from the draft' }));
    expect(screen.getByLabelText(/What is the goal/)).toHaveValue(WORDS);
    expect(screen.getByRole('checkbox', { name: /Belonging/ })).toBeChecked();
  });

  it('ignores fields of the wrong shape in a stored draft', () => {
    const fresh = initialGoalFormValues();
    expect(
      goalValuesFromDraft(
        { context: 'new', text: 42, domains: ['belonging', 'nowhere'], baseline: 4 },
        'new',
        fresh,
      ),
    ).toEqual({ ...fresh, baseline: 4 });
    expect(
      goalValuesFromDraft({ context: 'move:coping-brave', text: 'x' }, 'new', fresh),
    ).toBeNull();
  });
});
