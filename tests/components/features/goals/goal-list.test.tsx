import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { GoalList } from '../../../../src/features/goals/goal-list';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import { setGoalStatus } from '../../../../src/db/repositories/goals';
import { renderRoute, resetApp, seedGoal, seedSession, seedYoungPerson } from './goal-test-utils';

async function renderList(youngPersonId: string) {
  const detail = await getYoungPersonDetail(youngPersonId);
  if (!detail) throw new Error('No such young person');
  renderRoute(
    '/young-people/:youngPersonId',
    `/young-people/${youngPersonId}`,
    <GoalList youngPersonId={youngPersonId} goals={detail.goals} />,
  );
}

describe('GoalList', () => {
  beforeEach(resetApp);

  it('shows each goal with its words, links, who set it and its scores', async () => {
    const yp = await seedYoungPerson();
    const friends = await seedGoal(yp.id, {
      domains: ['belonging', 'coping'],
      moves: ['belonging-make-friends', 'coping-brave'],
      baseline: 2,
    });
    const sleep = await seedGoal(yp.id, {
      text: 'To sleep before ten',
      domains: ['basics'],
      moves: [],
      setBy: 'together',
      baseline: 5,
    });
    await seedSession(yp.id, '2026-02-03', [
      [friends.id, 6],
      [sleep.id, 5],
    ]);
    await seedSession(yp.id, '2026-02-10', [
      [friends.id, 6],
      [sleep.id, 3],
    ]);
    await renderList(yp.id);

    const link = await screen.findByRole('link', { name: '“To make friends at high school”' });
    expect(link).toHaveAttribute('href', `/young-people/${yp.id}/goals/${friends.id}`);
    const card = link.closest('article') as HTMLElement;
    expect(within(card).getByRole('list', { name: 'Domains' })).toHaveTextContent(
      'BelongingCoping',
    );
    expect(card).toHaveTextContent(
      'Moves: Make friends and mix with other young people; Being brave',
    );
    expect(card).toHaveTextContent('Status: Active');
    expect(card).toHaveTextContent('Set by the young person');
    expect(within(card).getByText('Started at 2, now 6 (+4)')).toBeVisible();

    const sleepCard = screen
      .getByRole('link', { name: '“To sleep before ten”' })
      .closest('article') as HTMLElement;
    expect(within(sleepCard).getByText('Started at 5, now 3 (-2)')).toBeVisible();
    expect(sleepCard).toHaveTextContent('Set together');
    expect(sleepCard).not.toHaveTextContent('Moves:');
  });

  it('shows a goal rated only at the start, and groups achieved and stopped goals', async () => {
    const yp = await seedYoungPerson();
    await seedGoal(yp.id, { text: 'Active one', baseline: 4 });
    const done = await seedGoal(yp.id, { text: 'Done one' });
    const dropped = await seedGoal(yp.id, { text: 'Dropped one' });
    await setGoalStatus(done.id, 'achieved');
    await setGoalStatus(dropped.id, 'stopped');
    await renderList(yp.id);

    const active = await screen.findByRole('region', { name: 'Active goals (1)' });
    expect(within(active).getByText('Baseline 4, not rated again yet')).toBeVisible();
    expect(within(active).queryByText('“Done one”')).not.toBeInTheDocument();
    const achieved = screen.getByRole('region', { name: 'Achieved goals (1)' });
    expect(within(achieved).getByRole('link', { name: '“Done one”' })).toBeVisible();
    expect(achieved).toHaveTextContent('Status: Achieved');
    const stopped = screen.getByRole('region', { name: 'Stopped goals (1)' });
    expect(within(stopped).getByRole('link', { name: '“Dropped one”' })).toBeVisible();
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Active goals (1)', 'Achieved goals (1)', 'Stopped goals (1)']);
  });

  it('has an empty state with a way to add a goal', async () => {
    const yp = await seedYoungPerson();
    await renderList(yp.id);
    expect(await screen.findByText('No goals yet')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Add goal' })).toHaveAttribute(
      'href',
      `/young-people/${yp.id}/goals/new`,
    );
  });
});
