import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { turnProtectionOff } from './support/helpers';

// Closing a case and exporting its summary, then the service report, in real Chromium with
// the fictional demo caseload.

const AMARA_GOALS = [
  { text: 'To make friends at high school', baseline: 2, closing: 8, outcome: 'Reached' },
  {
    text: 'Know how to find my way around the new school',
    baseline: 3,
    closing: 9,
    outcome: 'Partly reached',
  },
  { text: 'Feel less worried on Sunday nights', baseline: 4, closing: 4, outcome: 'Not yet' },
] as const;

async function loadDemo(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await expect(page.getByRole('link', { name: 'Demo: Amara' })).toBeVisible();
}

async function downloadText(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('a coach closes a case, exports its summary and opens the print views', async ({ page }) => {
  test.setTimeout(120_000);
  await loadDemo(page);
  await page.getByRole('link', { name: 'Demo: Amara' }).click();
  await page.getByRole('link', { name: 'Close case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Close');

  // Saving with nothing chosen names what is missing and closes nothing.
  await page.getByRole('button', { name: 'Close case' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();

  await page.getByRole('radio', { name: 'Support completed' }).check();
  for (const goal of AMARA_GOALS) {
    const score = page.getByRole('group', { name: new RegExp(`Closing score for .${goal.text}`) });
    await score.getByRole('radio', { name: new RegExp(`^${goal.closing}\\b`) }).check();
    const outcome = page.getByRole('group', { name: new RegExp(`Outcome of .${goal.text}`) });
    await outcome.getByRole('radio', { name: goal.outcome, exact: true }).check();
  }
  await page
    .getByRole('group', { name: 'Who gave the closing scores?' })
    .getByRole('radio', { name: 'Young person' })
    .check();
  await page.getByRole('button', { name: 'Close case' }).click();
  await expect(page.getByText('Case closed').last()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo: Amara' })).toBeVisible();

  // Read-only now: no logging or adding, but it can be reopened.
  await expect(page.getByRole('link', { name: 'Log session' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Reopen case/ })).toBeVisible();

  await page.getByRole('link', { name: 'Goal summary' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Goal summary');

  const csv = await downloadText(page, 'Download CSV');
  expect(csv.name).toMatch(/^summary-.+-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = csv.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines).toHaveLength(1 + AMARA_GOALS.length);
  for (const goal of AMARA_GOALS) {
    const row = lines.find((l) => l.includes(goal.text));
    expect(row, `a CSV row for "${goal.text}"`).toBeDefined();
    expect(row).toContain(`,${goal.baseline},`);
    expect(row).toContain(`,${goal.closing},`);
  }

  // The JSON file is protected unless the coach says otherwise (here: turned off, and the
  // question answered), so its records can be read below.
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const save = page.getByRole('dialog', { name: 'Download JSON' });
  await turnProtectionOff(page, 'file', save);
  const [jsonFile] = await Promise.all([
    page.waitForEvent('download'),
    save.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const json = {
    name: jsonFile.suggestedFilename(),
    text: await readFile(await jsonFile.path(), 'utf8'),
  };
  expect(json.name).not.toMatch(/protected/);
  const backup = JSON.parse(json.text) as {
    format: string;
    version: number;
    youngPeople: { name: string; status: string }[];
    goals: unknown[];
    sessions: unknown[];
    ratings: unknown[];
  };
  expect(backup.format).toBe('resilience-coaching-backup');
  expect(backup.version).toBe(2);
  expect(backup.youngPeople).toEqual([
    expect.objectContaining({ name: 'Demo: Amara', status: 'closed' }),
  ]);
  expect(backup.goals).toHaveLength(3);
  expect(backup.sessions).toHaveLength(5);

  // Print: no app chrome, every goal there with its chart.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeHidden();
  for (const goal of AMARA_GOALS) {
    await expect(page.getByText(goal.text).first()).toBeVisible();
    await expect(page.getByRole('figure', { name: new RegExp(goal.text) })).toBeVisible();
  }
  await page.emulateMedia({ media: 'screen' });

  await page.goBack();
  await page.getByRole('link', { name: 'My resilience journey' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('My resilience journey');
  await expect(page.getByText('Fictional demo notes')).toHaveCount(0);
});

test('a service lead builds the report for two programmes and reads its figures', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await loadDemo(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Reports' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Service report' })).toBeVisible();
  const figure = (name: string) => page.getByRole('group', { name, exact: true });

  // Every programme over the last year: the four demo cases with a session or a closure.
  await expect(page.getByText(/All programmes, .*: 4 young people\./)).toBeVisible();

  // Friend for Life: Demo: Kai, closed, goals from 1 to 10 and from 3 to 7.
  await page.getByLabel('Programme').selectOption('Friend for Life');
  await expect(page.getByText(/Friend for Life, .*: 1 young person\./)).toBeVisible();
  await expect(figure('Goals')).toContainText('2');
  await expect(figure('Closed cases')).toContainText('1');
  await expect(figure('Mean baseline')).toContainText(/\b2(\.0)?\b/);
  await expect(figure('Mean closing score')).toContainText('8.5');
  await expect(figure('Mean change')).toContainText('+6.5');
  await expect(figure('Mean baseline')).toContainText('Rests on fewer than 10 closed cases');

  // Self-Harm Support: Demo: Jordan, open, goals 1 to 8, 2 to 6 and 5 to 10.
  await page.getByLabel('Programme').selectOption('Self-Harm Support');
  await expect(page.getByText(/Self-Harm Support, .*: 1 young person\./)).toBeVisible();
  await expect(figure('Goals')).toContainText('3');
  await expect(figure('Mean closing score')).toContainText('8');
  await expect(figure('Mean change')).toContainText('+5.3');

  // One case: too few for an anonymised export, and the report CSV hides the small numbers.
  // The programme stays out of the address and the file's name.
  await expect(
    page.getByRole('button', { name: 'Download evaluation export (anonymised)' }),
  ).toHaveCount(0);
  await expect(page.getByText(/The evaluation export needs at least 5 closed cases/)).toBeVisible();
  expect(page.url()).not.toMatch(/programme|Self|Harm/i);
  const report = await downloadText(page, 'Download report CSV');
  expect(report.name).toMatch(/^service-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(report.text).not.toContain('Demo:');
  expect(report.text).toContain('Goals,,<5,goals,<5,young people,');
});
