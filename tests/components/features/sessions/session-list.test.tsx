import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import type { Session } from '../../../../src/domain/schemas';
import { SessionList } from '../../../../src/features/sessions/session-list';
import { countRatingsBySession } from '../../../../src/features/sessions/session-model';
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
});
