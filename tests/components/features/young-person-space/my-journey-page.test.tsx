import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import {
  DAY_2,
  DAY_3,
  handOverTo,
  renderSpace,
  resetSpace,
  seedCoachSession,
  seedGoal,
  seedRating,
  seedYoungPerson,
} from './space-test-utils';

async function seedJourney() {
  const mia = await seedYoungPerson('Mia');
  const friends = await seedGoal(mia.id, { baseline: 2, domains: ['belonging'] });
  const bike = await seedGoal(mia.id, {
    text: 'Ride my bike to school',
    domains: ['basics'],
    setBy: 'coach',
    baseline: 7,
    baselineRatedBy: 'coach',
  });
  // The coach's session scores and a parent's score are not part of Mia's journey.
  await seedCoachSession(mia.id, [
    [friends.id, 9],
    [bike.id, 1],
  ]);
  await seedRating(friends.id, 4, 'young-person', DAY_2);
  await seedRating(friends.id, 3, 'parent-carer', DAY_2);
  await seedRating(friends.id, 6, 'young-person', DAY_3);
  await handOverTo(mia.id);
  return { mia, friends, bike };
}

describe('MyJourneyPage', () => {
  beforeEach(resetSpace);

  it('tells each journey in plain words from the young person’s own scores only', async () => {
    await seedJourney();
    renderSpace('/my-space/journey');
    expect(await screen.findByRole('heading', { level: 1, name: 'My journey' })).toBeVisible();
    const friends = screen.getByRole('region', { name: '“To make friends at high school”' });
    expect(within(friends).getByText('You started at 2. Now you are at 6.')).toBeVisible();
    expect(friends).toHaveTextContent('You moved up 4 steps. Well done!');

    const chart = within(friends).getByRole('group', {
      name: 'Your scores for “To make friends at high school”, from 0 to 10',
    });
    const points = within(chart).getAllByRole('img');
    expect(points.map((p) => p.getAttribute('aria-label'))).toEqual([
      '10 Jan 2026: 2 out of 10: just started (your start)',
      '14 Feb 2026: 4 out of 10: getting going, nearly half way',
      '21 Mar 2026: 6 out of 10: more than half way',
    ]);
    for (const point of points) expect(point).toHaveAttribute('tabindex', '0');
    expect(chart.querySelector('.journey-chart__start')).not.toBeNull();
    // Drawn in real pixels at a fixed height, with the end dates anchored inside the chart.
    expect(chart).toHaveAttribute('height', '240');
    expect(chart.getAttribute('viewBox')).toBe(
      `0 0 ${chart.getAttribute('width')} ${chart.getAttribute('height')}`,
    );
    const dates = [...chart.querySelectorAll('.journey-chart__date')];
    expect(dates.map((d) => [d.textContent, d.getAttribute('text-anchor')])).toEqual([
      ['10 Jan 2026', 'start'],
      ['14 Feb 2026', 'middle'],
      ['21 Mar 2026', 'end'],
    ]);

    // Coach-set goal the young person has not rated themselves: no coach or session scores.
    const bike = screen.getByRole('region', { name: '“Ride my bike to school”' });
    expect(bike).toHaveTextContent('You have not said how close you are yet.');
    expect(within(bike).queryByRole('group')).toBeNull();
    const main = screen.getByRole('main');
    expect(main).not.toHaveTextContent(/9 out of 10|1 out of 10|3 out of 10|7 out of 10/);
    expect(main).not.toHaveTextContent(/coach|parent|session/i);
  });

  it('has a table with the same numbers', async () => {
    const user = userEvent.setup();
    await seedJourney();
    renderSpace('/my-space/journey');
    const friends = await screen.findByRole('region', {
      name: '“To make friends at high school”',
    });
    const toggle = within(friends).getByRole('button', { name: 'Show as a table' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(friends).queryByRole('table')).toBeNull();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveAccessibleName('Hide the table');
    const table = within(friends).getByRole('table', {
      name: 'Your scores for “To make friends at high school”',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['10 Jan 2026', '2 out of 10: just started (your start)'],
      ['14 Feb 2026', '4 out of 10: getting going, nearly half way'],
      ['21 Mar 2026', '6 out of 10: more than half way'],
    ]);
  });

  it('celebrates a reached goal', async () => {
    const mia = await seedYoungPerson('Mia');
    const goal = await seedGoal(mia.id, { baseline: 5 });
    await seedRating(goal.id, 10, 'young-person', DAY_2);
    await handOverTo(mia.id);
    renderSpace('/my-space/journey');
    const region = await screen.findByRole('region', { name: '“To make friends at high school”' });
    expect(region).toHaveTextContent('You started at 5. Now you are at 10.');
    expect(region).toHaveTextContent('You reached it! Brilliant!');
  });

  it('invites a first goal when there are none', async () => {
    const mia = await seedYoungPerson('Mia');
    await handOverTo(mia.id);
    renderSpace('/my-space/journey');
    expect(await screen.findByText(/Your journey starts when you add a goal/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Add a goal' })).toHaveAttribute(
      'href',
      '/my-space/goals/new',
    );
    expect(await getDb().ratings.count()).toBe(0);
  });
});
