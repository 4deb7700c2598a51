import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import { EMPTY_GOAL, initialMyGoal } from '../../../../src/features/young-person-space/space-model';
import {
  handOverTo,
  renderSpace,
  resetSpace,
  seedYoungPerson,
  toastMessages,
} from './space-test-utils';

async function openAddGoal(query: string) {
  const yp = await seedYoungPerson('Mia');
  await handOverTo(yp.id);
  const router = renderSpace(`/my-space/goals/new${query}`);
  await screen.findByRole('heading', { level: 1, name: 'Add a goal' });
  return { yp, router };
}

const domainButtons = () =>
  within(screen.getByRole('group', { name: 'What is your goal about?' })).getAllByRole('button');

describe('initialMyGoal', () => {
  it('starts with the move and its domain, or empty for an unknown or missing move', () => {
    expect(initialMyGoal('coping-brave')).toEqual({
      text: '',
      domains: ['coping'],
      moves: ['coping-brave'],
      baseline: null,
    });
    expect(initialMyGoal('no-such-move')).toEqual(EMPTY_GOAL);
    expect(initialMyGoal(null)).toEqual(EMPTY_GOAL);
  });
});

describe('MyAddGoalPage with ?move=', () => {
  beforeEach(resetSpace);

  it('opens with the move ticked and its domain chosen, and saves them', async () => {
    const user = userEvent.setup();
    const { yp, router } = await openAddGoal('?move=coping-brave');

    expect(screen.getByText(/From your map:/)).toHaveTextContent(
      'From your map: Be brave. It is ticked below, and you can change it.',
    );
    const pressed = domainButtons().filter((b) => b.getAttribute('aria-pressed') === 'true');
    expect(pressed).toHaveLength(1);
    expect(pressed[0]).toHaveAccessibleName(/^Coping/);
    const coping = screen.getByRole('group', { name: 'Coping' });
    expect(within(coping).getByRole('checkbox', { name: 'Be brave' })).toBeChecked();
    expect(
      within(coping)
        .getAllByRole('checkbox')
        .filter((b) => (b as HTMLInputElement).checked),
    ).toHaveLength(1);

    await user.type(
      screen.getByRole('textbox', { name: 'What would you like to be different?' }),
      'I want to join the drama club',
    );
    const rating = screen.getByRole('group', { name: 'How close are you now?' });
    await user.click(within(rating).getByRole('radio', { name: '3' }));
    await user.click(screen.getByRole('button', { name: 'Save my goal' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/my-space'));
    expect(toastMessages()).toEqual(['Your goal is saved. Well done!']);
    const goals = (await getYoungPersonDetail(yp.id))?.goals ?? [];
    expect(goals.map((g) => g.goal)).toEqual([
      expect.objectContaining({
        text: 'I want to join the drama club',
        domains: ['coping'],
        moves: ['coping-brave'],
        setBy: 'young-person',
      }),
    ]);
  });

  it('drops the move when its domain is taken away', async () => {
    const user = userEvent.setup();
    await openAddGoal('?move=coping-brave');
    await user.click(screen.getByRole('button', { name: /^Coping/ }));
    expect(screen.queryByRole('group', { name: 'Coping' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Coping/ }));
    expect(screen.getByRole('checkbox', { name: 'Be brave' })).not.toBeChecked();
  });

  it('opens empty for a move it does not know', async () => {
    await openAddGoal('?move=no-such-move');
    expect(domainButtons().map((b) => b.getAttribute('aria-pressed'))).toEqual(
      Array(5).fill('false'),
    );
    expect(screen.queryByRole('heading', { name: 'Things that could help' })).toBeNull();
    expect(screen.queryByText(/From your map:/)).toBeNull();
  });
});
