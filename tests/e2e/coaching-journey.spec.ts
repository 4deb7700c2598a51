import { expect, test, type Page } from '@playwright/test';
import { setUpPassphrase } from './support/helpers';

// The core journey a coach makes, in real Chromium against the built app, with real
// IndexedDB: add a young person, set two goals, log three sessions, read the charts, reload.

const GOALS = [
  {
    text: 'To make friends at high school',
    domain: 'Belonging',
    move: 'Make friends and mix with other young people',
    moveSearch: 'friends',
    baseline: 2,
    sessions: [3, 5, 6],
  },
  {
    text: 'Use music to distract me from bad thoughts',
    domain: 'Coping',
    move: 'Calming down and self-soothing',
    moveSearch: 'calm',
    baseline: 4,
    sessions: [4, 3, 7],
  },
] as const;

async function addGoal(page: Page, goal: (typeof GOALS)[number]) {
  await page.getByRole('link', { name: 'Add goal' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('goal');
  await page.getByLabel('What is the goal?').fill(goal.text);
  await page.getByRole('checkbox', { name: new RegExp(`^${goal.domain}`) }).check();
  await page.getByLabel('Search moves').fill(goal.moveSearch);
  await page.getByRole('checkbox', { name: new RegExp(goal.move) }).check();
  await page.getByRole('radio', { name: 'Together' }).check();
  const baseline = page.getByRole('group', { name: /How close is the young person/ });
  await baseline.getByRole('radio', { name: String(goal.baseline), exact: true }).check();
  await page.getByRole('button', { name: 'Save goal' }).click();
  await expect(page.getByText('Goal added').last()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Jamie T' })).toBeVisible();
}

async function logSession(page: Page, index: number) {
  await page.getByRole('link', { name: 'Log session' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log a session with Jamie T');
  await page.getByLabel('Length in minutes').fill('45');
  await page.getByRole('radio', { name: index === 1 ? 'Outdoors' : 'School' }).check();
  for (const goal of GOALS) {
    const group = page.getByRole('group', { name: new RegExp(goal.text) });
    const score = goal.sessions[index];
    await group.getByRole('radio', { name: new RegExp(`^${score}\\b`) }).check();
  }
  await page.getByRole('checkbox', { name: /^Accepting/ }).check();
  await page.getByLabel('Notes').fill(`Session ${index + 1}: fictional notes.`);
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByText('Session saved').last()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Jamie T' })).toBeVisible();
}

async function expectEverything(page: Page) {
  for (const goal of GOALS) {
    const chart = page.getByRole('figure', { name: new RegExp(goal.text) });
    // The baseline plus one point for each of the three sessions.
    const points = chart.getByRole('img', { name: /out of 10/ });
    await expect(points).toHaveCount(4);
    const scores = [goal.baseline, ...goal.sessions];
    for (const [i, score] of scores.entries()) {
      await expect(points.nth(i)).toHaveAccessibleName(
        new RegExp(
          `: ${score} out of 10, rated by the young person${i === 0 ? ' \\(baseline\\)' : ''}`,
        ),
      );
    }
    const last = goal.sessions[2];
    const change = last - goal.baseline;
    const changeText = change > 0 ? `+${change}` : String(change);
    await expect(chart).toContainText(`Started at ${goal.baseline}, now ${last} (${changeText})`);

    // The same numbers as a table, for keyboard and screen-reader users.
    await chart.getByRole('button', { name: /Show as table/ }).click();
    const table = chart.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(5);
    await expect(table.getByRole('row').nth(4)).toContainText(String(last));
  }
  await expect(
    page
      .getByRole('list', { name: /sessions/i })
      .or(page.locator('section', { has: page.getByRole('heading', { name: 'Sessions' }) })),
  ).toContainText('School');
}

test('a coach adds a young person, two goals and three sessions, and everything is kept', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your caseload is empty' })).toBeVisible();

  await page.getByRole('link', { name: 'Add your first young person' }).click();
  await setUpPassphrase(page);
  await page.getByLabel('Name or initials').fill('Jamie T');
  await page.getByLabel('Date of birth').fill('2014-06-01');
  await page.getByLabel('School').fill('Fictional Academy');
  await page.getByLabel('Programme').fill('Moving on Up 1:1');
  await page.getByRole('button', { name: 'Add young person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jamie T' })).toBeVisible();
  await expect(page.getByText('Moving on Up 1:1')).toBeVisible();

  for (const goal of GOALS) await addGoal(page, goal);
  for (const index of [0, 1, 2]) await logSession(page, index);

  await expectEverything(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Jamie T' })).toBeVisible();
  await expectEverything(page);

  // The caseload shows the counts after a reload too.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Caseload' })
    .click();
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'Jamie T' }) });
  await expect(card).toContainText('2 goals');
  await expect(card).toContainText('3 sessions');

  expect(errors).toEqual([]);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
});
