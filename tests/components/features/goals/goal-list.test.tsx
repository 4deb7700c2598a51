import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { GoalList } from '../../../../src/features/goals/goal-list';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import { setGoalStatus } from '../../../../src/db/repositories/goals';
import { rateGoal } from '../../../../src/db/repositories/ratings';
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
    expect(within(card).getByText('Starting and latest scores by the young person.')).toBeVisible();
    expect(card).not.toHaveTextContent('Different views');

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

  it('says who gave the scores, and notes when the young person and the coach differ', async () => {
    const yp = await seedYoungPerson();
    const apart = await seedGoal(yp.id, { text: 'Apart', baseline: 2 });
    await rateGoal(apart.id, { score: 6, ratedBy: 'coach' }, new Date('2026-01-12T10:00:00Z'));
    const close = await seedGoal(yp.id, { text: 'Close', baseline: 4, baselineRatedBy: 'coach' });
    await rateGoal(
      close.id,
      { score: 6, ratedBy: 'young-person' },
      new Date('2026-01-12T10:00:00Z'),
    );
    const later = await seedGoal(yp.id, { text: 'Later', baseline: 1 });
    // Nine points apart, but more than a week later: not "at about the same time".
    await rateGoal(later.id, { score: 10, ratedBy: 'coach' }, new Date('2026-01-18T10:00:01Z'));
    await seedGoal(yp.id, {
      text: 'Once',
      baseline: 3,
      baselineRatedBy: 'parent-carer',
    });
    await renderList(yp.id);

    const cardOf = async (text: string) =>
      (await screen.findByRole('link', { name: `“${text}”` })).closest('article') as HTMLElement;
    const apartCard = await cardOf('Apart');
    expect(
      within(apartCard).getByText('Starting score by the young person; latest by the coach.'),
    ).toBeVisible();
    expect(within(apartCard).getByText(/the young person said 2, you said 6\./)).toHaveTextContent(
      'Different views: the young person said 2, you said 6.',
    );

    const closeCard = await cardOf('Close');
    expect(
      within(closeCard).getByText('Starting score by the coach; latest by the young person.'),
    ).toBeVisible();
    expect(closeCard).not.toHaveTextContent('Different views');
    const laterCard = await cardOf('Later');
    expect(laterCard).toHaveTextContent('Started at 1, now 10 (+9)');
    expect(laterCard).not.toHaveTextContent('Different views');
    expect(
      within(await cardOf('Once')).getByText('Starting score by a parent or carer.'),
    ).toBeVisible();
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
