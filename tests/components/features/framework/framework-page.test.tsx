import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { createGoal, setGoalStatus } from '../../../../src/db/repositories/goals';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import { DOMAINS, MOVES, NOBLE_TRUTHS, findMove } from '../../../../src/domain/framework';
import { goalSchema, type GoalInput } from '../../../../src/domain/schemas';
import { FrameworkPage } from '../../../../src/features/framework/framework-page';

const NOW = new Date(2026, 10, 23, 10, 0, 0);

async function seedYoungPerson(name: string) {
  return createYoungPerson(
    { name, dateOfBirth: '', school: '', programme: '', referralDate: '' },
    NOW,
  );
}

async function seedGoal(youngPersonId: string, text: string, extra: Partial<GoalInput> = {}) {
  const { goal } = await createGoal(
    youngPersonId,
    {
      text,
      domains: ['belonging'],
      moves: ['belonging-make-friends'],
      setBy: 'young-person',
      baseline: 3,
      baselineRatedBy: 'young-person',
      ...extra,
    },
    NOW,
  );
  return goal;
}

function GoalStub() {
  const { youngPersonId, goalId } = useParams();
  return (
    <h1>
      Goal page {youngPersonId} {goalId}
    </h1>
  );
}

function renderPage() {
  const router = createMemoryRouter(
    [
      { path: '/framework', element: <FrameworkPage /> },
      { path: '/young-people/:youngPersonId/goals/:goalId', element: <GoalStub /> },
    ],
    { initialEntries: ['/framework'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

/** The list item of one move, found by its practitioner wording. */
function moveItem(practitioner: string): HTMLElement {
  const heading = screen.getByRole('heading', { level: 3, name: new RegExp(escape(practitioner)) });
  const item = heading.closest('li');
  if (!item) throw new Error(`No list item for ${practitioner}`);
  return item;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Opens a move's linked goals: the button names the count and the move, says it is closed,
 * and is open after a press.
 */
async function openLinkedGoals(
  user: ReturnType<typeof userEvent.setup>,
  move: HTMLElement,
  count: string,
) {
  const toggle = within(move).getByRole('button', { name: new RegExp(`^${count} to move \\d+$`) });
  expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await user.click(toggle);
  expect(toggle).toHaveAttribute('aria-expanded', 'true');
  return toggle;
}

/** Waits until the linked goals have loaded (every move then says something about goals). */
async function goalsLoaded() {
  await waitFor(() => {
    expect(screen.queryByText(/Loading the goals/)).not.toBeInTheDocument();
  });
}

beforeEach(async () => {
  await getDb().delete();
  await getDb().open();
});

describe('FrameworkPage', () => {
  it('shows the five domains in order, each with its line and its moves in both wordings', async () => {
    renderPage();
    expect(
      screen.getByRole('heading', { level: 1, name: 'The Resilience Framework' }),
    ).toBeVisible();

    const regions = DOMAINS.map((d) => screen.getByRole('region', { name: d.name }));
    const headings = screen.getAllByRole('heading', { level: 2 });
    expect(headings.map((h) => h.textContent)).toEqual([
      ...DOMAINS.map((d) => `${d.name}: ${d.about}`),
      'The four noble truths',
    ]);

    DOMAINS.forEach((domain, i) => {
      const region = regions[i];
      if (!region) throw new Error('missing region');
      const moves = within(region).getAllByRole('heading', { level: 3 });
      const expected = MOVES.filter((m) => m.domain === domain.id);
      expect(moves.map((h) => h.textContent)).toEqual(
        expected.map((m) => `Move ${m.number}: ${m.practitioner}`),
      );
    });
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(42);

    // Both wordings of a move whose words differ.
    const housing = moveItem('Good enough housing');
    expect(within(housing).getByText('Good housing')).toBeVisible();
    expect(within(housing).getByText(/young people’s words/)).toBeVisible();
    const boundaries = moveItem('Understand boundaries and keep within them');
    expect(within(boundaries).getByText('Understand right from wrong')).toBeVisible();
  });

  it('shows the four noble truths with their meanings', () => {
    renderPage();
    const section = screen.getByRole('region', { name: 'The four noble truths' });
    for (const truth of NOBLE_TRUTHS) {
      expect(within(section).getByText(truth.name)).toBeVisible();
      expect(within(section).getByText(truth.meaning)).toBeVisible();
    }
  });

  it('lists a goal under each move it is linked to, linking to the goal', async () => {
    const mia = await seedYoungPerson('Mia');
    const sam = await seedYoungPerson('Sam');
    const football = await seedGoal(mia.id, 'Go to football on Saturdays', {
      domains: ['belonging', 'coping'],
      moves: ['belonging-make-friends', 'coping-brave'],
    });
    const calm = await seedGoal(sam.id, 'Stay calm in maths', {
      domains: ['coping'],
      moves: ['coping-calm-down'],
    });
    await setGoalStatus(calm.id, 'achieved', NOW);
    const user = userEvent.setup();
    const router = renderPage();
    await goalsLoaded();

    // Each move says how many goals are linked; the goals are behind that button.
    const friends = moveItem('Make friends and mix with other young people');
    expect(within(friends).queryByRole('link')).not.toBeInTheDocument();
    await openLinkedGoals(user, friends, '1 goal linked');
    const link = within(friends).getByRole('link', { name: /Go to football on Saturdays/ });
    expect(link).toHaveTextContent('“Go to football on Saturdays” Mia');
    expect(link).toHaveAttribute('href', `/young-people/${mia.id}/goals/${football.id}`);
    const brave = moveItem('Being brave');
    await openLinkedGoals(user, brave, '1 goal linked');
    expect(within(brave).getByRole('link', { name: /Go to football/ })).toBeVisible();
    const calming = moveItem('Calming down and self-soothing');
    await openLinkedGoals(user, calming, '1 goal linked');
    expect(within(calming).getByRole('link')).toHaveTextContent(
      '“Stay calm in maths” Sam (achieved)',
    );
    expect(within(moveItem('Good enough housing')).getByText('No goals linked yet')).toBeVisible();
    expect(within(moveItem('Good enough housing')).queryByRole('link')).not.toBeInTheDocument();

    // Counts per domain: the football goal counts in Belonging and in Coping.
    const count = (name: string) =>
      within(screen.getByRole('region', { name })).getByText(/in the caseload linked to/);
    expect(count('Belonging')).toHaveTextContent('1 goal in the caseload linked to Belonging');
    expect(count('Coping')).toHaveTextContent('2 goals in the caseload linked to Coping');
    expect(count('Basics')).toHaveTextContent('0 goals in the caseload linked to Basics');

    await user.click(link);
    expect(
      await screen.findByRole('heading', { name: `Goal page ${mia.id} ${football.id}` }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe(`/young-people/${mia.id}/goals/${football.id}`);
  });

  it('draws no goal until a move is opened, and a long list 50 at a time with focus on the first added', async () => {
    const mia = await seedYoungPerson('Mia');
    const first = await seedGoal(mia.id, 'Goal 001', {
      domains: ['coping'],
      moves: ['coping-calm-down'],
    });
    // 120 goals linked to one move, added in one go (one by one is slow in jsdom).
    const text = (n: number) => `Goal ${String(n).padStart(3, '0')}`;
    await getDb().goals.bulkAdd(
      Array.from({ length: 119 }, (_, i) =>
        goalSchema.parse({ ...first, id: `goal-${i + 2}`, text: text(i + 2) }),
      ),
    );
    const user = userEvent.setup();
    renderPage();
    await goalsLoaded();

    const calming = moveItem('Calming down and self-soothing');
    expect(within(calming).getByText(/120 goals linked/)).toBeVisible();
    // Closed, nothing of the 120 is drawn anywhere on the page.
    expect(screen.queryByRole('link', { name: /Goal \d+/ })).not.toBeInTheDocument();

    const toggle = await openLinkedGoals(user, calming, '120 goals linked');
    const list = within(calming).getByRole('list', { name: /^Goals linked to move \d+$/ });
    expect(toggle).toHaveAttribute('aria-controls', list.parentElement?.id);
    const shownTexts = () =>
      within(list)
        .getAllByRole('link')
        .map((l) => l.querySelector('.framework-move__goal-text')?.textContent);
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => `“${text(i + 1)}”`);
    expect(shownTexts()).toEqual(upTo(50));
    expect(within(calming).getByText('Showing 50 of 120')).toBeVisible();

    await user.click(within(calming).getByRole('button', { name: 'Show 50 more' }));
    expect(shownTexts()).toEqual(upTo(100));
    await waitFor(() => expect(within(list).getByRole('link', { name: /Goal 051/ })).toHaveFocus());
    await user.click(within(calming).getByRole('button', { name: 'Show 20 more' }));
    expect(shownTexts()).toEqual(upTo(120));
    await waitFor(() => expect(within(list).getByRole('link', { name: /Goal 101/ })).toHaveFocus());
    expect(within(calming).getByText('Showing all 120')).toBeVisible();

    // Closing hides the list again.
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(calming).queryByRole('link')).not.toBeInTheDocument();
    expect(within(moveItem('Being brave')).getByText('No goals linked yet')).toBeVisible();
  });

  it('says when no goals are linked to any move', async () => {
    renderPage();
    await goalsLoaded();
    expect(screen.getAllByText('No goals linked yet')).toHaveLength(42);
  });

  it('narrows the moves by either wording and says how many match', async () => {
    const user = userEvent.setup();
    renderPage();
    const search = screen.getByRole('searchbox', { name: 'Search the moves' });

    // Practitioner wording.
    await user.type(search, 'CALMING');
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(1));
    expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent(
      'Calming down and self-soothing',
    );
    expect(screen.getByText('1 of 42 moves match.')).toBeVisible();
    // Only the domain with a match is left; its section says how many of its moves show.
    expect(screen.getAllByRole('region').map((r) => r.getAttribute('data-domain'))).toEqual([
      'coping',
      null,
    ]);
    expect(screen.getByRole('region', { name: 'Coping' })).toHaveTextContent('1 of 9 moves');

    // Young-person wording only: "positivity glasses" is not in the practitioner wording.
    await user.clear(search);
    await user.type(search, 'positivity glasses');
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent(
        findMove('coping-rose-tinted')?.practitioner ?? 'missing',
      ),
    );

    // A word in several moves.
    await user.clear(search);
    await user.type(search, 'relationships');
    await waitFor(() => {
      const titles = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
      expect(titles).toEqual([
        'Move 13: Keep relationships going',
        'Move 14: The more healthy relationships the better',
        'Move 15: Take what you can from relationships where there is some hope',
      ]);
    });

    await user.clear(search);
    await user.type(search, 'zebra');
    expect(await screen.findByText('No moves match “zebra”.')).toBeVisible();
    expect(screen.queryAllByRole('heading', { level: 3 })).toHaveLength(0);

    await user.clear(search);
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(42));
  });
});
