import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setGoalStatus } from '../../../../src/db/repositories/goals';
import {
  DAY_2,
  handOverTo,
  renderSpace,
  resetSpace,
  seedCoachSession,
  seedGoal,
  seedRating,
  seedYoungPerson,
} from './space-test-utils';

/** The card whose heading is the goal's words in quotes. */
function cardFor(text: string): HTMLElement {
  const card = screen.getByRole('heading', { level: 3, name: `“${text}”` }).closest('article');
  if (!card) throw new Error(`No card for ${text}`);
  return card;
}

describe('MySpaceHome', () => {
  beforeEach(resetSpace);

  it('welcomes the young person and shows only their own goals, in their wording', async () => {
    const mia = await seedYoungPerson('Mia');
    const sam = await seedYoungPerson('Sam');
    const friends = await seedGoal(mia.id, { domains: ['belonging', 'core-self'] });
    const sleep = await seedGoal(mia.id, {
      text: 'Go to bed on time',
      domains: ['basics'],
      setBy: 'coach',
      baseline: 3,
      baselineRatedBy: 'coach',
    });
    const stopped = await seedGoal(mia.id, { text: 'An old goal that was stopped' });
    await setGoalStatus(stopped.id, 'stopped');
    await seedGoal(sam.id, { text: "Sam's goal about football" });
    await seedRating(friends.id, 6, 'young-person', DAY_2);
    // The coach's later scores and notes never show here.
    await seedCoachSession(mia.id, [
      [friends.id, 9],
      [sleep.id, 8],
    ]);
    await handOverTo(mia.id);
    renderSpace('/my-space');

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Mia!' })).toBeVisible();
    expect(screen.getByText('Hi Mia!')).toBeVisible();
    await waitFor(() => expect(document.title).toMatch(/^My space/));
    expect(screen.getByRole('link', { name: 'Add a goal' })).toHaveAttribute(
      'href',
      '/my-space/goals/new',
    );
    expect(screen.getByRole('link', { name: 'How close are you?' })).toHaveAttribute(
      'href',
      '/my-space/rate',
    );
    expect(screen.getByRole('link', { name: 'My journey' })).toHaveAttribute(
      'href',
      '/my-space/journey',
    );

    expect(screen.getAllByRole('article')).toHaveLength(2);
    const first = cardFor('To make friends at high school');
    const domains = within(first).getByRole('list', { name: 'What it is about' });
    expect(
      within(domains)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Belongingpeople and places where you fit in',
      'Core Selfknowing and believing in yourself',
    ]);
    expect(domains.querySelector('[data-domain="belonging"] [data-shape="square"]')).not.toBeNull();
    expect(first).toHaveTextContent('How close you feel now: 6 out of 10: more than half way');

    // A goal the coach scored, but the young person has not: no coach score shown.
    const second = cardFor('Go to bed on time');
    expect(second).toHaveTextContent('How close you feel now: you have not said yet.');

    const page = document.body;
    expect(page).not.toHaveTextContent(/8 out of 10|9 out of 10|3 out of 10/);
    expect(page).not.toHaveTextContent('Private coach note');
    expect(page).not.toHaveTextContent(/session/i);
    expect(page).not.toHaveTextContent("Sam's goal about football");
    expect(page).not.toHaveTextContent('Sam');
    expect(page).not.toHaveTextContent('An old goal that was stopped');
    // No coach navigation, settings or exports.
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('link', { name: /caseload|settings|framework|export/i })).toBeNull();
  });

  it('shows a reached score with a cheer, and an achieved goal as done', async () => {
    const mia = await seedYoungPerson('Mia');
    const goal = await seedGoal(mia.id, { text: 'Ride my bike to school' });
    await seedRating(goal.id, 10, 'young-person', DAY_2);
    await setGoalStatus(goal.id, 'achieved');
    await handOverTo(mia.id);
    renderSpace('/my-space');
    const card = await screen.findByRole('article');
    expect(card).toHaveTextContent('You did it! Well done.');
    expect(card).toHaveTextContent('10 out of 10: reached it!');
  });

  it('invites a first goal when there are none, and its buttons lead to the pages', async () => {
    const user = userEvent.setup();
    const mia = await seedYoungPerson('Mia');
    await handOverTo(mia.id);
    const router = renderSpace('/my-space');
    expect(await screen.findByText(/You have no goals yet/)).toBeVisible();
    await user.click(screen.getByRole('link', { name: 'Add a goal' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Add a goal' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/my-space/goals/new');
    await user.click(screen.getByRole('link', { name: /Back to my space/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Mia!' })).toBeVisible();
  });

  it('shows nobody’s records when no handover is running', async () => {
    const mia = await seedYoungPerson('Mia');
    await seedGoal(mia.id);
    renderSpace('/my-space');
    expect(await screen.findByRole('heading', { name: 'This space is closed' })).toBeVisible();
    expect(document.body).not.toHaveTextContent('Mia');
    expect(document.body).not.toHaveTextContent('To make friends');
    expect(screen.queryByRole('button', { name: 'Give back to my coach' })).toBeNull();
  });
});
