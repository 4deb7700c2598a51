import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AddGoalPage } from '../../../../src/features/goals/add-goal-page';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import { findMove } from '../../../../src/domain/framework';
import { goalFormValuesFromMove, moveFromQuery } from '../../../../src/features/goals/goal-model';
import { renderRoute, resetApp, seedGoal, seedYoungPerson, toastMessages } from './goal-test-utils';

const PATH = '/young-people/:youngPersonId/goals/new';

function renderAddGoal(youngPersonId: string, query: string) {
  return renderRoute(PATH, `/young-people/${youngPersonId}/goals/new${query}`, <AddGoalPage />);
}

const domainGroup = () =>
  screen.getByRole('group', { name: 'Which parts of the framework does this goal link to?' });

describe('goal form values from a move', () => {
  it('knows only real move ids', () => {
    expect(moveFromQuery('coping-brave')?.practitioner).toBe('Being brave');
    expect(moveFromQuery('not-a-move')).toBeUndefined();
    expect(moveFromQuery(null)).toBeUndefined();
    expect(moveFromQuery('')).toBeUndefined();
  });

  it('chooses the move and ticks its domain, leaving the rest empty', () => {
    const move = findMove('learning-mentors');
    expect(move).toBeDefined();
    if (!move) return;
    expect(goalFormValuesFromMove(move)).toEqual({
      text: '',
      domains: ['learning'],
      moves: ['learning-mentors'],
      setBy: null,
      baseline: null,
      baselineRatedBy: 'young-person',
    });
  });
});

describe('AddGoalPage with ?move=', () => {
  beforeEach(resetApp);

  it('opens with the move chosen and its domain ticked, and saves them', async () => {
    const user = userEvent.setup();
    const yp = await seedYoungPerson();
    renderAddGoal(yp.id, '?move=coping-brave');

    expect(await screen.findByRole('heading', { level: 1, name: 'Add a goal' })).toBeVisible();
    expect(screen.getByText(/This goal starts from the move/)).toHaveTextContent(
      'This goal starts from the move Being brave in Coping, from the resilience map.',
    );
    const boxes = within(domainGroup()).getAllByRole('checkbox');
    expect(boxes.filter((b) => (b as HTMLInputElement).checked)).toHaveLength(1);
    expect(within(domainGroup()).getByRole('checkbox', { name: /^Coping/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Being brave/ })).toBeChecked();
    const chosen = screen.getByRole('list', { name: 'Chosen moves' });
    expect(within(chosen).getAllByRole('button')).toHaveLength(1);
    expect(within(chosen).getByRole('button', { name: 'Remove Being brave' })).toBeVisible();

    await user.type(
      screen.getByRole('textbox', { name: 'What is the goal?' }),
      'To put my hand up in class',
    );
    await user.click(screen.getByRole('radio', { name: 'Together' }));
    const rating = screen.getByRole('group', {
      name: 'How close is the young person to this goal now?',
    });
    await user.click(within(rating).getByRole('radio', { name: '4' }));
    await user.click(screen.getByRole('button', { name: 'Save goal' }));

    expect(await screen.findByText(`Young person page ${yp.id}`)).toBeVisible();
    expect(toastMessages()).toEqual(['Goal added']);
    const goals = (await getYoungPersonDetail(yp.id))?.goals ?? [];
    expect(goals.map((g) => g.goal)).toEqual([
      expect.objectContaining({
        text: 'To put my hand up in class',
        domains: ['coping'],
        moves: ['coping-brave'],
        setBy: 'together',
      }),
    ]);
  });

  it('lets the coach take the move away again', async () => {
    const user = userEvent.setup();
    const yp = await seedYoungPerson();
    renderAddGoal(yp.id, '?move=coping-brave');
    await user.click(await screen.findByRole('button', { name: 'Remove Being brave' }));
    expect(screen.getByRole('checkbox', { name: /^Being brave/ })).not.toBeChecked();
    expect(screen.getByText('No moves chosen yet.')).toBeVisible();
  });

  it('ignores a move id it does not know', async () => {
    const yp = await seedYoungPerson();
    renderAddGoal(yp.id, '?move=no-such-move');
    expect(await screen.findByRole('heading', { level: 1, name: 'Add a goal' })).toBeVisible();
    expect(screen.queryByText(/This goal starts from the move/)).toBeNull();
    expect(
      within(domainGroup())
        .getAllByRole('checkbox')
        .filter((b) => (b as HTMLInputElement).checked),
    ).toEqual([]);
    expect(screen.getByText('No moves chosen yet.')).toBeVisible();
  });

  it('keeps the goal being changed when ?replaces= is given too', async () => {
    const yp = await seedYoungPerson();
    const goal = await seedGoal(yp.id);
    renderAddGoal(yp.id, `?replaces=${goal.id}&move=coping-brave`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Change a goal' })).toBeVisible();
    expect(screen.queryByText(/This goal starts from the move/)).toBeNull();
    expect(within(domainGroup()).getByRole('checkbox', { name: /^Belonging/ })).toBeChecked();
    expect(within(domainGroup()).getByRole('checkbox', { name: /^Coping/ })).not.toBeChecked();
  });
});
