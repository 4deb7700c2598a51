import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ageOn, toIsoDate } from '../../../src/lib/dates';
import {
  closeCase,
  factsOf,
  findPageHeading,
  preloadPages,
  PRELOAD_TIMEOUT,
  renderApp,
  resetApp,
  seedGoal,
  seedSession,
  seedYoungPerson,
} from './render-app';

const FRIENDS = 'To make friends at high school';
const SLEEP = 'Sleep before ten on school nights';

/** Mia with two goals, each rated at a baseline and in two sessions. */
async function seedMia() {
  const mia = await seedYoungPerson('Mia', {
    dateOfBirth: '2013-03-14',
    school: 'Harbour View Primary',
    programme: 'Moving on Up 1:1',
    referralDate: '2026-08-20',
  });
  const friends = await seedGoal(mia.id, {
    text: FRIENDS,
    domains: ['belonging', 'coping'],
    moves: ['belonging-make-friends', 'coping-brave'],
    baseline: 2,
  });
  const sleep = await seedGoal(mia.id, {
    text: SLEEP,
    domains: ['basics'],
    moves: ['basics-sleep'],
    setBy: 'together',
    baseline: 5,
  });
  // Logged out of order, so the page must sort sessions by date, not by when they were added.
  const second = await seedSession(mia.id, '2026-10-06', [
    [friends.id, 6],
    [sleep.id, 3],
  ]);
  const first = await seedSession(mia.id, '2026-09-15', [
    [friends.id, 4],
    [sleep.id, 5],
  ]);
  return { mia, friends, sleep, first, second };
}

function region(name: string) {
  return screen.getByRole('region', { name });
}

describe('The young person page (real app routes)', () => {
  beforeAll(preloadPages, PRELOAD_TIMEOUT);
  beforeEach(resetApp);

  it('shows the name, facts and actions', async () => {
    const { mia } = await seedMia();
    renderApp(`/young-people/${mia.id}`);

    const heading = await findPageHeading('Mia');
    // The tab's title is kept in the browser's history, unencrypted: never the name.
    await waitFor(() => expect(document.title).toBe('Young person - Resilience Coaching'));
    const header = heading.closest('header');
    if (!header) throw new Error('No page header');
    expect(factsOf(header)).toEqual(
      new Map([
        ['Case', 'Open'],
        ['Programme', 'Moving on Up 1:1'],
        ['Date of birth', `14 Mar 2013 (age ${ageOn('2013-03-14', toIsoDate(new Date()))})`],
        ['School', 'Harbour View Primary'],
        ['Referred', '20 Aug 2026'],
      ]),
    );
    expect(within(header).getByRole('link', { name: /^Edit details\s*of Mia$/ })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}/edit`,
    );
    expect(within(header).getByRole('link', { name: 'Log session' })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}/sessions/new`,
    );
    expect(within(header).getByRole('link', { name: 'Add goal' })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}/goals/new`,
    );
    expect(screen.getByRole('link', { name: 'Back to caseload' })).toHaveAttribute('href', '/');
  });

  it('shows each goal with its domains, baseline, latest score and change', async () => {
    const { mia, friends, sleep } = await seedMia();
    renderApp(`/young-people/${mia.id}`);

    await findPageHeading('Mia');
    const goals = region('Goals');
    const active = within(goals).getByRole('region', { name: 'Active goals (2)' });

    const friendsLink = within(active).getByRole('link', { name: `“${FRIENDS}”` });
    expect(friendsLink).toHaveAttribute('href', `/young-people/${mia.id}/goals/${friends.id}`);
    const friendsCard = friendsLink.closest('article') as HTMLElement;
    const friendsDomains = within(friendsCard).getByRole('list', { name: 'Domains' });
    expect(
      within(friendsDomains)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Belonging', 'Coping']);
    expect(within(friendsCard).getByText('Started at 2, now 6 (+4)')).toBeVisible();

    const sleepLink = within(active).getByRole('link', { name: `“${SLEEP}”` });
    expect(sleepLink).toHaveAttribute('href', `/young-people/${mia.id}/goals/${sleep.id}`);
    const sleepCard = sleepLink.closest('article') as HTMLElement;
    expect(within(sleepCard).getByRole('list', { name: 'Domains' })).toHaveTextContent('Basics');
    expect(within(sleepCard).getByText('Started at 5, now 3 (-2)')).toBeVisible();
    expect(sleepCard).toHaveTextContent('Set together');
  });

  it('charts each goal, named by its words, with a table on request', async () => {
    const user = userEvent.setup();
    const { mia } = await seedMia();
    renderApp(`/young-people/${mia.id}`);

    await findPageHeading('Mia');
    const progress = region('Progress');
    const figures = within(progress).getAllByRole('figure');
    expect(figures).toHaveLength(2);

    const friendsChart = within(progress).getByRole('figure', { name: `"${FRIENDS}"` });
    expect(friendsChart).toHaveAccessibleDescription('Started at 2, now 6 (+4)');
    expect(friendsChart).toHaveTextContent('Domains: Belonging, Coping');
    const sleepChart = within(progress).getByRole('figure', { name: `"${SLEEP}"` });
    expect(sleepChart).toHaveAccessibleDescription('Started at 5, now 3 (-2)');
    expect(sleepChart).toHaveTextContent('Domain: Basics');

    for (const figure of figures) {
      expect(within(figure).getByRole('button', { name: 'Show as table' })).toHaveAttribute(
        'aria-expanded',
        'false',
      );
    }
    expect(within(friendsChart).queryByRole('table')).not.toBeInTheDocument();

    await user.click(within(friendsChart).getByRole('button', { name: 'Show as table' }));

    const table = within(friendsChart).getByRole('table', { name: `Scores for "${FRIENDS}"` });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['2', 'Young person', 'Baseline'],
      ['4', 'Young person', ''],
      ['6', 'Young person', ''],
    ]);
    expect(within(friendsChart).getByRole('button', { name: 'Hide table' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(within(sleepChart).queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists sessions newest first, each linking to its page', async () => {
    const { mia, first, second } = await seedMia();
    renderApp(`/young-people/${mia.id}`);

    await findPageHeading('Mia');
    const links = within(region('Sessions')).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      `/young-people/${mia.id}/sessions/${second.id}`,
      `/young-people/${mia.id}/sessions/${first.id}`,
    ]);
    expect(links[0]).toHaveTextContent('6 Oct 2026');
    expect(links[0]).toHaveTextContent('School');
    expect(links[1]).toHaveTextContent('15 Sep 2026');
  });

  it('shows a closed case without the actions for new work', async () => {
    const { mia } = await seedMia();
    await closeCase(mia.id, '2026-10-20');
    renderApp(`/young-people/${mia.id}`);

    const heading = await findPageHeading('Mia');
    const header = heading.closest('header') as HTMLElement;
    expect(factsOf(header).get('Case')).toBe('Closed on 20 Oct 2026 (Support completed)');
    expect(screen.queryByRole('link', { name: 'Log session' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add goal' })).not.toBeInTheDocument();
  });

  it('says when there is no such young person', async () => {
    await seedMia();
    renderApp('/young-people/no-such-id');

    expect(await findPageHeading('Young person not found')).toBeVisible();
    expect(screen.getByText(/There is no young person at this address/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to the caseload' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('region', { name: 'Goals' })).not.toBeInTheDocument();
  });
});
