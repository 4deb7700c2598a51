import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GoalPage } from '../../../../src/features/goals/goal-page';
import { getDb } from '../../../../src/db/database';
import { rateGoal } from '../../../../src/db/repositories/ratings';
import {
  closeCase,
  renderRoute,
  resetApp,
  seedGoal,
  seedSession,
  seedYoungPerson,
  toastMessages,
} from './goal-test-utils';

const PATH = '/young-people/:youngPersonId/goals/:goalId';

async function seedGoalWithSession() {
  const yp = await seedYoungPerson();
  const goal = await seedGoal(yp.id, {
    domains: ['coping', 'belonging'],
    moves: ['coping-brave', 'belonging-make-friends'],
  });
  const session = await seedSession(yp.id, '2026-02-03', [[goal.id, 6]]);
  return { yp, goal, session };
}

const storedGoal = (id: string) => getDb().goals.get(id);

describe('GoalPage', () => {
  beforeEach(resetApp);

  it('shows the words first, then links, progress and every rating', async () => {
    const { yp, goal, session } = await seedGoalWithSession();
    const renderChart = vi.fn(() => <p>Chart here</p>);
    renderRoute(
      PATH,
      `/young-people/${yp.id}/goals/${goal.id}`,
      <GoalPage renderChart={renderChart} />,
    );

    const words = await screen.findByText('“To make friends at high school”');
    expect(screen.getByRole('heading', { level: 1, name: "Mia's goal" })).toBeVisible();
    // The words come before the domains and the scores.
    const domains = screen.getByRole('list', { name: 'Domains' });
    expect(words.compareDocumentPosition(domains) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(
      within(domains)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Belonging', 'Coping']);
    const moves = screen.getByRole('list', { name: 'Resilient moves' });
    expect(moves).toHaveTextContent('Make friends and mix with other young people');
    expect(moves).toHaveTextContent('Young person: Make friends and mix with other people');
    expect(moves).toHaveTextContent('Young person: Be brave');
    expect(screen.getByText('Set by the young person')).toBeVisible();
    expect(screen.getByText('Active')).toBeVisible();
    expect(screen.getByText('Started at 2, now 6 (+4)')).toBeVisible();
    expect(screen.getByText('Starting and latest scores by the young person.')).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Different views' })).not.toBeInTheDocument();
    expect(screen.getByText('Chart here')).toBeVisible();
    expect(renderChart).toHaveBeenCalledWith(
      expect.objectContaining({ title: goal.text, colour: '#BE185D', shape: 'square' }),
    );

    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '10 Jan 20262 out of 10: just startedYoung personStarting score, when the goal was set',
      '3 Feb 20266 out of 10: more than half wayYoung personin session on 3 Feb 2026',
    ]);
    expect(
      within(rows[1] as HTMLElement).getByRole('link', { name: '3 Feb 2026' }),
    ).toHaveAttribute('href', `/young-people/${yp.id}/sessions/${session.id}`);
  });

  it("shows the young person's and the coach's different views side by side, keeping both", async () => {
    const yp = await seedYoungPerson();
    const goal = await seedGoal(yp.id, { baseline: 5 }, new Date('2026-11-01T10:00:00Z'));
    await rateGoal(
      goal.id,
      { score: 8, ratedBy: 'young-person' },
      new Date('2026-11-12T10:00:00Z'),
    );
    await rateGoal(goal.id, { score: 4, ratedBy: 'coach' }, new Date('2026-11-13T10:00:00Z'));
    renderRoute(PATH, `/young-people/${yp.id}/goals/${goal.id}`, <GoalPage />);

    const views = await screen.findByRole('region', { name: 'Different views' });
    expect(
      within(views).getByText('The young person said 8 on 12 Nov 2026; you said 4 on 13 Nov 2026.'),
    ).toBeVisible();
    const pair = within(views).getByRole('list', { name: 'The two ratings side by side' });
    expect(
      within(pair)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'The young person said8 out of 10: nearly there12 Nov 2026',
      'You said4 out of 10: getting going, nearly half way13 Nov 2026',
    ]);
    expect(views).toHaveTextContent('Both scores are kept as they were given.');
    expect(
      screen.getByText('Starting score by the young person; latest by the coach.'),
    ).toBeVisible();

    // Every rating is still there, each with who gave it.
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '1 Nov 20265 out of 10: half wayYoung personStarting score, when the goal was set',
      '12 Nov 20268 out of 10: nearly thereYoung personOutside a session',
      '13 Nov 20264 out of 10: getting going, nearly half wayCoachOutside a session',
    ]);
    const stored = await getDb().ratings.where('goalId').equals(goal.id).sortBy('ratedAt');
    expect(stored.map((r) => [r.score, r.ratedBy])).toEqual([
      [5, 'young-person'],
      [8, 'young-person'],
      [4, 'coach'],
    ]);
  });

  it('shows no different views when the scores are close or far apart in time', async () => {
    const yp = await seedYoungPerson();
    const goal = await seedGoal(yp.id, { baseline: 8 }, new Date('2026-11-01T10:00:00Z'));
    // Six points lower, but eight days later.
    await rateGoal(goal.id, { score: 2, ratedBy: 'coach' }, new Date('2026-11-09T10:00:00Z'));
    // The next day, two points from the coach.
    await rateGoal(
      goal.id,
      { score: 4, ratedBy: 'young-person' },
      new Date('2026-11-10T10:00:00Z'),
    );
    renderRoute(PATH, `/young-people/${yp.id}/goals/${goal.id}`, <GoalPage />);

    expect(await screen.findByText('Started at 8, now 4 (-4)')).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Different views' })).not.toBeInTheDocument();
    expect(screen.queryByText(/you said/)).not.toBeInTheDocument();
  });

  it('marks a goal achieved, makes it active again, and stops it after asking', async () => {
    const user = userEvent.setup();
    const { yp, goal } = await seedGoalWithSession();
    renderRoute(PATH, `/young-people/${yp.id}/goals/${goal.id}`, <GoalPage />);

    await user.click(await screen.findByRole('button', { name: 'Mark as achieved' }));
    expect(await screen.findByText('Achieved')).toBeVisible();
    expect((await storedGoal(goal.id))?.status).toBe('achieved');
    expect(toastMessages()).toContain('Goal marked as achieved');
    expect(screen.queryByRole('link', { name: 'Change this goal' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Make active again' }));
    expect(await screen.findByRole('button', { name: 'Mark as achieved' })).toBeVisible();
    expect((await storedGoal(goal.id))?.status).toBe('active');

    await user.click(screen.getByRole('button', { name: 'Stop this goal' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Stop this goal?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect((await storedGoal(goal.id))?.status).toBe('active');

    await user.click(screen.getByRole('button', { name: 'Stop this goal' }));
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Stop this goal?' })).getByRole('button', {
        name: 'Stop goal',
      }),
    );
    expect(await screen.findByText('Stopped')).toBeVisible();
    expect((await storedGoal(goal.id))?.status).toBe('stopped');
    // Its ratings are kept.
    expect(await getDb().ratings.where('goalId').equals(goal.id).count()).toBe(2);
  });

  it("changes the goal's links but never its words", async () => {
    const user = userEvent.setup();
    const { yp, goal } = await seedGoalWithSession();
    renderRoute(PATH, `/young-people/${yp.id}/goals/${goal.id}`, <GoalPage />);

    expect(
      await screen.findByText(
        /A goal's words stay as they were set; to change them, change the goal/,
      ),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'Change this goal' })).toHaveAttribute(
      'href',
      `/young-people/${yp.id}/goals/new?replaces=${goal.id}`,
    );
    await user.click(screen.getByRole('button', { name: "Change the goal's links" }));
    expect(screen.queryByRole('textbox', { name: /goal/i })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: /^Coping/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Core Self/ }));
    await user.click(screen.getByRole('button', { name: 'Remove Being brave' }));
    await user.click(screen.getByRole('checkbox', { name: /^Foster their talents/ }));
    await user.click(screen.getByRole('button', { name: 'Save links' }));

    expect(await screen.findByRole('button', { name: "Change the goal's links" })).toBeVisible();
    expect(toastMessages()).toContain("Goal's links saved");
    const saved = await storedGoal(goal.id);
    expect(saved).toMatchObject({
      text: goal.text,
      domains: ['belonging', 'core-self'],
      moves: ['belonging-make-friends', 'core-self-talents'],
    });
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Domains' }))
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(['Belonging', 'Core Self']),
    );
  });

  it('will not save links with no domain', async () => {
    const user = userEvent.setup();
    const { yp, goal } = await seedGoalWithSession();
    renderRoute(PATH, `/young-people/${yp.id}/goals/${goal.id}`, <GoalPage />);
    await user.click(await screen.findByRole('button', { name: "Change the goal's links" }));
    await user.click(screen.getByRole('checkbox', { name: /^Coping/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Belonging/ }));
    await user.click(screen.getByRole('button', { name: 'Save links' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose at least one domain.');
    expect((await storedGoal(goal.id))?.domains).toEqual(['belonging', 'coping']);
  });

  it('does not offer to change the goal when the case is closed', async () => {
    const { yp, goal } = await seedGoalWithSession();
    await closeCase(yp.id);
    renderRoute(PATH, `/young-people/${yp.id}/goals/${goal.id}`, <GoalPage />);
    expect(
      await screen.findByText("Mia's case is closed, so this goal cannot be changed."),
    ).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Change this goal' })).not.toBeInTheDocument();
  });

  it('says clearly when the goal is not there', async () => {
    const yp = await seedYoungPerson();
    renderRoute(PATH, `/young-people/${yp.id}/goals/missing`, <GoalPage />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Goal not found' })).toBeVisible();
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'Go to the caseload' })).toHaveAttribute('href', '/'),
    );
  });
});
