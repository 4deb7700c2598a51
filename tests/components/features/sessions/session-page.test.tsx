import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { getSessionWithRatings, getYoungPersonDetail } from '../../../../src/db/queries';
import { formatLongDate } from '../../../../src/lib/dates';
import {
  isoDaysAgo,
  renderAt,
  resetAll,
  seedGoal,
  seedSession,
  seedYoungPerson,
  toastMessages,
} from './helpers';

const SCHOOL = 'Go to school every day';
const FRIENDS = 'Make a new friend at football';

async function seedSessionToView() {
  const mia = await seedYoungPerson('Mia');
  const school = await seedGoal(mia.id, SCHOOL, 3, { domains: ['learning'] });
  const friends = await seedGoal(mia.id, FRIENDS, 4, { domains: ['belonging'] });
  const session = await seedSession(
    mia.id,
    [
      { goalId: school.id, score: 6 },
      { goalId: friends.id, score: 4 },
    ],
    {
      date: isoDaysAgo(3),
      durationMinutes: 45,
      location: 'outdoors',
      moves: ['coping-calm-down'],
      nobleTruths: ['commitment'],
      notes: 'Talked about the bus to school.',
      ratedBy: 'coach',
    },
  );
  return { mia, school, friends, session };
}

async function openSession(youngPersonId: string, sessionId: string) {
  const router = renderAt(`/young-people/${youngPersonId}/sessions/${sessionId}`);
  await screen.findByRole('heading', { level: 1, name: /^Session on / });
  return router;
}

describe('SessionPage', () => {
  beforeEach(resetAll);

  it('shows the session with each goal’s score, who rated it and the change', async () => {
    const { mia, session } = await seedSessionToView();
    await openSession(mia.id, session.id);

    expect(
      screen.getByRole('heading', {
        level: 1,
        name: `Session on ${formatLongDate(isoDaysAgo(3))}`,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Outdoors')).toBeInTheDocument();
    expect(screen.getByText('45 minutes')).toBeInTheDocument();

    const school = screen.getByText(`“${SCHOOL}”`).closest('li');
    expect(school).not.toBeNull();
    expect(school).toHaveTextContent('6 out of 10: more than half way');
    expect(school).toHaveTextContent('Rated by the coach.');
    expect(school).toHaveTextContent('Was 3, now 6 (+3).');
    const friends = screen.getByText(`“${FRIENDS}”`).closest('li');
    expect(friends).toHaveTextContent('The same as last time (4).');

    expect(screen.getByText('Calming down and self-soothing')).toBeInTheDocument();
    expect(screen.getByText('Commitment')).toBeInTheDocument();
    expect(screen.getByText('Talked about the bus to school.')).toBeInTheDocument();
  });

  it('edits the session and its ratings', async () => {
    const { mia, school, friends, session } = await seedSessionToView();
    const user = userEvent.setup();
    await openSession(mia.id, session.id);

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const schoolGroup = screen.getByRole('group', { name: `“${SCHOOL}”` });
    // Prefilled, and "last time" is the score before this session, not the one in it.
    expect(within(schoolGroup).getByRole('radio', { name: '6' })).toBeChecked();
    expect(within(schoolGroup).getByText('Last time: 3')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Outdoors' })).toBeChecked();
    expect(screen.getByLabelText(/Length in minutes/)).toHaveValue('45');

    await user.click(within(schoolGroup).getByRole('radio', { name: '8' }));
    await user.click(screen.getByRole('radio', { name: 'Parent or carer' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('button', { name: 'Edit' });
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
    await waitFor(() =>
      expect(screen.getByText(`“${SCHOOL}”`).closest('li')).toHaveTextContent(
        '8 out of 10: nearly there',
      ),
    );
    expect(toastMessages()).toEqual(['Session saved']);
    const saved = await getSessionWithRatings(session.id);
    const scores = Object.fromEntries(saved?.ratings.map((r) => [r.goalId, r.score]) ?? []);
    expect(scores).toEqual({ [school.id]: 8, [friends.id]: 4 });
    expect(saved?.ratings.every((r) => r.ratedBy === 'parent-carer')).toBe(true);
    expect(await getDb().ratings.count()).toBe(4);
  });

  it('deletes the session and its ratings after confirmation', async () => {
    const { mia, session } = await seedSessionToView();
    const user = userEvent.setup();
    const router = await openSession(mia.id, session.id);

    await user.click(screen.getByRole('button', { name: 'Delete session' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this session?' });
    expect(dialog).toHaveTextContent('Its 2 ratings will be deleted too. This cannot be undone.');
    await user.click(within(dialog).getByRole('button', { name: 'Delete session' }));

    await screen.findByRole('heading', { name: `Young person page ${mia.id}` });
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`);
    expect(toastMessages()).toEqual(['Session deleted']);
    expect(await getSessionWithRatings(session.id)).toBeNull();
    expect(await getDb().ratings.where('sessionId').equals(session.id).count()).toBe(0);
    const detail = await getYoungPersonDetail(mia.id);
    expect(detail?.sessions).toEqual([]);
    // The baselines stay.
    expect(detail?.goals.map((g) => g.ratings.length)).toEqual([1, 1]);
  });

  it('keeps the session when the dialog is cancelled', async () => {
    const { mia, session } = await seedSessionToView();
    const user = userEvent.setup();
    const router = await openSession(mia.id, session.id);

    await user.click(screen.getByRole('button', { name: 'Delete session' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this session?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}/sessions/${session.id}`);
    const kept = await getSessionWithRatings(session.id);
    expect(kept?.ratings).toHaveLength(2);
    expect(toastMessages()).toEqual([]);
  });

  it('says so when the session does not exist', async () => {
    const mia = await seedYoungPerson('Mia');
    renderAt(`/young-people/${mia.id}/sessions/no-such-session`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Session not found' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to Mia' })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}`,
    );
  });
});
