import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import { getClosures } from '../../../../src/db/repositories/closure';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import { formatDate, toIsoDate } from '../../../../src/lib/dates';
import {
  CLUB,
  FRIENDS,
  SCHOOL,
  daysAgo,
  renderClosePage,
  resetAll,
  seedMia,
  toastMessages,
} from './helpers';

const scoreGroup = (text: string) =>
  screen.getByRole('group', { name: `Closing score for “${text}”` });
const outcomeGroup = (text: string) =>
  screen.getByRole('group', { name: new RegExp(`^Outcome of “${text}”`) });

async function openPage(youngPersonId: string) {
  const router = renderClosePage(youngPersonId);
  await screen.findByRole('heading', { level: 1, name: 'Close Mia’s case' });
  return router;
}

describe('CloseCasePage', () => {
  beforeEach(resetAll);

  it('asks for the date, reason, each active goal’s closing score and outcome, and feedback', async () => {
    const { mia } = await seedMia();
    await openPage(mia.id);

    const today = toIsoDate(new Date());
    const date = screen.getByLabelText('Closing date');
    expect(date).toHaveValue(today);
    expect(date).toHaveAttribute('max', today);
    const reasons = screen.getByRole('group', { name: 'Why is the case closing?' });
    expect(
      within(reasons)
        .getAllByRole('radio')
        .map((r) => r.closest('div')?.textContent),
    ).toEqual([
      'Support completed',
      'Moved away',
      'Declined further support',
      'Transferred',
      'Other',
    ]);
    expect(within(reasons).queryByRole('radio', { checked: true })).toBeNull();

    // Only the active goals, each with its words, last score and domain.
    expect(screen.getByRole('heading', { level: 3, name: `“${SCHOOL}”` })).toBeVisible();
    expect(screen.getByRole('heading', { level: 3, name: `“${FRIENDS}”` })).toBeVisible();
    expect(screen.queryByText(new RegExp(CLUB))).toBeNull();
    const lastWeek = formatDate(toIsoDate(daysAgo(7)));
    expect(screen.getByText(`Last score: 5 out of 10 (${lastWeek}).`)).toBeVisible();
    expect(screen.getByText(`Last score: 3 out of 10 (${lastWeek}).`)).toBeVisible();
    expect(within(scoreGroup(SCHOOL)).getByText('Last time: 5')).toBeVisible();
    expect(within(scoreGroup(SCHOOL)).getAllByRole('radio')).toHaveLength(11);
    expect(
      within(outcomeGroup(SCHOOL))
        .getAllByRole('radio')
        .map((r) => r.closest('div')?.textContent),
    ).toEqual(['Reached', 'Partly reached', 'Not yet', 'Stopped']);
    const raters = screen.getByRole('group', { name: 'Who gave the closing scores?' });
    expect(within(raters).getByRole('radio', { name: 'Young person' })).toBeChecked();

    expect(screen.getByLabelText(/How satisfied is the young person/)).toHaveValue('');
    expect(screen.getByLabelText(/How satisfied is a parent or carer/)).toHaveValue('');
    expect(screen.getByLabelText(/The young person’s comments/)).toHaveValue('');
    expect(screen.getByLabelText(/A parent or carer’s comments/)).toHaveValue('');
  });

  it('closes the case, then says so and goes back to the young person', async () => {
    const { mia, school, friends, club } = await seedMia();
    const user = userEvent.setup();
    const router = await openPage(mia.id);

    await user.click(screen.getByRole('radio', { name: 'Support completed' }));
    await user.type(screen.getByLabelText(/The reason in your words/), 'All goals worked on.');
    await user.click(within(scoreGroup(SCHOOL)).getByRole('radio', { name: '9' }));
    await user.click(within(outcomeGroup(SCHOOL)).getByRole('radio', { name: 'Reached' }));
    await user.click(within(scoreGroup(FRIENDS)).getByRole('radio', { name: /^3/ }));
    await user.click(within(outcomeGroup(FRIENDS)).getByRole('radio', { name: 'Not yet' }));
    await user.click(screen.getByRole('radio', { name: 'Coach' }));
    await user.selectOptions(screen.getByLabelText(/How satisfied is the young person/), '9');
    await user.type(screen.getByLabelText(/The young person’s comments/), 'I liked the walks.');
    await user.click(screen.getByRole('button', { name: 'Close case' }));

    await screen.findByRole('heading', { name: `Young person page ${mia.id}` });
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`);
    expect(toastMessages()).toEqual(['Case closed']);

    const today = toIsoDate(new Date());
    const detail = await getYoungPersonDetail(mia.id);
    expect(detail?.youngPerson).toMatchObject({
      status: 'closed',
      closedOn: today,
      closureReason: 'Support completed',
    });
    const goal = (id: string) => detail?.goals.find((g) => g.goal.id === id);
    expect(goal(school.id)?.goal.status).toBe('achieved');
    expect(goal(friends.id)?.goal.status).toBe('active');
    expect(goal(club.id)?.goal.status).toBe('achieved');
    expect(goal(school.id)?.ratings.map((r) => r.score)).toEqual([2, 5, 9]);
    expect(goal(friends.id)?.ratings.map((r) => r.score)).toEqual([3, 3, 3]);
    expect(goal(school.id)?.ratings.at(-1)).toMatchObject({ sessionId: null, ratedBy: 'coach' });
    expect(goal(club.id)?.ratings).toHaveLength(1);

    expect(await getClosures(mia.id)).toEqual([
      expect.objectContaining({
        closedOn: today,
        reason: 'support-completed',
        reasonDetail: 'All goals worked on.',
        goalOutcomes: { [school.id]: 'reached', [friends.id]: 'not-yet' },
        youngPersonSatisfaction: 9,
        parentCarerSatisfaction: null,
        youngPersonComments: 'I liked the walks.',
        parentCarerComments: null,
      }),
    ]);
  });

  it('lists what is missing in form order, says each by its field, and saves nothing', async () => {
    const { mia, school } = await seedMia();
    const user = userEvent.setup();
    const router = await openPage(mia.id);

    await user.click(within(scoreGroup(SCHOOL)).getByRole('radio', { name: '6' }));
    await user.click(screen.getByRole('button', { name: 'Close case' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Reason for closing: Choose a reason for closing.',
      `Outcome of “${SCHOOL}”: Choose how far the goal was reached.`,
      `Closing score for “${FRIENDS}”: Give a closing score from 0 to 10.`,
      `Outcome of “${FRIENDS}”: Choose how far the goal was reached.`,
    ]);
    expect(summary).toHaveFocus();
    expect(
      screen.getByRole('group', { name: 'Why is the case closing?' }),
    ).toHaveAccessibleDescription(/Choose a reason for closing\./);
    expect(scoreGroup(FRIENDS)).toHaveAccessibleDescription(/Give a closing score from 0 to 10\./);
    expect(scoreGroup(SCHOOL)).not.toHaveAttribute('aria-invalid');
    expect(outcomeGroup(FRIENDS)).toHaveAttribute('aria-invalid', 'true');
    // The chosen score is kept for the next try.
    expect(within(scoreGroup(SCHOOL)).getByRole('radio', { name: '6' })).toBeChecked();

    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}/close`);
    expect(toastMessages()).toEqual([]);
    expect((await getDb().youngPeople.get(mia.id))?.status).toBe('open');
    expect(await getDb().closures.count()).toBe(0);
    expect(await getDb().ratings.where('goalId').equals(school.id).count()).toBe(2);
  });

  it('needs the reason in words when the reason is Other', async () => {
    const mia = await createYoungPerson(
      { name: 'Mia', dateOfBirth: '', school: '', programme: '', referralDate: '' },
      daysAgo(5),
    );
    const user = userEvent.setup();
    await openPage(mia.id);

    // With no active goals there is nothing to rate, and no one to ask who rated.
    expect(
      screen.getByText('There are no active goals, so there is nothing to rate.'),
    ).toBeVisible();
    expect(screen.queryByRole('group', { name: 'Who gave the closing scores?' })).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'Other' }));
    expect(screen.getByText('Needed when the reason is Other.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Close case' }));
    const detail = screen.getByLabelText(/The reason in your words/);
    await waitFor(() =>
      expect(detail).toHaveAccessibleDescription(/Say why the case is closing\./),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The reason in your words: Say why the case is closing.',
    );

    await user.type(detail, 'Started college');
    await user.click(screen.getByRole('button', { name: 'Close case' }));
    await screen.findByRole('heading', { name: `Young person page ${mia.id}` });
    expect((await getDb().youngPeople.get(mia.id))?.closureReason).toBe('Started college');
  });

  it('refuses a closing date before the last session, by the date field', async () => {
    const { mia } = await seedMia();
    const user = userEvent.setup();
    await openPage(mia.id);

    const date = screen.getByLabelText('Closing date');
    await user.clear(date);
    await user.type(date, toIsoDate(daysAgo(10)));
    await user.click(screen.getByRole('radio', { name: 'Moved away' }));
    for (const text of [SCHOOL, FRIENDS]) {
      await user.click(within(scoreGroup(text)).getByRole('radio', { name: '4' }));
      await user.click(within(outcomeGroup(text)).getByRole('radio', { name: 'Partly reached' }));
    }
    await user.click(screen.getByRole('button', { name: 'Close case' }));

    const message = `The closing date cannot be before the last session (${formatDate(toIsoDate(daysAgo(7)))}).`;
    await waitFor(() =>
      expect(date).toHaveAccessibleDescription(new RegExp(message.replace(/[().]/g, '\\$&'))),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(`Closing date: ${message}`);
    expect(await getDb().closures.count()).toBe(0);
  });

  it('does not show the form for a case that is already closed', async () => {
    const { mia } = await seedMia();
    await getDb().youngPeople.update(mia.id, { status: 'closed', closedOn: toIsoDate(new Date()) });
    await openPage(mia.id);
    expect(screen.getByText(/Mia’s case is already closed\./)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Mia’s page' })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}`,
    );
    expect(screen.queryByRole('button', { name: 'Close case' })).toBeNull();
  });

  it('says when the young person is not there', async () => {
    renderClosePage('missing');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Young person not found' }),
    ).toBeVisible();
  });

  it('goes back without saving on Cancel', async () => {
    const { mia } = await seedMia();
    const user = userEvent.setup();
    const router = await openPage(mia.id);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}`);
    expect(await getDb().closures.count()).toBe(0);
  });
});
