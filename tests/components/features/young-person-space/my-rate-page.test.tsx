import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getYoungPersonDetail } from '../../../../src/db/queries';
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
  toastMessages,
} from './space-test-utils';

async function ratingsOf(youngPersonId: string, goalId: string) {
  const detail = await getYoungPersonDetail(youngPersonId);
  return detail?.goals.find((g) => g.goal.id === goalId)?.ratings ?? [];
}

async function seedTwoGoals() {
  const mia = await seedYoungPerson('Mia');
  const friends = await seedGoal(mia.id, { baseline: 4 });
  const bike = await seedGoal(mia.id, {
    text: 'Ride my bike to school',
    domains: ['basics'],
    baseline: 8,
  });
  const old = await seedGoal(mia.id, { text: 'A goal that was reached already' });
  await setGoalStatus(old.id, 'achieved');
  await handOverTo(mia.id);
  return { mia, friends, bike };
}

const groupFor = (text: string) => screen.findByRole('group', { name: `“${text}”` });

describe('MyRatePage', () => {
  beforeEach(resetSpace);

  it('offers a 0-10 rating for each active goal, marked with their last score', async () => {
    await seedTwoGoals();
    renderSpace('/my-space/rate');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'How close are you?' }),
    ).toBeVisible();
    const friends = await groupFor('To make friends at high school');
    expect(within(friends).getAllByRole('radio')).toHaveLength(11);
    expect(friends).toHaveTextContent('Last time: 4');
    expect(within(friends).getByRole('radio', { name: '4 (last time)' })).toBeVisible();
    expect(await groupFor('Ride my bike to school')).toHaveTextContent('Last time: 8');
    expect(screen.queryByRole('group', { name: /reached already/ })).toBeNull();
    expect(screen.getAllByRole('button', { name: /^Save/ })).toHaveLength(2);
  });

  it('saves a rating as the young person’s, and celebrates when it rises', async () => {
    const user = userEvent.setup();
    const { mia, friends } = await seedTwoGoals();
    renderSpace('/my-space/rate');
    const group = await groupFor('To make friends at high school');
    await user.click(within(group).getByRole('radio', { name: '6' }));
    expect(group).toHaveTextContent('6 out of 10: more than half way');
    await user.click(
      screen.getByRole('button', { name: 'Save for “To make friends at high school”' }),
    );

    expect(await screen.findByText('Brilliant! You moved up from 4 to 6.')).toBeVisible();
    const ratings = await ratingsOf(mia.id, friends.id);
    expect(ratings).toHaveLength(2);
    expect(ratings[1]).toMatchObject({ score: 6, ratedBy: 'young-person', sessionId: null });
    expect(toastMessages()).toContain('Saved. Thank you!');
    // The new score becomes "last time", ready for the next rating.
    await waitFor(() => expect(group).toHaveTextContent('Last time: 6'));
    expect(within(group).getByRole('radio', { name: '6 (last time)' })).not.toBeChecked();
  });

  it('cheers when a goal is reached', async () => {
    const user = userEvent.setup();
    const { mia, bike } = await seedTwoGoals();
    renderSpace('/my-space/rate');
    const group = await groupFor('Ride my bike to school');
    await user.click(within(group).getByRole('radio', { name: '10' }));
    await user.click(screen.getByRole('button', { name: 'Save for “Ride my bike to school”' }));
    expect(
      await screen.findByText('You reached your goal! You moved up from 8 to 10.'),
    ).toBeVisible();
    expect((await ratingsOf(mia.id, bike.id)).at(-1)).toMatchObject({
      score: 10,
      ratedBy: 'young-person',
    });
  });

  it('thanks without cheering when a score goes down, and never tells off', async () => {
    const user = userEvent.setup();
    const { mia, bike } = await seedTwoGoals();
    renderSpace('/my-space/rate');
    const group = await groupFor('Ride my bike to school');
    await user.click(within(group).getByRole('radio', { name: '5' }));
    await user.click(screen.getByRole('button', { name: 'Save for “Ride my bike to school”' }));
    expect(
      await screen.findByText(/Saved: 5 out of 10\. Thank you for being honest\./),
    ).toBeVisible();
    expect(screen.queryByText(/Brilliant|reached your goal/)).toBeNull();
    expect((await ratingsOf(mia.id, bike.id)).at(-1)?.score).toBe(5);
  });

  it('asks for a number before saving, and saves nothing without one', async () => {
    const user = userEvent.setup();
    const { mia, friends } = await seedTwoGoals();
    renderSpace('/my-space/rate');
    const group = await groupFor('To make friends at high school');
    await user.click(
      screen.getByRole('button', { name: 'Save for “To make friends at high school”' }),
    );
    expect(group).toHaveAccessibleDescription(/Choose a number from 0 to 10 first\./);
    expect(within(group).getByRole('radio', { name: '4 (last time)' })).toHaveFocus();
    expect(await ratingsOf(mia.id, friends.id)).toHaveLength(1);
  });

  it('compares with their own last score, never the coach’s', async () => {
    const user = userEvent.setup();
    const { mia, friends, bike } = await seedTwoGoals();
    await seedCoachSession(mia.id, [
      [friends.id, 9],
      [bike.id, 9],
    ]);
    await seedRating(friends.id, 5, 'young-person', DAY_2);
    renderSpace('/my-space/rate');
    const group = await groupFor('To make friends at high school');
    expect(group).toHaveTextContent('Last time: 5');
    expect(within(group).getByRole('radio', { name: '9' })).toBeVisible();
    expect(within(group).getByRole('radio', { name: '5 (last time)' })).toBeVisible();
    await user.click(within(group).getByRole('radio', { name: '7' }));
    await user.click(
      screen.getByRole('button', { name: 'Save for “To make friends at high school”' }),
    );
    expect(await screen.findByText('Brilliant! You moved up from 5 to 7.')).toBeVisible();
  });
});
