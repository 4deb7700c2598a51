import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MyJourneySummaryPage } from '../../../../src/features/summary/my-journey-summary-page';
import { renderRoute, resetApp, seedCase } from './summary-test-utils';

const PATH = '/young-people/:youngPersonId/summary/young-person';

async function renderJourney(id: string, renderChart = vi.fn(() => <p>Chart here</p>)) {
  renderRoute(
    PATH,
    `/young-people/${id}/summary/young-person`,
    <MyJourneySummaryPage renderChart={renderChart} />,
  );
  await screen.findByRole('heading', { level: 1, name: 'My resilience journey' });
  return renderChart;
}

describe('MyJourneySummaryPage', () => {
  beforeEach(resetApp);
  afterEach(() => vi.restoreAllMocks());

  it('celebrates each goal in the young person’s words, from their own scores', async () => {
    const { yp } = await seedCase();
    const renderChart = await renderJourney(yp.id);
    expect(screen.getByText('Kai Brown, look at everything you have done!')).toBeVisible();
    expect(screen.getByText('We met 2 times, from 20 Jan 2026 to 10 Feb 2026.')).toBeVisible();

    const calm = screen.getByRole('region', { name: '“Feel calm before tests”' });
    expect(within(calm).getByText('You started at 2 and got to 6!')).toBeVisible();
    expect(within(calm).getByText('You reached this goal!')).toBeVisible();
    expect(within(calm).getByRole('list', { name: 'What it is about' })).toHaveTextContent(
      'Copingways to get through tough times',
    );
    expect(calm).toHaveTextContent('Things that help: Calm down and make yourself feel better');
    const rows = within(within(calm).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '10 Jan 20262 out of 10: just started',
      '20 Jan 20265 out of 10: half way',
      '10 Feb 20266 out of 10: more than half way',
    ]);
    expect(within(calm).getByText('Chart here')).toBeVisible();
    expect(renderChart).toHaveBeenCalledTimes(2);

    const friends = screen.getByRole('region', { name: '“See my friends at the weekend”' });
    expect(
      within(friends).getByText(
        "You started at 6 and you're at 5 now. Things go up and down, and you kept going.",
      ),
    ).toBeVisible();
  });

  it('lists the parts of life and the moves worked on, in young-person wording', async () => {
    const { yp } = await seedCase();
    await renderJourney(yp.id);
    const areas = screen.getByRole('region', { name: 'The parts of your life you worked on' });
    expect(
      within(areas)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Belonging: people and places where you fit in',
      'Coping: ways to get through tough times',
      'Core Self: knowing and believing in yourself',
    ]);
    const moves = screen.getByRole('region', { name: 'Things we worked on together' });
    expect(
      within(moves)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Know and understand yourself', 'Calm down and make yourself feel better']);
    expect(screen.getByRole('region', { name: 'What you said' })).toHaveTextContent(
      '“It really helped”',
    );
  });

  it('shows no notes and nothing only the coach should see', async () => {
    const { yp } = await seedCase();
    await renderJourney(yp.id);
    const page = document.body.textContent ?? '';
    expect(page).not.toContain('Private coach note');
    expect(page).not.toContain('Kai is calmer at home');
    expect(page).not.toMatch(/reliable/i);
    expect(page).not.toContain('Accepting');
    expect(page).not.toContain('Satisfaction');
    expect(page).not.toContain('Coach');
    expect(page).not.toContain('Hillside');
  });

  it('prints with the browser print dialog', async () => {
    const { yp } = await seedCase();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await renderJourney(yp.id);
    const button = screen.getByRole('button', { name: 'Print or save as PDF' });
    // Said before printing: the printout is plain text.
    expect(button).toHaveAccessibleDescription(
      /^Not encrypted: the printout \(or PDF\) holds Kai Brown's goals and ratings in plain text\./,
    );
    await userEvent.setup().click(button);
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.body.querySelector('.print-running-line')).toHaveTextContent(
      'Kai Brown · My resilience journey ·',
    );
  });

  it('says so when there is no such young person', async () => {
    renderRoute(PATH, '/young-people/nobody/summary/young-person', <MyJourneySummaryPage />);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Young person not found' }),
    ).toBeVisible();
  });
});
