import { expect, test } from '@playwright/test';
import { reloadLocked, setUpPassphrase, unlock } from './support/helpers';
import { newVersionProxy, waitForServiceWorker } from './support/service-worker';

// Issue 7: after one visit the app starts with no network at all (its service worker
// precaches every file of the build), and a coach can keep working offline: with the demo
// data, and with real (encrypted) records unlocked by the passphrase offline.

const NOTES = 'Logged with no network: walked to the park and talked about school.';

test.describe('offline', () => {
  test('starts, opens a young person and logs a session with no network', async ({
    page,
    context,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
    await expect(page.getByText('Ready to work offline')).toBeVisible();
    await waitForServiceWorker(page);

    await page.getByRole('button', { name: 'Explore with demo data' }).click();
    await expect(page.getByRole('link', { name: 'Demo: Amara' })).toBeVisible();

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();

    // A deep link opens offline too (the service worker answers with the app's page).
    await page.getByRole('link', { name: 'Demo: Amara' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demo: Amara' })).toBeVisible();
    const youngPersonUrl = page.url();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Demo: Amara' })).toBeVisible();
    const sessionsBefore = await page.locator('.session-list li').count();

    await page.getByRole('link', { name: 'Log session' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Log a session with Demo: Amara',
    );
    await page.getByRole('radio', { name: 'Outdoors' }).check();
    const keep = page.getByRole('button', { name: /^Keep at \d+/ });
    const goals = await keep.count();
    expect(goals).toBeGreaterThan(0);
    for (let i = 0; i < goals; i++) await keep.nth(i).click();
    const rater = page.getByRole('group', { name: 'Who gave these ratings?' });
    await rater.getByRole('radio', { name: 'Young person' }).check();
    await page.getByLabel('Notes').fill(NOTES);
    await page.getByRole('button', { name: 'Save session' }).click();
    await expect(page.getByText('Session saved').last()).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Demo: Amara' })).toBeVisible();

    // Still offline, after another reload: the session is there, with its notes.
    await page.goto(youngPersonUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Demo: Amara' })).toBeVisible();
    await expect(page.locator('.session-list li')).toHaveCount(sessionsBefore + 1);
    await page.locator('.session-list__link').first().click();
    await expect(page.getByText(NOTES)).toBeVisible();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  });

  test('with a passphrase set, unlocks offline, opens a young person and logs a session', async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000);
    const name = 'Tamsin Okonkwo-Reade';
    const goal = 'Walk to school with a friend twice a week';
    const notes = 'Unlocked with no signal in the park; talked about the walk to school.';

    // One visit online: choose a passphrase, add a young person with a goal.
    await page.goto('/');
    await waitForServiceWorker(page);
    await page.getByRole('link', { name: 'Add your first young person' }).click();
    await setUpPassphrase(page);
    await page.getByLabel('Name or initials').fill(name);
    await page.getByRole('button', { name: 'Add young person' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const youngPersonUrl = page.url();
    await page.getByRole('link', { name: 'Add goal' }).first().click();
    await page.getByLabel('What is the goal?').fill(goal);
    await page.getByRole('checkbox', { name: /^Belonging/ }).check();
    await page.getByRole('radio', { name: 'Together' }).check();
    const baseline = page.getByRole('group', { name: /How close is the young person/ });
    await baseline.getByRole('radio', { name: '3', exact: true }).check();
    await page.getByRole('button', { name: 'Save goal' }).click();
    await expect(page.getByText('Goal added').last()).toBeVisible();

    // No network: the app starts, locked, and the passphrase opens it.
    await context.setOffline(true);
    await reloadLocked(page);
    await unlock(page);
    await page.getByRole('link', { name: 'Caseload' }).first().click();
    await page.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('No sessions yet.')).toBeVisible();

    await page.getByRole('link', { name: 'Log session' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Log a session with ${name}`);
    await page.getByRole('radio', { name: 'Outdoors' }).check();
    const rating = page.getByRole('group', { name: new RegExp(goal) });
    await rating.getByRole('radio', { name: /^5\b/ }).check();
    await page.getByLabel('Notes').fill(notes);
    await page.getByRole('button', { name: 'Save session' }).click();
    await expect(page.getByText('Session saved').last()).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

    // Still offline, after another start (goto() unlocks with the passphrase, as after
    // setUpPassphrase): the session is there, with its notes.
    await page.goto(youngPersonUrl);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.locator('.session-list li')).toHaveCount(1);
    await page.locator('.session-list__link').first().click();
    await expect(page.getByText(notes)).toBeVisible();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  });

  test('says "Update available" when a new version is waiting, and reloads only when asked', async ({
    page,
    baseURL,
  }) => {
    const proxy = await newVersionProxy(baseURL);
    const markPage = () =>
      page.evaluate(() => {
        (window as Window & { unchanged?: boolean }).unchanged = true;
      });
    const pageUnchanged = () =>
      page.evaluate(() => (window as Window & { unchanged?: boolean }).unchanged === true);

    try {
      await page.goto(`${proxy.origin}/`);
      await waitForServiceWorker(page);
      await expect(page.getByText('Update available')).toBeHidden();

      proxy.deployNewVersion();
      await markPage();
      await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
      const banner = page.getByRole('status').filter({ hasText: 'Update available' });
      await expect(banner).toBeVisible();
      await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();

      // "Later" hides it, and nothing was reloaded or swapped.
      await banner.getByRole('button', { name: 'Later' }).click();
      await expect(page.getByText('Update available')).toBeHidden();
      expect(await pageUnchanged()).toBe(true);

      // The new version still waits at the next start, so the prompt is back; "Reload" takes it.
      await page.reload();
      await expect(banner).toBeVisible();
      expect(
        await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null),
      ).toBe(true);
      await markPage();
      await banner.getByRole('button', { name: 'Reload' }).click();
      await page.waitForFunction(
        () => (window as Window & { unchanged?: boolean }).unchanged === undefined,
      );
      await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
      await expect(page.getByText('Update available')).toBeHidden();
      expect(
        await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting === null),
      ).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});
