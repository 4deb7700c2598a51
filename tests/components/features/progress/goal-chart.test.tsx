import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Rater, Rating } from '../../../../src/domain/schemas';
import { GoalChart } from '../../../../src/features/progress/goal-chart';
import { GoalCharts } from '../../../../src/features/progress/goal-charts';

// Midday UTC keeps the local calendar date the same in any time zone within 11 hours of UTC.
function rating(id: string, day: string, score: number, ratedBy: Rater): Rating {
  const ratedAt = `${day}T12:00:00.000Z`;
  return { id, goalId: 'g1', sessionId: null, score, ratedAt, ratedBy, updatedAt: ratedAt };
}

// Given out of order: the chart must sort them by ratedAt.
const RATINGS = [
  rating('r3', '2026-11-26', 6, 'young-person'),
  rating('r1', '2026-11-12', 2, 'young-person'),
  rating('r2', '2026-11-19', 5, 'coach'),
];
const GOAL = 'Go to school three days a week';

function points() {
  return screen.getAllByRole('img', { name: /out of 10/ });
}

function readout(container: HTMLElement) {
  const live = container.querySelector('[aria-live="polite"]');
  if (!live) throw new Error('No live caption');
  return live;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('GoalChart', () => {
  it('draws one focusable point per rating, named with its date, score and rater', () => {
    render(<GoalChart title={GOAL} ratings={RATINGS} colour="#1D4ED8" shape="diamond" />);
    const found = points();
    expect(found.map((p) => p.getAttribute('aria-label'))).toEqual([
      '12 Nov 2026: 2 out of 10, rated by the young person (baseline)',
      '19 Nov 2026: 5 out of 10, rated by the coach',
      '26 Nov 2026: 6 out of 10, rated by the young person',
    ]);
    for (const point of found) expect(point).toHaveAttribute('tabindex', '0');
    // They are drawn inside the chart's SVG, not somewhere else on the page.
    for (const point of found) expect(point.closest('svg')).not.toBeNull();
  });

  it('shows the focused or hovered point in the caption under the chart', async () => {
    const user = userEvent.setup();
    const { container } = render(<GoalChart title={GOAL} ratings={RATINGS} />);
    expect(readout(container)).toHaveTextContent(/select a point/i);

    await user.tab();
    expect(points()[0]).toHaveFocus();
    expect(readout(container)).toHaveTextContent(
      '12 Nov 2026: 2 out of 10, rated by the young person (baseline)',
    );

    await user.tab();
    expect(points()[1]).toHaveFocus();
    expect(readout(container)).toHaveTextContent('19 Nov 2026: 5 out of 10, rated by the coach');

    const last = points()[2];
    if (!last) throw new Error('No third point');
    await user.hover(last);
    expect(readout(container)).toHaveTextContent(
      '26 Nov 2026: 6 out of 10, rated by the young person',
    );
  });

  it('names the figure with the goal and summarises progress as a journey', () => {
    render(<GoalChart title={GOAL} ratings={RATINGS} />);
    const figure = screen.getByRole('figure', { name: `"${GOAL}"` });
    expect(figure).toHaveAccessibleDescription('Started at 2, now 6 (+4)');
  });

  it('labels the dashed baseline line with the baseline score', () => {
    const { container } = render(<GoalChart title={GOAL} ratings={RATINGS} />);
    const label = screen.getByText('Baseline 2');
    expect(label.closest('svg')).not.toBeNull();
    expect(container.querySelector('line[stroke-dasharray]')).not.toBeNull();
  });

  it('reveals a table with the same numbers from "Show as table"', async () => {
    const user = userEvent.setup();
    render(<GoalChart title={GOAL} ratings={RATINGS} />);
    const toggle = screen.getByRole('button', { name: 'Show as table' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveAccessibleName('Hide table');
    const table = screen.getByRole('table', { name: `Scores for "${GOAL}"` });
    expect(toggle.getAttribute('aria-controls')).toBe(table.parentElement?.id);
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent));
    expect(rows).toEqual([
      ['Date', 'Score (out of 10)', 'Rated by', 'Note'],
      ['12 Nov 2026', '2', 'Young person', 'Baseline'],
      ['19 Nov 2026', '5', 'Coach', ''],
      ['26 Nov 2026', '6', 'Young person', ''],
    ]);

    await user.click(toggle);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a key to the markers only when more than one person rated', () => {
    const { unmount } = render(<GoalChart title={GOAL} ratings={RATINGS} />);
    const key = screen.getByRole('list', { name: 'Key to markers' });
    expect(
      within(key)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Young person', 'Coach']);
    unmount();

    render(<GoalChart title={GOAL} ratings={[RATINGS[0], RATINGS[1]].filter((r) => !!r)} />);
    expect(screen.queryByRole('list', { name: 'Key to markers' })).not.toBeInTheDocument();
  });

  it('says there is nothing to chart when the goal has no ratings', () => {
    render(<GoalChart title={GOAL} ratings={[]} />);
    expect(screen.getByText(/no scores yet/i)).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: `"${GOAL}"` })).toHaveAccessibleDescription(
      'Not rated yet',
    );
    expect(screen.queryAllByRole('img')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Show as table' })).not.toBeInTheDocument();
  });

  it('shows a single baseline rating as one point', () => {
    render(<GoalChart title={GOAL} ratings={[rating('only', '2026-11-12', 4, 'coach')]} />);
    expect(points()).toHaveLength(1);
    expect(screen.getByText('Baseline 4, not rated again yet')).toBeInTheDocument();
  });

  it('does not animate the line when the user prefers reduced motion', () => {
    const { container, unmount } = render(<GoalChart title={GOAL} ratings={RATINGS} />);
    // recharts draws the line in by animating its dash array.
    expect(container.querySelector('path.recharts-line-curve')).toHaveAttribute('stroke-dasharray');
    unmount();

    vi.stubGlobal('matchMedia', (media: string) => ({
      matches: media === '(prefers-reduced-motion: reduce)',
      media,
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    const reduced = render(<GoalChart title={GOAL} ratings={RATINGS} />);
    const line = reduced.container.querySelector('path.recharts-line-curve');
    expect(line).not.toBeNull();
    expect(line).not.toHaveAttribute('stroke-dasharray');
  });
});

describe('GoalCharts', () => {
  it('lists every goal as a small chart named by its words, with its domains in text', () => {
    render(
      <GoalCharts
        goals={[
          { id: 'g1', text: GOAL, domains: ['learning'], ratings: RATINGS },
          {
            id: 'g2',
            text: 'Feel calmer before tests',
            domains: ['coping', 'core-self'],
            ratings: [],
          },
        ]}
      />,
    );
    // One list item per goal (each chart's key is a list of its own).
    const items = screen.getAllByRole('figure').map((figure) => figure.closest('li'));
    expect(items).toHaveLength(2);
    expect(items[0]?.parentElement).toBe(items[1]?.parentElement);
    const [first, second] = items;
    if (!first || !second) throw new Error('Expected two goals');
    expect(within(first).getByRole('figure', { name: `"${GOAL}"` })).toBeInTheDocument();
    expect(within(first).getByText('Domain: Learning')).toBeInTheDocument();
    expect(within(first).getAllByRole('img', { name: /out of 10/ })).toHaveLength(3);
    expect(
      within(second).getByRole('figure', { name: '"Feel calmer before tests"' }),
    ).toBeInTheDocument();
    expect(within(second).getByText('Domains: Coping, Core Self')).toBeInTheDocument();
    expect(screen.queryByRole('heading')).not.toBeInTheDocument();
  });
});
