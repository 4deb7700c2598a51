import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
  E2E_PASSPHRASE,
  expectNoSideways,
  expectNoViolations,
  setUpPassphrase,
  turnProtectionOff,
} from './support/helpers';
import { newVersionProxy, waitForServiceWorker } from './support/service-worker';

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
// Here: addresses that lead nowhere, the other confirm dialogs (among them "Delete the safety
// copy?" on the backup page and the retention list's erase dialog in Settings), a goal page in
// its other states, changing a goal, the framework page with a move's goals open, handing over
// without a passphrase or a PIN, the caseload search with no match, the "Ready to work offline" message and the "Update available" prompt, and the print
// views as printed (print media): the goal summary, "My resilience journey", a closed case's
// page, the service report, a goal page and the recovery key step.
// The app has no offline or connection banner to check: it works the same with no network.

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

test("the framework page with a move's linked goals open passes axe and fits 320 px", async ({
  page,
}) => {
  await loadDemo(page);
  await page.goto('/framework');
  // Each move says how many goals are linked; the list opens from the keyboard.
  const toggle = page.getByRole('button', { name: /^\d+ goals? linked to move \d+$/ }).first();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const list = page.getByRole('list', { name: /^Goals linked to move \d+$/ });
  await expect(list.getByRole('link', { name: /Demo: / }).first()).toBeVisible();
  await expectNoViolations(page, "The framework page with a move's goals open");
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(list).toBeVisible();
  await expectNoSideways(page, "The framework page with a move's goals open at 320 px");
});

test('handing over without a passphrase or PIN asks for them, and those pages pass axe', async ({
  page,
}) => {
  await loadDemo(page);
  await openPerson(page, 'Demo: Jordan');
  await page.getByRole('button', { name: 'Hand over to Demo: Jordan' }).click();
  await expect(page.getByText(/Before you hand over, choose a passphrase/)).toBeVisible();
  await expectNoViolations(page, 'Choosing a passphrase before a handover');
  await setUpPassphrase(page);
  await expect(page.getByText(/Before you hand over to Demo: Jordan, set a PIN/)).toBeVisible();
  await expect(page.getByLabel('New PIN', { exact: true })).toBeInViewport();
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

test('the print views of the service report, a goal page and the recovery key pass axe', async ({
  page,
}) => {
  await loadDemo(page);
  await page.emulateMedia({ media: 'print' });

  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
  await expectNoViolations(page, 'The service report, printed');

  await openPerson(page, 'Demo: Jordan');
  await page
    .getByRole('link', { name: /Use music to distract me/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/goals\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: /goal$/ })).toBeVisible();
  await expectNoViolations(page, 'A goal page, printed');

  // The recovery key step, shown once when the passphrase is chosen, has a Print button. The
  // backup page asks for a passphrase first (with only demo data, nothing else does).
  await page.emulateMedia({ media: 'screen' });
  await page.goto('/backup');
  await expect(page.getByRole('heading', { name: 'Choose a passphrase' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(E2E_PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  const keyHeading = page.getByRole('heading', { name: 'Keep your recovery key safe' });
  await expect(keyHeading).toBeVisible({ timeout: 30_000 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText(/^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$/)).toBeVisible();
  await expectNoViolations(page, 'The recovery key, printed');
});

test('"Delete the safety copy?" on the backup page passes axe', async ({ page }) => {
  await loadDemo(page);
  await page.goto('/backup');
  await setUpPassphrase(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Backup and restore' })).toBeVisible();

  // Replacing everything with a backup keeps a safety copy of what was there before.
  await turnProtectionOff(page, 'backup');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Back up now' }).click(),
  ]);
  const text = await readFile(await file.path(), 'utf8');
  await page.getByLabel('Backup file').setInputFiles({
    name: file.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await page.getByRole('radio', { name: 'Replace everything on this device' }).check();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await page
    .getByRole('alertdialog', { name: 'Replace everything on this device?' })
    .getByRole('button', { name: 'Replace everything' })
    .click();
  await expect(page.getByRole('heading', { name: /^Backup restored/ })).toBeFocused();

  await page.goto('/backup');
  await expect(page.getByText(/^Safety copy from before the restore on /)).toBeVisible();
  const open = page.getByRole('button', { name: 'Delete the safety copy' });
  await open.click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete the safety copy?' });
  await expect(dialog).toBeVisible();
  await expectNoViolations(page, 'The delete safety copy dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

test("the retention list's erase dialog in Settings passes axe", async ({ page }) => {
  await loadDemo(page);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // Demo: Kai's case closed months ago: with a retention period of one month it is due.
  await page.getByLabel('Keep closed cases for, in months').fill('1');
  await page.getByRole('button', { name: 'Save retention period' }).click();
  await expect(page.getByText('Retention period saved').last()).toBeVisible();
  const list = page.locator('.retention-list');
  await expect(list.getByRole('link', { name: 'Demo: Kai', exact: true })).toBeVisible();
  await expectNoViolations(page, 'Settings with a closed case past the retention period');

  const open = page.getByRole('button', { name: "Erase Demo: Kai's records" });
  await open.click();
  const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Erase Demo: Kai's records?");
  await expectNoViolations(page, 'The retention erase dialog');
  await page.keyboard.type('Demo');
  await expectNoViolations(page, 'The retention erase dialog, partly typed');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  await expect(list.getByRole('link', { name: 'Demo: Kai', exact: true })).toBeVisible();
});

test('"Ready to work offline" and the "Update available" prompt pass axe', async ({
  page,
  baseURL,
}) => {
  // The app through a proxy that can serve a new build's service worker.
  const proxy = await newVersionProxy(baseURL);

  try {
    await page.goto(`${proxy.origin}/`);
    await expect(page.getByText('Ready to work offline')).toBeVisible();
    await expectNoViolations(page, 'The caseload saying "Ready to work offline"');
    await waitForServiceWorker(page);

    proxy.deployNewVersion();
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    const prompt = page.getByRole('status').filter({ hasText: 'Update available' });
    await expect(prompt).toBeVisible();
    await expectNoViolations(page, 'The "Update available" prompt');
    // At 320 px too, where its buttons wrap.
    await page.setViewportSize({ width: 320, height: 640 });
    await expect(prompt.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expectNoViolations(page, 'The "Update available" prompt at 320 px');
  } finally {
    await proxy.close();
  }
});
