import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setReliableChangeThreshold } from '../../../../src/db/repositories/settings';
import { GoalSummaryPage } from '../../../../src/features/summary/goal-summary-page';
import { backupProblems } from '../../../../src/domain/backup-checks';
import { BACKUP_FORMAT, type BackupFile } from '../../../../src/domain/backup-format';
import { SUMMARY_CSV_COLUMNS } from '../../../../src/domain/summary';
import { DATABASE_NAME } from '../../../../src/db/schema';
import { toIsoDate } from '../../../../src/lib/dates';
import { rawPut, rawStores } from '../../../unit/db/encryption/raw-idb';
import {
  blobText,
  captureDownloads,
  renderRoute,
  resetApp,
  seedCase,
  toastMessages,
} from './summary-test-utils';
import {
  FILE_PASSPHRASE,
  findSaveFileDialog,
  openProtectedFile,
  typeFilePassphrase,
} from '../../protected-files';

const PATH = '/young-people/:youngPersonId/summary';

function fact(container: HTMLElement, term: string): string | null {
  const dt = within(container).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? null;
}

async function renderSummary(id: string, renderChart = vi.fn(() => <p>Chart here</p>)) {
  renderRoute(PATH, `/young-people/${id}/summary`, <GoalSummaryPage renderChart={renderChart} />);
  await screen.findByRole('heading', { level: 1, name: 'Goal summary: Kai Brown' });
  return renderChart;
}

describe('GoalSummaryPage', () => {
  beforeEach(resetApp);
  afterEach(() => vi.restoreAllMocks());

  it('shows the case: programme, dates, sessions, length of support and closure', async () => {
    const { yp } = await seedCase();
    await renderSummary(yp.id);
    const facts = screen.getByRole('region', { name: 'The case' });
    expect(fact(facts, 'Programme')).toBe('Back on Track');
    expect(fact(facts, 'Referral date')).toBe('2 Jan 2026');
    expect(fact(facts, 'First session')).toBe('20 Jan 2026');
    expect(fact(facts, 'Last session')).toBe('10 Feb 2026');
    expect(fact(facts, 'Number of sessions')).toBe('2');
    expect(fact(facts, 'Length of support')).toBe('2 sessions over 40 days');
    expect(fact(facts, 'Case')).toBe('Closed on 1 Mar 2026');
    expect(fact(facts, 'Reason for closing')).toBe('Support completed');
    expect(screen.getByText(`Made on ${formatToday()}`)).toBeVisible();
  });

  it('shows each goal with its scores, change, reliable change, outcome, chart and ratings', async () => {
    const { yp, calm } = await seedCase();
    const renderChart = await renderSummary(yp.id);

    const first = screen.getByRole('region', { name: 'Goal 1: “Feel calm before tests”' });
    expect(
      within(within(first).getByRole('list', { name: 'Domains' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Coping', 'Core Self']);
    expect(first).toHaveTextContent('Moves: Calming down and self-soothing');
    expect(fact(first, 'Starting score')).toBe('2 out of 10 on 10 Jan 2026 (Young person)');
    expect(fact(first, 'Closing score')).toBe('8 out of 10 on 1 Mar 2026 (Coach)');
    expect(fact(first, 'Change')).toBe('+6: reliable improvement');
    expect(fact(first, 'Outcome')).toBe('Reached');
    expect(fact(first, 'Status')).toBe('Achieved');
    expect(within(first).getByText('Chart here')).toBeVisible();
    const rows = within(within(first).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '10 Jan 20262 out of 10: just startedYoung person',
      '20 Jan 20265 out of 10: half wayYoung person',
      '10 Feb 20266 out of 10: more than half wayYoung person',
      '1 Mar 20268 out of 10: nearly thereCoach',
    ]);
    expect(renderChart).toHaveBeenCalledWith(
      expect.objectContaining({ title: calm.text, colour: '#1D4ED8', shape: 'diamond' }),
    );

    const second = screen.getByRole('region', { name: 'Goal 2: “See my friends at the weekend”' });
    expect(fact(second, 'Change')).toBe('-2: no reliable change');
    expect(fact(second, 'Outcome')).toBe('Not yet');
    expect(fact(second, 'Status')).toBe('Active');
  });

  it("uses the service's reliable change threshold from settings", async () => {
    const { yp } = await seedCase();
    await setReliableChangeThreshold(2);
    await renderSummary(yp.id);
    expect(
      screen.getByText('A change of 2 points or more, up or down, counts as reliable change.'),
    ).toBeVisible();
    const second = screen.getByRole('region', { name: 'Goal 2: “See my friends at the weekend”' });
    expect(fact(second, 'Change')).toBe('-2: reliable deterioration');
  });

  it('lists the moves made most and the noble truths, then satisfaction and comments', async () => {
    const { yp } = await seedCase();
    await renderSummary(yp.id);
    const practice = screen.getByRole('region', { name: 'In sessions' });
    expect(
      within(practice)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Help the young person to know themselves: 2 times',
      'Calming down and self-soothing: once',
      'Accepting: 2 times',
    ]);
    const feedback = screen.getByRole('region', { name: 'Satisfaction and comments' });
    expect(feedback).toHaveTextContent('The young personSatisfaction: 9 out of 10');
    expect(feedback).toHaveTextContent('Comments: “It really helped”');
    expect(feedback).toHaveTextContent('A parent or carerSatisfaction: 10 out of 10');
    expect(feedback).toHaveTextContent('Comments: “Kai is calmer at home”');
  });

  it('prints with the browser print dialog', async () => {
    const { yp } = await seedCase();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await renderSummary(yp.id);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Print or save as PDF' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('says before printing or downloading the CSV that both are plain text with personal data', async () => {
    const { yp } = await seedCase();
    await renderSummary(yp.id);
    const note =
      /^Not encrypted: the printout \(or PDF\) and the CSV file hold Kai Brown's personal data, goals and ratings in plain text\. Anyone who finds them can read them/;
    for (const name of ['Print or save as PDF', 'Download CSV']) {
      expect(screen.getByRole('button', { name })).toHaveAccessibleDescription(note);
    }
    expect(
      screen.getByText(/^the printout \(or PDF\) and the CSV file/).closest('p'),
    ).toBeVisible();
  });

  it('puts the name and date on every printed block', async () => {
    const { yp } = await seedCase();
    await renderSummary(yp.id);
    const lines = document.body.querySelectorAll('.print-running-line');
    // Two goals, the sessions block and the feedback block.
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).toHaveTextContent(`Kai Brown · Goal summary · ${formatToday()}`);
      expect(line).toHaveAttribute('aria-hidden', 'true');
    }
  });

  it('downloads the CSV: one row per goal, with the documented columns', async () => {
    const { yp } = await seedCase();
    const downloads = captureDownloads();
    await renderSummary(yp.id);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download CSV' }));

    expect(downloads).toHaveLength(1);
    const [csv] = downloads;
    // Named by the young person's id, never their name or initials (Kai Brown).
    expect(csv?.filename).toBe(`summary-${yp.id.slice(0, 8)}-${toIsoDate(new Date())}.csv`);
    expect(csv?.blob.type).toBe('text/csv;charset=utf-8');
    const text = await blobText(csv?.blob);
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(SUMMARY_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(4);
    const cell = (line: number, column: (typeof SUMMARY_CSV_COLUMNS)[number]) =>
      lines[line]?.split(',')[SUMMARY_CSV_COLUMNS.indexOf(column)];
    expect(cell(1, 'goal')).toBe('Feel calm before tests');
    expect(cell(1, 'baseline')).toBe('2');
    expect(cell(1, 'closing_score')).toBe('8');
    expect(cell(1, 'change')).toBe('6');
    expect(cell(1, 'reliable_change')).toBe('Reliable improvement');
    expect(cell(2, 'change')).toBe('-2');
    expect(cell(2, 'outcome')).toBe('Not yet');
    expect(toastMessages()).toContain('CSV downloaded');
  });

  // Two key derivations of 600,000 rounds each (make, then open to check): give it time.
  it(
    "downloads the JSON, protected by default: this young person's records in the backup format",
    { timeout: 40_000 },
    async () => {
      const { yp } = await seedCase({ map: true });
      const downloads = captureDownloads();
      await renderSummary(yp.id);
      const user = userEvent.setup();
      await user.click(screen.getByRole('button', { name: 'Download JSON' }));
      const dialog = await findSaveFileDialog('Download JSON');
      expect(within(dialog).getByLabelText('Passphrase')).toHaveFocus();
      await typeFilePassphrase(user, FILE_PASSPHRASE, dialog);
      await user.click(within(dialog).getByRole('button', { name: 'Download JSON' }));

      await waitFor(() => expect(downloads).toHaveLength(1));
      const [json] = downloads;
      // Named by the young person's id, never their name or initials (Kai Brown).
      expect(json?.filename).toBe(
        `summary-${yp.id.slice(0, 8)}-${toIsoDate(new Date())}-protected.json`,
      );
      const file = await openProtectedFile<BackupFile>(json?.blob, [
        'Kai',
        'Feel calm',
        'It really helped',
      ]);
      expect(file.format).toBe(BACKUP_FORMAT);
      expect(file.version).toBe(2);
      expect(file.youngPeople.map((p) => [p.id, p.status, p.closedOn])).toEqual([
        [yp.id, 'closed', '2026-03-01'],
      ]);
      expect(file.goals).toHaveLength(2);
      expect(file.sessions.map((s) => s.date)).toEqual(['2026-01-20', '2026-02-10']);
      expect(file.ratings).toHaveLength(8);
      expect(
        file.closures?.map((c) => [c.youngPersonId, c.closedOn, c.youngPersonComments]),
      ).toEqual([[yp.id, '2026-03-01', 'It really helped']]);
      expect(file.resilienceMaps?.map((m) => [m.youngPersonId, m.examples])).toEqual([
        [yp.id, { 'coping-calm-down': 'Breathing before tests' }],
      ]);
      expect(backupProblems(file)).toEqual([]);
      expect(toastMessages()).toContain('Protected JSON downloaded');
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    },
  );

  it('downloads a plain JSON file only once the coach confirms what it exposes', async () => {
    const { yp } = await seedCase();
    const downloads = captureDownloads();
    await renderSummary(yp.id);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Download JSON' }));
    const dialog = await findSaveFileDialog('Download JSON');
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Protect this file with a passphrase' }),
    );
    const ask = await screen.findByRole('alertdialog', {
      name: 'Save the file without a passphrase?',
    });
    expect(ask).toHaveTextContent(
      /anyone who opens the file can read Kai Brown's name, date of birth, school and programme, goals in their own words, session notes, and closure comments, in plain text/,
    );
    await user.click(within(ask).getByRole('button', { name: 'Save without a passphrase' }));
    await user.click(within(dialog).getByRole('button', { name: 'Download JSON' }));

    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.filename).toBe(
      `summary-${yp.id.slice(0, 8)}-${toIsoDate(new Date())}.json`,
    );
    const file = JSON.parse(await blobText(downloads[0]?.blob)) as BackupFile;
    expect(file.version).toBe(2);
    expect(file.youngPeople.map((p) => p.name)).toEqual(['Kai Brown']);
    expect(toastMessages()).toContain('JSON downloaded');
  });

  it('leaves out what cannot be read, and says so beside the buttons', async () => {
    const { yp } = await seedCase();
    // The second session's stored seal is broken (its ratings need it, so they go too).
    const stored = (await rawStores(DATABASE_NAME)).sessions?.find((s) => s.date === '2026-02-10');
    await rawPut(DATABASE_NAME, 'sessions', [{ ...stored, sealed: 'enc:v2:broken' }]);
    const downloads = captureDownloads();
    await renderSummary(yp.id);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Download JSON' }));
    const dialog = await findSaveFileDialog('Download JSON');
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Protect this file with a passphrase' }),
    );
    const ask = await screen.findByRole('alertdialog', {
      name: 'Save the file without a passphrase?',
    });
    await user.click(within(ask).getByRole('button', { name: 'Save without a passphrase' }));
    await user.click(within(dialog).getByRole('button', { name: 'Download JSON' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      '3 records could not be read (or need one that could not), so they are not in the JSON file. They are kept on this device: Settings lists where they are, under Damaged records.',
    );
    const file = JSON.parse(await blobText(downloads[0]?.blob)) as BackupFile;
    expect(file.sessions.map((s) => s.date)).toEqual(['2026-01-20']);
    expect(file.ratings).toHaveLength(6);
    expect(backupProblems(file)).toEqual([]);
  });

  it('downloads nothing when the coach cancels', async () => {
    const { yp } = await seedCase();
    const downloads = captureDownloads();
    await renderSummary(yp.id);
    const user = userEvent.setup();
    const button = screen.getByRole('button', { name: 'Download JSON' });
    await user.click(button);
    const dialog = await findSaveFileDialog('Download JSON');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(downloads).toHaveLength(0);
  });

  it('says satisfaction is asked for at closure while the case is open', async () => {
    const { yp } = await seedCase({ close: false });
    await renderSummary(yp.id);
    expect(screen.getByText('These are asked for when the case closes.')).toBeVisible();
    expect(fact(screen.getByRole('region', { name: 'The case' }), 'Case')).toBe('Open');
    const first = screen.getByRole('region', { name: 'Goal 1: “Feel calm before tests”' });
    expect(fact(first, 'Closing score')).toBe('6 out of 10 on 10 Feb 2026 (Young person)');
    expect(fact(first, 'Outcome')).toBe('Not recorded');
  });

  it('says so when there is no such young person', async () => {
    renderRoute(PATH, '/young-people/nobody/summary', <GoalSummaryPage />);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Young person not found' }),
    ).toBeVisible();
  });
});

function formatToday(): string {
  return new Date().toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}
