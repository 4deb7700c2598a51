import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './support/helpers';

// Issue 7: axe-core (WCAG 2.0-2.2 A and AA) on the pages and dialogs the other specs do not
// already check. Checked elsewhere:
// - accessibility.spec.ts: empty caseload, caseload, young person's page (with a chart table,
//   and at 320 px), goal page, log session form (and with errors), add goal form, edit young
//   person form, session page, delete session dialog, framework, add young person with errors,
//   close case form (and with errors), goal summary, "My resilience journey", service report,
//   settings, a closed case's page, reopen case dialog.
// - handover.spec.ts: every screen of the young person's space (home, add goal with and
//   without errors, rating page with a celebration, journey and its table), the PIN dialog
//   (and after a wrong PIN, and at 320 px), settings with a PIN set.
// - resilience-map.spec.ts: the coach's map page, the map's print view, the young person's
//   map page, at several widths. backup-restore.spec.ts: the backup page and every restore step.
// Here: addresses that lead nowhere, the other confirm dialogs, a goal page in its other
// states, changing a goal, handing over without a PIN, the caseload search with no match,
// and the print views as printed (print media).

// axe takes a few seconds a page on a busy machine.
test.describe.configure({ timeout: 180_000 });

async function loadDemo(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await expect(page.getByRole('link', { name: 'Demo: Jordan' })).toBeVisible();
}

async function openPerson(page: Page, name: string): Promise<string> {
  await page.goto('/');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

test('pages that lead nowhere pass axe', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoViolations(page, 'The page not found');

  await page.goto('/young-people/no-such-person');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('not found');
  await expectNoViolations(page, 'A young person who is not there');

  await loadDemo(page);
  const person = await openPerson(page, 'Demo: Jordan');
  await page.goto(`${person}/goals/no-such-goal`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page, 'A goal that is not there');
  await page.goto(`${person}/sessions/no-such-session`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page, 'A session that is not there');
});

test('the confirm dialogs pass axe', async ({ page }) => {
  await loadDemo(page);

  await page.getByRole('button', { name: 'Remove demo data' }).click();
  await expect(page.getByRole('alertdialog').or(page.getByRole('dialog'))).toBeVisible();
  await expectNoViolations(page, 'The remove demo data dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog').or(page.getByRole('dialog'))).toBeHidden();

  const person = await openPerson(page, 'Demo: Jordan');
  await page
    .getByRole('link', { name: /Use music to distract me/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Stop this goal' }).click();
  await expect(page.getByRole('alertdialog').or(page.getByRole('dialog'))).toBeVisible();
  await expectNoViolations(page, 'The stop goal dialog');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.goto(`${person}/edit`);
  await page.getByRole('button', { name: /^Erase .* records$/ }).click();
  const erase = page.getByRole('alertdialog').or(page.getByRole('dialog'));
  await expect(erase).toBeVisible();
  await expectNoViolations(page, 'The erase records dialog');
  await page.keyboard.type('Demo');
  await expectNoViolations(page, 'The erase records dialog, partly typed');
  await erase.getByRole('button', { name: 'Cancel' }).click();
});

test('a goal page in each state, changing a goal and the caseload search pass axe', async ({
  page,
}) => {
  await loadDemo(page);
  await openPerson(page, 'Demo: Jordan');
  await page
    .getByRole('link', { name: /Use music to distract me/ })
    .first()
    .click();
  // Wait for the goal's own page: the young person's heading is visible until it arrives.
  await expect(page).toHaveURL(/\/goals\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: /goal$/ })).toBeVisible();
  const goalUrl = page.url();

  await page.getByRole('button', { name: "Change the goal's links" }).click();
  await expectNoViolations(page, 'A goal page, changing its links');
  await page.goto(goalUrl);

  await page.getByRole('link', { name: 'Change this goal' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/replaces=/);
  await expectNoViolations(page, 'Changing a goal');

  await page.goto(goalUrl);
  await page.getByRole('button', { name: 'Mark as achieved' }).click();
  await expect(page.getByRole('button', { name: 'Make active again' })).toBeVisible();
  await expectNoViolations(page, 'An achieved goal');

  await page.goto('/');
  await page.getByLabel('Search by name').fill('Nobody by this name');
  await expect(page.getByText(/No one in the caseload matches/)).toBeVisible();
  await expectNoViolations(page, 'The caseload with no matches');
});

test('handing over without a PIN asks for one, and that page passes axe', async ({ page }) => {
  await loadDemo(page);
  await openPerson(page, 'Demo: Jordan');
  await page.getByRole('button', { name: 'Hand over to Demo: Jordan' }).click();
  await expect(page.getByText(/Before you hand over to Demo: Jordan, set a PIN/)).toBeVisible();
  await expectNoViolations(page, 'Settings, asking for a PIN before a handover');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expectNoViolations(page, 'Settings, PIN form with errors');
});

test('the print views pass axe as printed', async ({ page }) => {
  await loadDemo(page);
  const person = await openPerson(page, 'Demo: Kai');
  await page.emulateMedia({ media: 'print' });
  for (const [path, title] of [
    [`${person}/summary`, 'Goal summary'],
    [`${person}/summary/young-person`, 'My resilience journey'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    await expect(page.getByRole('figure').first()).toBeVisible();
    await expectNoViolations(page, `${title}, printed`);
  }
  await page.goto(person);
  await expect(page.getByRole('heading', { level: 1, name: 'Demo: Kai' })).toBeVisible();
  await expectNoViolations(page, "A closed case's page, printed");
});
