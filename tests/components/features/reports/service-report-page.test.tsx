import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { getDb } from '../../../../src/db/database';
import { closeCase } from '../../../../src/db/repositories/closure';
import { createGoal } from '../../../../src/db/repositories/goals';
import { logSession } from '../../../../src/db/repositories/sessions';
import { setReliableChangeThreshold } from '../../../../src/db/repositories/settings';
import { createYoungPerson } from '../../../../src/db/repositories/young-people';
import type { DomainId } from '../../../../src/domain/framework';
import type { Location } from '../../../../src/domain/schemas';
import { ServiceReportPage } from '../../../../src/features/reports/service-report-page';
import { useToastStore } from '../../../../src/stores/toast-store';
import { blobText, captureDownloads } from '../../downloads';

const RANGE = '?from=2026-01-01&to=2026-06-30';

function renderReport(query = RANGE) {
  const router = createMemoryRouter(
    [
      { path: '/reports', element: <ServiceReportPage /> },
      { path: '/settings', element: <p>Settings</p> },
    ],
    { initialEntries: [`/reports${query}`] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

async function seedCase(options: {
  name: string;
  programme: string;
  referralDate: string;
  goalDay: string;
  domains: DomainId[];
  baseline: number;
  session: { date: string; score: number; location: Location; moves: string[] };
}) {
  const yp = await createYoungPerson(
    {
      name: options.name,
      dateOfBirth: '2013-04-04',
      school: '',
      programme: options.programme,
      referralDate: options.referralDate,
    },
    new Date(`${options.referralDate}T10:00:00Z`),
  );
  const { goal } = await createGoal(
    yp.id,
    {
      text: `${options.name}'s goal`,
      domains: options.domains,
      moves: [],
      setBy: 'together',
      baseline: options.baseline,
      baselineRatedBy: 'young-person',
    },
    new Date(`${options.goalDay}T10:00:00Z`),
  );
  await logSession(
    yp.id,
    {
      date: options.session.date,
      durationMinutes: 45,
      location: options.session.location,
      moves: options.session.moves,
      nobleTruths: ['accepting'],
      notes: 'Private notes',
      ratedBy: 'young-person',
      ratings: [{ goalId: goal.id, score: options.session.score }],
    },
    new Date(`${options.session.date}T15:00:00Z`),
  );
  return { yp, goal };
}

/** Ana (Walk and Talk): 2 -> 5 -> closed at 8 (+6). Bo (Back on Track, open): 4 -> 3 (-1). */
async function seedTwoProgrammes() {
  const ana = await seedCase({
    name: 'Ana',
    programme: 'Walk and Talk',
    referralDate: '2026-01-05',
    goalDay: '2026-01-10',
    domains: ['coping', 'core-self'],
    baseline: 2,
    session: { date: '2026-01-12', score: 5, location: 'outdoors', moves: ['coping-calm-down'] },
  });
  await closeCase(
    ana.yp.id,
    {
      closedOn: '2026-02-01',
      reason: 'support-completed',
      closingRatings: [{ goalId: ana.goal.id, score: 8 }],
      closingRatedBy: 'young-person',
      goalOutcomes: { [ana.goal.id]: 'reached' },
      youngPersonSatisfaction: 9,
      parentCarerSatisfaction: 10,
    },
    new Date('2026-02-01T16:00:00Z'),
  );
  await seedCase({
    name: 'Bo',
    programme: 'Back on Track',
    referralDate: '2026-01-20',
    goalDay: '2026-02-01',
    domains: ['learning'],
    baseline: 4,
    session: { date: '2026-02-03', score: 3, location: 'school', moves: [] },
  });
}

const figure = (name: string) => screen.getByRole('group', { name });

describe('ServiceReportPage', () => {
  beforeEach(async () => {
    await getDb().delete();
    await getDb().open();
    useToastStore.setState({ toasts: [] });
  });

  it('shows every figure over all programmes, with its basis and the few-cases note', async () => {
    await seedTwoProgrammes();
    renderReport();
    expect(await screen.findByRole('heading', { level: 1, name: 'Service report' })).toBeVisible();
    expect(
      await screen.findByText(/All programmes, 1 Jan 2026 to 30 Jun 2026: 2 young people/),
    ).toBeVisible();
    expect(within(figure('Young people')).getByText('2')).toBeVisible();
    expect(within(figure('Closed cases')).getByText('1')).toBeVisible();
    expect(within(figure('Goals per young person')).getByText('1 to 1, mean 1')).toBeVisible();
    expect(within(figure('Mean baseline')).getByText('3')).toBeVisible();
    expect(within(figure('Mean closing score')).getByText('5.5')).toBeVisible();
    const change = figure('Mean change');
    expect(within(change).getByText('+2.5')).toBeVisible();
    expect(within(change).getByText('From 2 goals with two ratings')).toBeVisible();
    expect(within(change).getByText('Rests on fewer than 10 closed cases (1)')).toBeVisible();
    expect(within(figure('Goals improved')).getByText('50%')).toBeVisible();
    expect(within(figure('Goals with reliable improvement')).getByText('50%')).toBeVisible();
    expect(within(figure('Goals with reliable deterioration')).getByText('0%')).toBeVisible();
    expect(within(figure("Young people's satisfaction")).getByText('9 out of 10')).toBeVisible();
    expect(
      within(figure("Parents' and carers' satisfaction")).getByText('10 out of 10'),
    ).toBeVisible();
    expect(within(figure('Completed within 8 sessions')).getByText('100%')).toBeVisible();
    // Ana waited 7 days, Bo 14.
    expect(within(figure('Mean wait for a first session')).getByText('11 days')).toBeVisible();
    // A plain count is never marked.
    expect(within(figure('Sessions')).queryByText(/fewer than 10/)).not.toBeInTheDocument();
  });

  it('shows goals per domain as a chart and a table, saying a goal can count twice', async () => {
    await seedTwoProgrammes();
    renderReport();
    const domains = await screen.findByRole('group', { name: 'Goals per domain' });
    expect(
      await within(domains).findByRole('img', { name: /Coping 1, Core Self 1/ }),
    ).toBeVisible();
    const table = within(domains).getByRole('table', { name: 'Goals per domain as a table' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(['Basics0', 'Belonging0', 'Learning1', 'Coping1', 'Core Self1']);
    expect(
      within(domains).getByText('1 goal is linked to more than one domain and counts in each.'),
    ).toBeVisible();
  });

  it('shows where sessions took place, the moves and the noble truths', async () => {
    await seedTwoProgrammes();
    renderReport();
    const places = await screen.findByRole('group', { name: 'Where sessions took place' });
    expect(within(places).getByRole('row', { name: 'Outdoors 1 50%' })).toBeVisible();
    expect(within(places).getByRole('row', { name: 'School 1 50%' })).toBeVisible();
    const moves = figure('Moves made most');
    expect(
      within(moves).getByRole('row', { name: 'Calming down and self-soothing Coping 1' }),
    ).toBeVisible();
    expect(
      within(figure('Noble truths drawn on')).getByRole('row', { name: 'Accepting 2' }),
    ).toBeVisible();
  });

  it('explains each figure with the words of its definition', async () => {
    await seedTwoProgrammes();
    renderReport();
    const change = await screen.findByRole('group', { name: 'Mean change' });
    const user = userEvent.setup();
    const how = within(change).getByText('How is this worked out?');
    await user.click(how);
    expect(within(change).getByText(/closing score minus its baseline/)).toBeVisible();
  });

  it('keeps to one programme when one is chosen', async () => {
    await seedTwoProgrammes();
    const router = renderReport();
    const user = userEvent.setup();
    await screen.findByText(/All programmes, 1 Jan 2026/);
    const select = screen.getByRole('combobox', { name: 'Programme' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All programmes', 'Back on Track', 'Walk and Talk']);
    await user.selectOptions(select, 'Back on Track');
    expect(
      await screen.findByText(/Back on Track, 1 Jan 2026 to 30 Jun 2026: 1 young person/),
    ).toBeVisible();
    expect(within(figure('Mean change')).getByText('-1')).toBeVisible();
    expect(within(figure('Closed cases')).getByText('0')).toBeVisible();
    expect(within(figure('Completed within 8 sessions')).getByText('No data yet')).toBeVisible();
    // The programme stays out of the address (and so out of history and bookmarks), and out
    // of the downloads' names; changing the dates keeps it.
    expect(router.state.location.search).not.toMatch(/programme|Back|Track/i);
    expect(window.location.href).not.toMatch(/Back|Track/i);
    await user.clear(screen.getByLabelText('To'));
    await user.type(screen.getByLabelText('To'), '2026-05-31');
    expect(
      await screen.findByText(/Back on Track, 1 Jan 2026 to 31 May 2026: 1 young person/),
    ).toBeVisible();
    expect(router.state.location.search).toBe('?from=2026-01-01&to=2026-05-31');
    const downloads = captureDownloads();
    await user.click(screen.getByRole('button', { name: 'Download report CSV' }));
    expect(downloads.map((d) => d.filename)).toEqual([
      'service-report-2026-01-01-to-2026-05-31.csv',
    ]);
    expect(await blobText(downloads[0]?.blob)).toContain('Report,Programme,Back on Track');
  });

  it('reads a programme from an older address once, then takes it out of the address', async () => {
    await seedTwoProgrammes();
    const router = renderReport(`${RANGE}&programme=Walk+and+Talk`);
    expect(
      await screen.findByText(/Walk and Talk, 1 Jan 2026 to 30 Jun 2026: 1 young person/),
    ).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Programme' })).toHaveValue('Walk and Talk');
    await vi.waitFor(() =>
      expect(router.state.location.search).toBe('?from=2026-01-01&to=2026-06-30'),
    );
  });

  it('uses the reliable change threshold from settings', async () => {
    await seedTwoProgrammes();
    await setReliableChangeThreshold(7);
    renderReport();
    expect(await screen.findByText(/Reliable change threshold: 7 points/)).toBeVisible();
    expect(within(figure('Goals with reliable improvement')).getByText('0%')).toBeVisible();
  });

  it('counts only cases whose first session or closing date falls in the range', async () => {
    await seedTwoProgrammes();
    renderReport('?from=2026-02-02&to=2026-02-28');
    expect(await screen.findByText(/2 Feb 2026 to 28 Feb 2026: 1 young person/)).toBeVisible();
    expect(within(figure('Mean change')).getByText('-1')).toBeVisible();
  });

  it('says what to fix when the dates cannot make a report', async () => {
    renderReport('?from=2026-06-30&to=2026-01-01');
    expect(
      await screen.findByText('The end date must be on or after the start date.'),
    ).toBeVisible();
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true');
    expect(await screen.findByText('Fix the dates above to see the report.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Download report CSV' })).not.toBeInTheDocument();
  });

  it('downloads the report CSV with small numbers suppressed, and no evaluation export under 5 closed cases', async () => {
    await seedTwoProgrammes();
    const downloads = captureDownloads();
    renderReport();
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Download report CSV' });
    // Said before the download: plain text, and what is hidden.
    expect(button).toHaveAccessibleDescription(/^Not encrypted: these CSV files are plain text/);
    expect(screen.getByText(/any count from 1 to 4 is written "<5"/)).toBeVisible();
    expect(
      screen.queryByRole('button', { name: 'Download evaluation export (anonymised)' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'The evaluation export needs at least 5 closed cases, so that no row can be told apart; this report has 1 closed case.',
      ),
    ).toBeVisible();

    await user.click(button);
    expect(downloads.map((d) => d.filename)).toEqual([
      'service-report-2026-01-01-to-2026-06-30.csv',
    ]);
    const reportCsv = await blobText(downloads[0]?.blob);
    // A mean of two goals: suppressed, as is the count it rests on.
    expect(reportCsv).toContain(
      'Mean change,,suppressed,points,<5,goals with two ratings,rests on fewer than 10 closed cases; suppressed: rests on fewer than 5\r\n',
    );
    expect(reportCsv).toContain('Young people,,<5,young people,<5,young people,\r\n');
    expect(reportCsv).toContain('Goals per domain,Coping,<5,goals,<5,goals,\r\n');
    // A count of 0 says nothing about anyone: written as it is.
    expect(reportCsv).toContain('Goals per domain,Basics,0,goals,<5,goals,\r\n');
    // No figure has a number from 1 to 4 anywhere (the first rows are the report's settings).
    const figureRows = reportCsv.split('\r\n').filter((line) => !line.startsWith('Report,'));
    for (const line of figureRows) expect(line).not.toMatch(/,[1-4](\.\d+)?,/);
    expect(useToastStore.getState().toasts.map((t) => t.message)).toEqual([
      'Report CSV downloaded',
    ]);
  });

  it('downloads the anonymised evaluation export once there are 5 closed cases', async () => {
    await seedTwoProgrammes();
    for (const [i, name] of ['Cy', 'Di', 'Ed', 'Flo'].entries()) {
      const { yp, goal } = await seedCase({
        name,
        programme: 'Walk and Talk',
        referralDate: '2026-02-02',
        goalDay: '2026-02-03',
        domains: ['basics'],
        baseline: 3,
        session: { date: '2026-02-05', score: 5, location: 'school', moves: [] },
      });
      await closeCase(
        yp.id,
        {
          closedOn: `2026-0${3 + i}-10`,
          reason: 'support-completed',
          closingRatings: [{ goalId: goal.id, score: 7 }],
          closingRatedBy: 'young-person',
          goalOutcomes: { [goal.id]: 'partly' },
          youngPersonSatisfaction: null,
          parentCarerSatisfaction: null,
        },
        new Date(`2026-0${3 + i}-10T16:00:00Z`),
      );
    }
    const downloads = captureDownloads();
    renderReport();
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Download evaluation export (anonymised)' }),
    );
    expect(downloads.map((d) => d.filename)).toEqual([
      'evaluation-export-2026-01-01-to-2026-06-30.csv',
    ]);
    const lines = (await blobText(downloads[0]?.blob)).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toHaveLength(7); // header, five closed cases, the end
    expect(lines[1]).toBe(
      'C001,WAT,2026-01,2026-02,support-completed,1,1,9,10,Coping; Core Self,achieved,reached,2,2026-01,8,2026-02',
    );
    expect(lines.join('\n')).not.toMatch(/Ana|Walk and Talk|\d{4}-\d{2}-\d{2}/);
    // Which code is which stays on screen.
    await user.click(screen.getByText('Programme codes in the evaluation export'));
    expect(screen.getByText('WAT: Walk and Talk')).toBeVisible();
    expect(screen.getByText('BOT: Back on Track')).toBeVisible();
    expect(useToastStore.getState().toasts.map((t) => t.message)).toEqual([
      'Evaluation export downloaded',
    ]);
  });
});
