import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { getSessionWithRatings, getYoungPersonDetail } from '../../../../src/db/queries';
import { toIsoDate } from '../../../../src/lib/dates';
import {
  daysAgo,
  renderAt,
  resetAll,
  seedGoal,
  seedSession,
  seedYoungPerson,
  toastMessages,
} from './helpers';

const SCHOOL = 'Go to school every day';
const FRIENDS = 'Make a new friend at football';

async function seedMiaWithGoals() {
  const mia = await seedYoungPerson('Mia');
  const school = await seedGoal(mia.id, SCHOOL, 2, { domains: ['learning'] });
  const friends = await seedGoal(mia.id, FRIENDS, 3, {
    domains: ['belonging'],
    moves: ['belonging-make-friends'],
  });
  // A session a week ago moved the school goal from 2 to 5; the friends goal stayed at 3.
  await seedSession(mia.id, [
    { goalId: school.id, score: 5 },
    { goalId: friends.id, score: 3 },
  ]);
  return { mia, school, friends };
}

async function openForm(youngPersonId: string) {
  const router = renderAt(`/young-people/${youngPersonId}/sessions/new`);
  await screen.findByRole('heading', { level: 1, name: 'Log a session with Mia' });
  return router;
}

const goalGroup = (text: string) => screen.getByRole('group', { name: `“${text}”` });

describe('LogSessionPage', () => {
  beforeEach(resetAll);

  it('labels every field and defaults the date to today and the rater to the young person', async () => {
    const { mia } = await seedMiaWithGoals();
    await openForm(mia.id);

    const date = screen.getByLabelText('Date of the session');
    expect(date).toHaveValue(toIsoDate(new Date()));
    expect(date).toHaveAttribute('max', toIsoDate(new Date()));
    expect(screen.getByLabelText(/Length in minutes/)).toHaveValue('');
    const where = screen.getByRole('group', { name: 'Where did it take place?' });
    for (const place of [
      'School',
      'Home',
      'Outdoors',
      'Community venue',
      'Online',
      'Phone',
      'Other',
    ])
      expect(within(where).getByRole('radio', { name: place })).toBeInTheDocument();
    // Where defaults to the last session's place.
    expect(within(where).getByRole('radio', { name: 'School' })).toBeChecked();
    expect(screen.getByRole('heading', { name: 'How close to each goal?' })).toBeInTheDocument();
    expect(goalGroup(SCHOOL)).toBeInTheDocument();
    expect(goalGroup(FRIENDS)).toBeInTheDocument();
    const raters = screen.getByRole('group', { name: 'Who gave these ratings?' });
    expect(within(raters).getByRole('radio', { name: 'Young person' })).toBeChecked();
    expect(within(raters).getByRole('radio', { name: 'Coach' })).not.toBeChecked();
    expect(within(raters).getByRole('radio', { name: 'Parent or carer' })).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Resilient moves made in the session' }),
    ).toBeInTheDocument();
    const truths = screen.getByRole('group', { name: 'Noble truths drawn on' });
    expect(within(truths).getByRole('checkbox', { name: /Accepting/ })).toBeInTheDocument();
    expect(within(truths).getByText(/Starting from where the young person/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Notes/)).toHaveAttribute('maxLength', '20000');
  });

  it("shows each goal's last score and offers to keep it", async () => {
    const { mia } = await seedMiaWithGoals();
    const user = userEvent.setup();
    await openForm(mia.id);

    expect(within(goalGroup(SCHOOL)).getByText('Last time: 5')).toBeInTheDocument();
    expect(within(goalGroup(FRIENDS)).getByText('Last time: 3')).toBeInTheDocument();
    expect(within(goalGroup(SCHOOL)).getByRole('radio', { name: /^5/ })).not.toBeChecked();

    await user.click(screen.getByRole('button', { name: `Keep at 5 for “${SCHOOL}”` }));
    expect(within(goalGroup(SCHOOL)).getByRole('radio', { name: /^5/ })).toBeChecked();
    expect(within(goalGroup(SCHOOL)).getByText(/same as last time/)).toBeInTheDocument();
    // The other goal is untouched.
    expect(within(goalGroup(FRIENDS)).queryByRole('radio', { checked: true })).toBeNull();
  });

  it('blocks saving while a goal has no score, says so by that goal, and saves nothing', async () => {
    const { mia } = await seedMiaWithGoals();
    const user = userEvent.setup();
    const router = await openForm(mia.id);

    await user.click(within(goalGroup(SCHOOL)).getByRole('radio', { name: '7' }));
    await user.click(screen.getByRole('button', { name: 'Save session' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      `“${FRIENDS}”: Set or confirm a score from 0 to 10.`,
    );
    expect(
      within(goalGroup(FRIENDS)).getByText('Set or confirm a score from 0 to 10.'),
    ).toBeInTheDocument();
    expect(within(goalGroup(SCHOOL)).queryByText(/Set or confirm/)).toBeNull();
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}/sessions/new`);
    const detail = await getYoungPersonDetail(mia.id);
    expect(detail?.sessions).toHaveLength(1);
    expect(await getDb().ratings.count()).toBe(4);
    expect(toastMessages()).toEqual([]);
  });

  it('refuses a date after today by the date field', async () => {
    const { mia, school, friends } = await seedMiaWithGoals();
    const user = userEvent.setup();
    await openForm(mia.id);

    const date = screen.getByLabelText('Date of the session');
    fireEvent.change(date, { target: { value: toIsoDate(daysAgo(-2)) } });
    await user.click(screen.getByRole('button', { name: `Keep at 5 for “${SCHOOL}”` }));
    await user.click(screen.getByRole('button', { name: `Keep at 3 for “${FRIENDS}”` }));
    await user.click(screen.getByRole('button', { name: 'Save session' }));

    await waitFor(() =>
      expect(date).toHaveAccessibleDescription(/The session date cannot be after today\./),
    );
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Date: The session date cannot be after today.',
    );
    expect(await getDb().sessions.count()).toBe(1);
    expect(await getDb().ratings.where('goalId').anyOf([school.id, friends.id]).count()).toBe(4);
  });

  it('saves the session and its ratings, then goes back to the young person', async () => {
    const { mia, school, friends } = await seedMiaWithGoals();
    const user = userEvent.setup();
    const router = await openForm(mia.id);

    await user.type(screen.getByLabelText(/Length in minutes/), '50');
    await user.click(screen.getByRole('radio', { name: 'Outdoors' }));
    await user.click(within(goalGroup(SCHOOL)).getByRole('radio', { name: '7' }));
    await user.click(screen.getByRole('button', { name: `Keep at 3 for “${FRIENDS}”` }));
    await user.click(screen.getByRole('radio', { name: 'Coach' }));
    await user.click(
      screen.getByRole('checkbox', { name: /Make friends and mix with other young people/ }),
    );
    await user.click(screen.getByRole('checkbox', { name: /Accepting/ }));
    await user.type(screen.getByLabelText(/^Notes/), 'Walked round the park.');
    await user.click(screen.getByRole('button', { name: 'Save session' }));

    await screen.findByRole('heading', { name: `Young person page ${mia.id}` });
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`);
    expect(toastMessages()).toEqual(['Session saved']);

    const detail = await getYoungPersonDetail(mia.id);
    expect(detail?.sessions).toHaveLength(2);
    const saved = detail?.sessions[0];
    expect(saved).toMatchObject({
      date: toIsoDate(new Date()),
      durationMinutes: 50,
      location: 'outdoors',
      moves: ['belonging-make-friends'],
      nobleTruths: ['accepting'],
      notes: 'Walked round the park.',
    });
    const withRatings = await getSessionWithRatings(saved?.id ?? '');
    const scores = Object.fromEntries(withRatings?.ratings.map((r) => [r.goalId, r.score]) ?? []);
    expect(scores).toEqual({ [school.id]: 7, [friends.id]: 3 });
    expect(withRatings?.ratings.every((r) => r.ratedBy === 'coach')).toBe(true);
    const schoolRatings = detail?.goals.find((g) => g.goal.id === school.id)?.ratings;
    expect(schoolRatings?.map((r) => r.score)).toEqual([2, 5, 7]);
  });

  it('only asks about goals set by the session date', async () => {
    const { mia } = await seedMiaWithGoals();
    const late = await seedGoal(mia.id, 'Sleep before ten', 4, {}, 2);
    await openForm(mia.id);

    expect(goalGroup(late.text)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Date of the session'), {
      target: { value: toIsoDate(daysAgo(5)) },
    });
    await waitFor(() =>
      expect(screen.queryByRole('group', { name: '“Sleep before ten”' })).toBeNull(),
    );
    expect(goalGroup(SCHOOL)).toBeInTheDocument();
  });

  it('says when there are no active goals but still lets the session be logged', async () => {
    const mia = await seedYoungPerson('Mia');
    const user = userEvent.setup();
    const router = await openForm(mia.id);

    expect(screen.getByText(/There are no active goals yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'add a goal first' })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}/goals/new`,
    );
    await user.click(screen.getByRole('radio', { name: 'Home' }));
    await user.click(screen.getByRole('button', { name: 'Save session' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`));
    const detail = await getYoungPersonDetail(mia.id);
    expect(detail?.sessions.map((s) => s.location)).toEqual(['home']);
  });

  it('asks where the session took place when nothing is chosen', async () => {
    const mia = await seedYoungPerson('Mia');
    const user = userEvent.setup();
    await openForm(mia.id);

    await user.click(screen.getByRole('button', { name: 'Save session' }));
    const where = screen.getByRole('group', { name: 'Where did it take place?' });
    expect(
      await within(where).findByText('Choose where the session took place.'),
    ).toBeInTheDocument();
    expect(await getDb().sessions.count()).toBe(0);
  });

  it('shows no form for a closed case', async () => {
    const mia = await seedYoungPerson('Mia');
    await getDb().youngPeople.update(mia.id, { status: 'closed', closedOn: toIsoDate(new Date()) });
    await openForm(mia.id);

    expect(
      screen.getByText(/case is closed, so no new sessions can be logged/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save session' })).toBeNull();
    expect(screen.queryByLabelText('Date of the session')).toBeNull();
  });
});
