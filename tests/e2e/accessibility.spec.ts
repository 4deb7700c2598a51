import { expect, test } from '@playwright/test';
import { expectNoViolations, setUpPassphrase } from './support/helpers';

// An axe-core check (WCAG 2.0, 2.1 and 2.2, A and AA) of every coach page, with the
// fictional demo data loaded so that lists, charts and tables are all on screen.

test('every coach page passes axe, at desktop and at 320 px wide', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your caseload is empty' })).toBeVisible();
  await expectNoViolations(page, 'The empty caseload');

  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await expect(page.getByRole('link', { name: 'Demo: Jordan' })).toBeVisible();
  await expectNoViolations(page, 'The caseload');

  await page.getByRole('link', { name: 'Demo: Jordan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo: Jordan' })).toBeVisible();
  const firstChart = page.getByRole('figure').first();
  await firstChart.getByRole('button', { name: /Show as table/ }).click();
  await expectNoViolations(page, "A young person's page");
  const personUrl = page.url();

  await page
    .getByRole('link', { name: /Use music to distract me/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /goal$/ })).toBeVisible();
  await expectNoViolations(page, 'A goal page');

  await page.goto(personUrl);
  await page.getByRole('link', { name: 'Log session' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Log a session');
  await expectNoViolations(page, 'The log session form');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expectNoViolations(page, 'The log session form with errors');

  await page.goto(personUrl);
  await page.getByRole('link', { name: 'Add goal' }).first().click();
  await expectNoViolations(page, 'The add goal form');

  await page.goto(personUrl);
  await page.getByRole('link', { name: /Edit details/ }).click();
  await expectNoViolations(page, 'The edit young person form');

  await page.goto(personUrl);
  await page.getByRole('region', { name: 'Sessions' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Session on');
  await expectNoViolations(page, 'A session page');
  await page.getByRole('button', { name: 'Delete session' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await expectNoViolations(page, 'The delete session dialog');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.goto('/framework');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page, 'The framework page');

  // A real young person needs a passphrase first (demo data did not).
  await page.goto('/young-people/new');
  await expect(page.getByRole('heading', { name: 'Choose a passphrase' })).toBeVisible();
  await expectNoViolations(page, 'Choosing a passphrase');
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expectNoViolations(page, 'Choosing a passphrase, with errors');
  await setUpPassphrase(page);
  await page.getByRole('button', { name: 'Add young person' }).click();
  await expectNoViolations(page, 'The add young person form with errors');

  await page.goto(`${personUrl}/close`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Close');
  await expectNoViolations(page, 'The close case form');
  await page.getByRole('button', { name: 'Close case' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expectNoViolations(page, 'The close case form with errors');

  await page.goto(`${personUrl}/summary`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Goal summary');
  await expectNoViolations(page, 'The goal summary');
  await page.goto(`${personUrl}/summary/young-person`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('My resilience journey');
  await expectNoViolations(page, 'My resilience journey');

  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Service report' })).toBeVisible();
  await expectNoViolations(page, 'The service report');

  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectNoViolations(page, 'Settings');

  // A closed case, with its closure details and the reopen dialog.
  await page.goto('/');
  await page.getByRole('link', { name: 'Demo: Kai' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo: Kai' })).toBeVisible();
  await expectNoViolations(page, "A closed case's page");
  await page.getByRole('button', { name: /Reopen case/ }).click();
  await expect(page.getByRole('dialog').or(page.getByRole('alertdialog'))).toBeVisible();
  await expectNoViolations(page, 'The reopen case dialog');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(personUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Demo: Jordan' })).toBeVisible();
  await expectNoViolations(page, "A young person's page at 320 px");
  for (const path of [personUrl, `${personUrl}/summary`, '/reports', '/settings', '/framework']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  }
});
