import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import { getDb } from '../../../../src/db/database';
import {
  handOverTo,
  renderSpace,
  resetSpace,
  seedYoungPerson,
  toastMessages,
} from './space-test-utils';

const goalsOf = async (id: string) => (await getYoungPersonDetail(id))?.goals ?? [];

async function openAddGoal() {
  const yp = await seedYoungPerson('Mia');
  await handOverTo(yp.id);
  const router = renderSpace('/my-space/goals/new');
  await screen.findByRole('heading', { level: 1, name: 'Add a goal' });
  return { yp, router };
}

describe('MyAddGoalPage', () => {
  beforeEach(resetSpace);

  it('labels every part in words for young people', async () => {
    await openAddGoal();
    expect(
      screen.getByRole('textbox', { name: 'What would you like to be different?' }),
    ).toHaveAccessibleDescription(/Write your goal in your own words/);
    const domains = screen.getByRole('group', { name: 'What is your goal about?' });
    const buttons = within(domains).getAllByRole('button');
    expect(buttons).toHaveLength(5);
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(Array(5).fill('false'));
    expect(buttons[0]).toHaveAccessibleName(
      'Basics the things everyone needs: a home, food, sleep, feeling safe, fun',
    );
    expect(buttons[4]).toHaveAccessibleName('Core Self knowing and believing in yourself');
    // Each button has its own picture and the domain's marker shape.
    expect(buttons[1]?.querySelector('[data-picture="belonging"]')).not.toBeNull();
    expect(buttons[1]?.querySelector('[data-shape="square"]')).not.toBeNull();
    const rating = screen.getByRole('group', { name: 'How close are you now?' });
    expect(within(rating).getAllByRole('radio')).toHaveLength(11);
    expect(rating).toHaveTextContent('reached it!');
    expect(screen.getByRole('button', { name: 'Save my goal' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute('href', '/my-space');
    // No coach wording or choices here.
    expect(screen.queryByText(/resilient moves/i)).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: /who set/i })).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: /who gave/i })).not.toBeInTheDocument();
  });

  it('toggles domain buttons, announcing pressed, and offers their moves in young-person words', async () => {
    const user = userEvent.setup();
    await openAddGoal();
    expect(screen.queryByRole('heading', { name: 'Things that could help' })).toBeNull();
    const coping = screen.getByRole('button', { name: /^Coping/ });
    await user.click(coping);
    expect(coping).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('heading', { name: 'Things that could help' })).toBeVisible();
    const copingMoves = screen.getByRole('group', { name: 'Coping' });
    expect(within(copingMoves).getByRole('checkbox', { name: 'Be brave' })).toBeVisible();
    // The coach's wording of the same move is not used.
    expect(screen.queryByText('Solving problems')).toBeNull();
    expect(
      within(copingMoves).getByRole('checkbox', {
        name: 'Focus on the good things in life: put on your positivity glasses',
      }),
    ).toBeVisible();

    await user.click(coping);
    expect(coping).toHaveAttribute('aria-pressed', 'false');
    expect(screen.queryByRole('group', { name: 'Coping' })).toBeNull();
  });

  it('shows a friendly message by each field when words, a domain and a score are missing', async () => {
    const user = userEvent.setup();
    const { yp } = await openAddGoal();
    await user.click(screen.getByRole('button', { name: 'Save my goal' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent('3 things need checking');
    expect(summary).toHaveTextContent('Your goal: Write your goal in the box.');
    expect(summary).toHaveTextContent('What it is about: Tap at least one picture');
    expect(summary).toHaveTextContent('How close you are: Choose a number from 0 to 10.');
    expect(
      screen.getByRole('textbox', { name: 'What would you like to be different?' }),
    ).toHaveAccessibleDescription(/Write your goal in the box\. Your own words are best\./);
    expect(
      screen.getByRole('group', { name: 'What is your goal about?' }),
    ).toHaveAccessibleDescription(/Tap at least one picture that fits your goal\./);
    expect(
      screen.getByRole('group', { name: 'How close are you now?' }),
    ).toHaveAccessibleDescription(/Choose a number from 0 to 10\./);
    expect(await goalsOf(yp.id)).toHaveLength(0);
  });

  it('asks only for what is still missing', async () => {
    const user = userEvent.setup();
    const { yp } = await openAddGoal();
    await user.type(
      screen.getByRole('textbox', { name: 'What would you like to be different?' }),
      'Feel calmer before tests',
    );
    await user.click(screen.getByRole('button', { name: /^Coping/ }));
    await user.click(screen.getByRole('button', { name: 'Save my goal' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('One thing needs checking');
    expect(summary).toHaveTextContent('Choose a number from 0 to 10.');
    expect(summary).not.toHaveTextContent('Tap at least one picture');
    expect(await goalsOf(yp.id)).toHaveLength(0);

    // Words made only of spaces are not a goal.
    await user.clear(screen.getByRole('textbox', { name: 'What would you like to be different?' }));
    await user.type(
      screen.getByRole('textbox', { name: 'What would you like to be different?' }),
      '   ',
    );
    await user.click(screen.getByRole('radio', { name: '3' }));
    await user.click(screen.getByRole('button', { name: 'Save my goal' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('Write your goal in the box.'),
    );
    expect(await goalsOf(yp.id)).toHaveLength(0);
  });

  it('saves a goal set by the young person, with their own first score as its baseline', async () => {
    const user = userEvent.setup();
    const { yp, router } = await openAddGoal();
    await user.type(
      screen.getByRole('textbox', { name: 'What would you like to be different?' }),
      'Feel calmer before tests',
    );
    await user.click(screen.getByRole('button', { name: /^Learning/ }));
    await user.click(screen.getByRole('button', { name: /^Coping/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Be brave' }));
    await user.click(screen.getByRole('checkbox', { name: 'Organise yourself' }));
    const rating = screen.getByRole('group', { name: 'How close are you now?' });
    await user.click(within(rating).getByRole('radio', { name: '3' }));
    expect(rating).toHaveTextContent('3 out of 10: getting going');
    await user.click(screen.getByRole('button', { name: 'Save my goal' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/my-space'));
    expect(toastMessages()).toContain('Your goal is saved. Well done!');
    const goals = await goalsOf(yp.id);
    expect(goals).toHaveLength(1);
    const saved = goals[0];
    expect(saved?.goal).toMatchObject({
      text: 'Feel calmer before tests',
      domains: ['learning', 'coping'],
      moves: ['learning-organise', 'coping-brave'],
      setBy: 'young-person',
      status: 'active',
    });
    expect(saved?.ratings).toHaveLength(1);
    expect(saved?.ratings[0]).toMatchObject({ score: 3, ratedBy: 'young-person', sessionId: null });
    // Back home, the new goal is on a card.
    expect(
      await screen.findByRole('heading', { level: 3, name: '“Feel calmer before tests”' }),
    ).toBeVisible();
  });

  it('drops the moves of a domain that is taken away again', async () => {
    const user = userEvent.setup();
    const { yp } = await openAddGoal();
    await user.type(
      screen.getByRole('textbox', { name: 'What would you like to be different?' }),
      'Sleep better',
    );
    await user.click(screen.getByRole('button', { name: /^Basics/ }));
    await user.click(screen.getByRole('button', { name: /^Coping/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Be brave' }));
    await user.click(screen.getByRole('checkbox', { name: 'Enough sleep' }));
    await user.click(screen.getByRole('button', { name: /^Coping/ }));
    await user.click(screen.getByRole('radio', { name: '5' }));
    await user.click(screen.getByRole('button', { name: 'Save my goal' }));
    await waitFor(async () => expect(await goalsOf(yp.id)).toHaveLength(1));
    const [saved] = await goalsOf(yp.id);
    expect(saved?.goal.domains).toEqual(['basics']);
    expect(saved?.goal.moves).toEqual(['basics-sleep']);
  });

  it('says so kindly, and saves nothing, when the case has been closed', async () => {
    const { yp } = await openAddGoal();
    await getDb().youngPeople.update(yp.id, { status: 'closed', closedOn: '2026-03-01' });
    expect(await screen.findByText(/You cannot add goals just now/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Save my goal' })).toBeNull();
  });
});
