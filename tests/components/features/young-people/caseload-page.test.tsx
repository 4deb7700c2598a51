import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDb } from '../../../../src/db/database';
import { getCaseload } from '../../../support/caseload';
import { getDemoIds, loadDemoData } from '../../../../src/db/repositories/demo';
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
  toastMessages,
} from '../../app/render-app';

/** The names in the caseload list, in the order shown. */
async function shownNames(): Promise<string[]> {
  const list = await screen.findByRole('list', { name: 'Young people' });
  return within(list)
    .getAllByRole('heading', { level: 2 })
    .map((h) => h.textContent ?? '');
}

function rowOf(name: string): HTMLElement {
  const row = screen.getByRole('link', { name }).closest('li');
  if (!row) throw new Error(`No caseload row for ${name}`);
  return row;
}

describe('CaseloadPage', () => {
  beforeAll(preloadPages, PRELOAD_TIMEOUT);
  beforeEach(resetApp);

  it('explains an empty caseload and offers a first young person or demo data', async () => {
    renderApp('/');

    await findPageHeading('Caseload');
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Your caseload is empty' }),
    ).toBeVisible();
    expect(screen.getByText(/Start by adding a young person you work with/)).toBeVisible();
    expect(screen.getByText(/nothing is sent anywhere/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Add your first young person' })).toHaveAttribute(
      'href',
      '/young-people/new',
    );
    expect(screen.getByRole('button', { name: 'Explore with demo data' })).toBeEnabled();
    expect(screen.queryByRole('list', { name: 'Young people' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove demo data' })).not.toBeInTheDocument();
  });

  it('loads five demo young people with a banner, and removes only them after confirming', async () => {
    const user = userEvent.setup();
    renderApp('/');

    await user.click(await screen.findByRole('button', { name: 'Explore with demo data' }));

    // Open cases first (by name), then the closed one.
    await waitFor(async () =>
      expect(await shownNames()).toEqual([
        'Demo: Amara',
        'Demo: Jordan',
        'Demo: Riley',
        'Demo: Sam',
        'Demo: Kai',
      ]),
    );
    expect(await screen.findByText(/the young people named “Demo: …” are made up/)).toBeVisible();
    expect(screen.getByText('4 open cases, 1 closed')).toBeVisible();
    expect(toastMessages()).toContain('5 fictional young people added to explore');
    expect(await getDemoIds()).toHaveLength(5);

    // A real young person added while the demo is loaded.
    const real = await seedYoungPerson('Mia');
    const realGoal = await seedGoal(real.id);
    await seedSession(real.id, '2026-09-15', [[realGoal.id, 4]]);
    expect(await screen.findByRole('link', { name: 'Mia' })).toBeVisible();

    // Cancelling keeps everything.
    await user.click(screen.getByRole('button', { name: 'Remove demo data' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove the demo data?' });
    expect(dialog).toHaveTextContent('Your own records stay.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await getCaseload()).toHaveLength(6);

    await user.click(screen.getByRole('button', { name: 'Remove demo data' }));
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Remove the demo data?' })).getByRole(
        'button',
        { name: 'Remove demo data' },
      ),
    );

    await waitFor(async () => expect(await shownNames()).toEqual(['Mia']));
    expect(screen.queryByRole('button', { name: 'Remove demo data' })).not.toBeInTheDocument();
    expect(screen.queryByText(/made up, for exploring/)).not.toBeInTheDocument();
    expect(toastMessages()).toContain('Demo data removed');

    const db = getDb();
    expect((await db.youngPeople.toArray()).map((y) => y.name)).toEqual(['Mia']);
    expect((await db.goals.toArray()).map((g) => g.id)).toEqual([realGoal.id]);
    expect(await db.sessions.count()).toBe(1);
    expect((await db.ratings.toArray()).every((r) => r.goalId === realGoal.id)).toBe(true);
    expect(await db.ratings.count()).toBe(2);
    expect(await getDemoIds()).toEqual([]);
  });

  it('keeps a young person who was in the caseload before the demo was loaded', async () => {
    const user = userEvent.setup();
    const real = await seedYoungPerson('Zoë', { programme: 'Walk and Talk' });
    await seedGoal(real.id);
    await loadDemoData();
    renderApp('/');

    await waitFor(async () => expect(await shownNames()).toHaveLength(6));
    await user.click(await screen.findByRole('button', { name: 'Remove demo data' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove demo data' }),
    );

    await waitFor(async () => expect(await shownNames()).toEqual(['Zoë']));
    const rows = await getCaseload();
    expect(rows.map((r) => [r.youngPerson.id, r.goalCount])).toEqual([[real.id, 1]]);
  });

  it('lists open cases first, then closed, with programme, goal and session counts and last session', async () => {
    const ben = await seedYoungPerson('Ben', { programme: 'Back on Track' });
    const amy = await seedYoungPerson('Amy', { programme: 'Friend for Life' });
    await seedYoungPerson('Cara');
    const friends = await seedGoal(ben.id);
    const sleep = await seedGoal(ben.id, { text: 'Sleep before ten', domains: ['basics'] });
    await seedSession(ben.id, '2026-10-06', [
      [friends.id, 5],
      [sleep.id, 6],
    ]);
    await seedSession(ben.id, '2026-09-15', [
      [friends.id, 3],
      [sleep.id, 4],
    ]);
    const amyGoal = await seedGoal(amy.id, { text: 'Join a club' });
    await seedSession(amy.id, '2026-09-20', [[amyGoal.id, 7]]);
    await getDb().goals.update(amyGoal.id, { status: 'achieved' });
    await closeCase(amy.id, '2026-10-01');
    renderApp('/');

    await waitFor(async () => expect(await shownNames()).toEqual(['Ben', 'Cara', 'Amy']));
    expect(screen.getByText('2 open cases, 1 closed')).toBeVisible();

    const benRow = rowOf('Ben');
    expect(within(benRow).getByRole('link', { name: 'Ben' })).toHaveAttribute(
      'href',
      `/young-people/${ben.id}`,
    );
    expect(benRow).toHaveTextContent('Open');
    expect(factsOf(benRow)).toEqual(
      new Map([
        ['Programme', 'Back on Track'],
        ['Goals', '2 goals (2 active)'],
        ['Sessions', '2 sessions'],
        ['Last session', '6 Oct 2026'],
      ]),
    );

    expect(factsOf(rowOf('Cara'))).toEqual(
      new Map([
        ['Programme', 'Not set'],
        ['Goals', '0 goals'],
        ['Sessions', '0 sessions'],
        ['Last session', 'None yet'],
      ]),
    );

    const amyRow = rowOf('Amy');
    expect(amyRow).toHaveTextContent('Closed 1 Oct 2026');
    expect(factsOf(amyRow)).toEqual(
      new Map([
        ['Programme', 'Friend for Life'],
        ['Goals', '1 goal (0 active)'],
        ['Sessions', '1 session'],
        ['Last session', '20 Sep 2026'],
      ]),
    );
  });

  it('searches by name ignoring case and accents, and says when no one matches', async () => {
    const user = userEvent.setup();
    await seedYoungPerson('Zoë');
    await seedYoungPerson('Chloé B');
    await seedYoungPerson('Ben');
    renderApp('/');

    await waitFor(async () => expect(await shownNames()).toEqual(['Ben', 'Chloé B', 'Zoë']));
    const search = screen.getByRole('searchbox', { name: 'Search by name' });

    await user.type(search, 'ZOE');
    await waitFor(async () => expect(await shownNames()).toEqual(['Zoë']));
    expect(screen.getByText('1 of 3 young people shown')).toBeInTheDocument();

    await user.clear(search);
    await user.type(search, 'chloe');
    await waitFor(async () => expect(await shownNames()).toEqual(['Chloé B']));

    fireEvent.change(search, { target: { value: 'Xander' } });
    expect(await screen.findByText('No one in the caseload matches “Xander”.')).toBeVisible();
    expect(screen.queryByRole('list', { name: 'Young people' })).not.toBeInTheDocument();

    await user.clear(search);
    await waitFor(async () => expect(await shownNames()).toEqual(['Ben', 'Chloé B', 'Zoë']));
  });
});
