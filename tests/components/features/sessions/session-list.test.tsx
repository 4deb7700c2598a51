import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import { sessionSchema, type Session } from '../../../../src/domain/schemas';
import { SessionList } from '../../../../src/features/sessions/session-list';
import { countRatingsBySession } from '../../../../src/domain/rating-rules';
import { formatLongDate } from '../../../../src/lib/dates';
import { isoDaysAgo, resetAll, seedGoal, seedSession, seedYoungPerson } from './helpers';

function renderList(
  youngPersonId: string,
  sessions: Session[],
  ratingsBySession?: Map<string, number>,
) {
  const router = createMemoryRouter(
    [
      {
        path: '/young-people/:youngPersonId',
        element: (
          <SessionList
            youngPersonId={youngPersonId}
            sessions={sessions}
            ratingsBySession={ratingsBySession}
          />
        ),
      },
    ],
    { initialEntries: [`/young-people/${youngPersonId}`] },
  );
  render(<RouterProvider router={router} />);
}

/** `count` weekly sessions (validated records), newest first: `s-1` is the newest. */
function weeklySessions(count: number): Session[] {
  return Array.from({ length: count }, (_, i) =>
    sessionSchema.parse({
      id: `s-${i + 1}`,
      youngPersonId: 'yp-1',
      date: isoDaysAgo(7 * (i + 1)),
      durationMinutes: 45,
      location: 'school',
      moves: [],
      nobleTruths: [],
      notes: '',
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-01T10:00:00.000Z',
    }),
  );
}

describe('SessionList', () => {
  beforeEach(resetAll);

  it('lists sessions newest first, each linking to its page with its details', async () => {
    const mia = await seedYoungPerson('Mia');
    const school = await seedGoal(mia.id, 'Go to school every day', 3);
    const friends = await seedGoal(mia.id, 'Make a new friend', 3);
    // Logged out of date order on purpose.
    const middle = await seedSession(
      mia.id,
      [
        { goalId: school.id, score: 4 },
        { goalId: friends.id, score: 4 },
      ],
      { date: isoDaysAgo(6), location: 'home', durationMinutes: 30 },
    );
    const newest = await seedSession(
      mia.id,
      [
        { goalId: school.id, score: 5 },
        { goalId: friends.id, score: 5 },
      ],
      { date: isoDaysAgo(1), location: 'online', durationMinutes: 1 },
    );
    const oldest = await seedSession(
      mia.id,
      [
        { goalId: school.id, score: 3 },
        { goalId: friends.id, score: 3 },
      ],
      { date: isoDaysAgo(12), location: 'community', durationMinutes: '' },
    );
    const detail = await getYoungPersonDetail(mia.id);
    if (!detail) throw new Error('seed failed');

    renderList(mia.id, detail.sessions, countRatingsBySession(detail.goals));

    const links = within(screen.getByRole('list')).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(
      [newest, middle, oldest].map((s) => `/young-people/${mia.id}/sessions/${s.id}`),
    );
    expect(links[0]).toHaveTextContent(formatLongDate(isoDaysAgo(1)));
    expect(links[0]).toHaveTextContent('Online · 1 minute · 2 goals rated');
    expect(links[1]).toHaveTextContent('Home · 30 minutes · 2 goals rated');
    expect(links[2]).toHaveTextContent('Community venue · 2 goals rated');
  });

  it('shows an empty state with a way to log the first session', () => {
    renderList('yp-1', []);

    expect(screen.getByText('No sessions yet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Log session' })).toHaveAttribute(
      'href',
      '/young-people/yp-1/sessions/new',
    );
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows the newest 20 of a long list, and "Show more" adds the next 20 and moves focus to the first', async () => {
    const user = userEvent.setup();
    const sessions = weeklySessions(45);
    renderList('yp-1', sessions);
    const shownIds = () =>
      within(screen.getByRole('list'))
        .getAllByRole('link')
        .map((l) => l.getAttribute('href')?.split('/').at(-1));
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => `s-${i + 1}`);
    const linkTo = (id: string) =>
      within(screen.getByRole('list'))
        .getAllByRole('link')
        .find((l) => l.getAttribute('href')?.endsWith(`/${id}`));

    expect(shownIds()).toEqual(upTo(20));
    expect(screen.getByText('Showing 20 of 45')).toBeVisible();
    const more = screen.getByRole('button', { name: 'Show 20 more' });
    expect(more).toHaveAccessibleDescription('Showing 20 of 45');

    await user.click(more);
    expect(shownIds()).toEqual(upTo(40));
    expect(screen.getByText('Showing 40 of 45')).toBeVisible();
    await waitFor(() => expect(linkTo('s-21')).toHaveFocus());
    expect(linkTo('s-21')).toHaveTextContent(formatLongDate(isoDaysAgo(7 * 21)));

    // The last press adds what is left; the button goes and focus is on the first new one.
    await user.click(screen.getByRole('button', { name: 'Show 5 more' }));
    expect(shownIds()).toEqual(upTo(45));
    await waitFor(() => expect(linkTo('s-41')).toHaveFocus());
    expect(screen.getByText('Showing all 45')).toBeVisible();
    expect(screen.queryByRole('button', { name: /more$/ })).not.toBeInTheDocument();
  });

  it('shows no "Show more" for 20 sessions or fewer', () => {
    const sessions = weeklySessions(20);
    renderList('yp-1', sessions);
    expect(within(screen.getByRole('list')).getAllByRole('link')).toHaveLength(20);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByText(/^Showing/)).not.toBeInTheDocument();
  });
});
