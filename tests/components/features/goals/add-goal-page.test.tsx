import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AddGoalPage } from '../../../../src/features/goals/add-goal-page';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import {
  closeCase,
  renderRoute,
  resetApp,
  seedGoal,
  seedYoungPerson,
  toastMessages,
} from './goal-test-utils';

const PATH = '/young-people/:youngPersonId/goals/new';

function renderAddGoal(youngPersonId: string, query = '') {
  return renderRoute(PATH, `/young-people/${youngPersonId}/goals/new${query}`, <AddGoalPage />);
}

const goalsOf = async (id: string) => (await getYoungPersonDetail(id))?.goals ?? [];

describe('AddGoalPage', () => {
  beforeEach(resetApp);

  it('labels every part of the form', async () => {
    const yp = await seedYoungPerson();
    renderAddGoal(yp.id);
    expect(await screen.findByRole('heading', { level: 1, name: 'Add a goal' })).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'What is the goal?' })).toHaveAccessibleDescription(
      'In their own words, for example "To make friends at high school"',
    );
    const domains = screen.getByRole('group', {
      name: 'Which parts of the framework does this goal link to?',
    });
    const domainBoxes = within(domains).getAllByRole('checkbox');
    expect(domainBoxes).toHaveLength(5);
    expect(domainBoxes[0]).toHaveAccessibleName(
      /^Basics the basic things needed to get by: housing, money/,
    );
    expect(screen.getByRole('group', { name: 'Which resilient moves could help?' })).toBeVisible();
    const setBy = screen.getByRole('group', { name: 'Who set this goal?' });
    expect(
      within(setBy)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['young-person', 'coach', 'together']);
    expect(within(setBy).getByRole('radio', { name: 'The young person' })).toBeVisible();
    expect(
      screen.getByRole('group', { name: 'How close is the young person to this goal now?' }),
    ).toBeVisible();
    const rater = screen.getByRole('group', { name: 'Who gave this score?' });
    expect(within(rater).getByRole('radio', { name: 'Young person' })).toBeChecked();
    expect(within(rater).getByRole('radio', { name: 'Parent or carer' })).not.toBeChecked();
    expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute(
      'href',
      `/young-people/${yp.id}`,
    );
  });

  it('shows each problem by its field and saves nothing', async () => {
    const user = userEvent.setup();
    const yp = await seedYoungPerson();
    renderAddGoal(yp.id);
    await user.click(await screen.findByRole('button', { name: 'Save goal' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent("Write the goal in the young person's own words.");
    expect(summary).toHaveTextContent('Choose at least one domain.');
    expect(summary).toHaveTextContent('Rate the goal now: choose a score from 0 to 10.');
    expect(summary).toHaveTextContent('Choose who set the goal.');
    expect(screen.getByRole('textbox', { name: 'What is the goal?' })).toHaveAccessibleDescription(
      /Write the goal in the young person's own words\./,
    );
    expect(
      screen.getByRole('group', { name: 'Which parts of the framework does this goal link to?' }),
    ).toHaveAccessibleDescription(/Choose at least one domain\./);
    expect(
      screen.getByRole('group', { name: 'How close is the young person to this goal now?' }),
    ).toHaveAccessibleDescription(/Rate the goal now: choose a score from 0 to 10\./);
    expect(screen.getByRole('group', { name: 'Who set this goal?' })).toHaveAccessibleDescription(
      /Choose who set the goal\./,
    );
    expect(await goalsOf(yp.id)).toEqual([]);
    expect(toastMessages()).toEqual([]);
    expect(screen.queryByText(/Young person page/)).not.toBeInTheDocument();
  });

  it('saves the goal with its baseline rating, then goes to the young person page', async () => {
    const user = userEvent.setup();
    const yp = await seedYoungPerson();
    renderAddGoal(yp.id);
    await user.type(
      await screen.findByRole('textbox', { name: 'What is the goal?' }),
      'To feel brave enough to go to football club',
    );
    await user.click(screen.getByRole('checkbox', { name: /^Coping/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Basics/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Being brave/ }));
    await user.click(screen.getByRole('radio', { name: 'Together' }));
    const rating = screen.getByRole('group', {
      name: 'How close is the young person to this goal now?',
    });
    await user.click(within(rating).getByRole('radio', { name: '3' }));
    await user.click(
      within(screen.getByRole('group', { name: 'Who gave this score?' })).getByRole('radio', {
        name: 'Coach',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Save goal' }));

    expect(await screen.findByText(`Young person page ${yp.id}`)).toBeVisible();
    expect(toastMessages()).toEqual(['Goal added']);
    const goals = await goalsOf(yp.id);
    expect(goals).toHaveLength(1);
    const [{ goal, ratings }] = goals as [(typeof goals)[number]];
    expect(goal).toMatchObject({
      text: 'To feel brave enough to go to football club',
      domains: ['basics', 'coping'],
      moves: ['coping-brave'],
      setBy: 'together',
      status: 'active',
    });
    expect(ratings).toEqual([
      expect.objectContaining({ score: 3, ratedBy: 'coach', sessionId: null }),
    ]);
  });

  it('changes a goal: prefills it, stops the old one and sets the new one', async () => {
    const user = userEvent.setup();
    const yp = await seedYoungPerson();
    const old = await seedGoal(yp.id, { baseline: 4 });
    renderAddGoal(yp.id, `?replaces=${old.id}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Change a goal' })).toBeVisible();
    expect(
      screen.getByText(
        'The old goal will be stopped and keep its ratings; this new goal gets its own starting score.',
      ),
    ).toBeVisible();
    const text = screen.getByRole('textbox', { name: 'What is the goal?' });
    expect(text).toHaveValue('To make friends at high school');
    expect(screen.getByRole('checkbox', { name: /^Belonging/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Make friends and mix/ })).toBeChecked();

    await user.clear(text);
    await user.type(text, 'To make two friends in my form group');
    await user.click(screen.getByRole('radio', { name: 'The young person' }));
    const rating = screen.getByRole('group', {
      name: 'How close is the young person to this goal now?',
    });
    await user.click(within(rating).getByRole('radio', { name: '1' }));
    await user.click(screen.getByRole('button', { name: 'Save the changed goal' }));

    expect(await screen.findByText(`Young person page ${yp.id}`)).toBeVisible();
    expect(toastMessages()).toEqual([
      'Goal changed. The old goal was stopped and keeps its ratings.',
    ]);
    const goals = await goalsOf(yp.id);
    const oldAfter = goals.find((g) => g.goal.id === old.id);
    const added = goals.find((g) => g.goal.id !== old.id);
    expect(oldAfter?.goal).toMatchObject({ status: 'stopped', text: old.text });
    expect(oldAfter?.ratings.map((r) => r.score)).toEqual([4]);
    expect(added?.goal).toMatchObject({
      text: 'To make two friends in my form group',
      status: 'active',
      domains: ['belonging'],
      moves: ['belonging-make-friends'],
    });
    expect(added?.ratings.map((r) => r.score)).toEqual([1]);
  });

  it('does not show the form for a closed case', async () => {
    const yp = await seedYoungPerson();
    await closeCase(yp.id);
    renderAddGoal(yp.id);
    expect(await screen.findByText(/Mia's case is closed/)).toBeVisible();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save goal' })).not.toBeInTheDocument();
  });

  it('gently suggests focusing when there are already three active goals', async () => {
    const yp = await seedYoungPerson();
    for (const text of ['One', 'Two', 'Three']) await seedGoal(yp.id, { text });
    renderAddGoal(yp.id);
    expect(await screen.findByText(/Mia already has 3 active goals/)).toHaveTextContent(
      'You can still add this goal.',
    );
    expect(screen.getByRole('button', { name: 'Save goal' })).toBeEnabled();
  });

  it('says so when the young person is not there', async () => {
    renderAddGoal('nobody');
    expect(await screen.findByRole('heading', { name: 'Young person not found' })).toBeVisible();
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'Go to the caseload' })).toHaveAttribute('href', '/'),
    );
  });
});
