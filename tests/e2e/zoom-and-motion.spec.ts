import { expect, test, type Page } from '@playwright/test';
import {
  E2E_PASSPHRASE,
  expectNoSideways,
  reloadLocked,
  setUpPassphrase,
  unlock,
  unlockAfterNavigation,
} from './support/helpers';

// Issue 7: usable at 200% zoom and at 320 px wide (no sideways scrolling) on every coach page,
// the backup page, the passphrase and unlock screens and the young person's space, and no
// movement for people who ask their device for reduced motion: no chart animation, no
// celebration bounce, no running CSS animation or transition after the interactions that would
// animate.

const PIN = '2468';

test.describe.configure({ timeout: 240_000 });

async function loadDemo(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await expect(page.getByRole('link', { name: 'Demo: Jordan' })).toBeVisible();
}

/** Every coach page worth checking, with the demo data loaded. */
async function coachPages(page: Page): Promise<string[]> {
  await page.getByRole('link', { name: 'Demo: Jordan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo: Jordan' })).toBeVisible();
  const person = new URL(page.url()).pathname;
  const goal = await page
    .getByRole('link', { name: /Use music to distract me/ })
    .first()
    .getAttribute('href');
  const session = await page
    .getByRole('region', { name: 'Sessions' })
    .getByRole('link')
    .first()
    .getAttribute('href');
  expect(goal).toBeTruthy();
  expect(session).toBeTruthy();
  return [
    '/',
    person,
    goal ?? '',
    session ?? '',
    `${person}/goals/new`,
    `${person}/sessions/new`,
    `${person}/edit`,
    `${person}/close`,
    `${person}/map`,
    `${person}/summary`,
    `${person}/summary/young-person`,
    '/young-people/new',
    '/reports',
    '/settings',
    '/framework',
    '/no-such-page',
  ];
}

async function expectEveryPageFits(page: Page, paths: string[], what: string) {
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expectNoSideways(page, `${path} ${what}`);
  }
}

/**
 * After the coach pages (the demo data needs no passphrase): the backup page, which asks for a
 * passphrase first, and the screens on the way (choosing one, the recovery key); the unlock
 * screen after a reload; then, handing over, the young person's space home.
 */
async function expectLockAndSpaceFit(page: Page, what: string) {
  await page.goto('/backup');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a passphrase' })).toBeVisible();
  await expectNoSideways(page, `Choosing a passphrase ${what}`);
  await page.getByLabel('Passphrase', { exact: true }).fill(E2E_PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByRole('heading', { name: 'Keep your recovery key safe' })).toBeVisible({
    timeout: 30_000,
  });
  await expectNoSideways(page, `The recovery key ${what}`);
  await page.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // From now on goto() and reload() unlock by themselves, as the coach would.
  unlockAfterNavigation(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Backup and restore' })).toBeVisible();
  await expectNoSideways(page, `/backup ${what}`);

  await reloadLocked(page);
  await expectNoSideways(page, `The unlock screen ${what}`);
  await unlock(page);

  await page.goto('/');
  await page.getByRole('link', { name: 'Demo: Jordan' }).click();
  await page.getByRole('button', { name: 'Hand over to Demo: Jordan' }).click();
  await page.getByLabel('New PIN', { exact: true }).fill(PIN);
  await page.getByLabel('Type the new PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Welcome, Demo: Jordan!' }),
  ).toBeVisible();
  await expectNoSideways(page, `The young person's space ${what}`);
}

test.describe('at 200% zoom (1280 px shown at 640 CSS px)', () => {
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test("no page scrolls sideways: coach pages, backup, lock screens, young person's space", async ({
    page,
  }) => {
    await loadDemo(page);
    const paths = await coachPages(page);
    await expectEveryPageFits(page, paths, 'at 200% zoom');
    await expectLockAndSpaceFit(page, 'at 200% zoom');
  });
});

test.describe('at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("no page scrolls sideways: coach pages, backup, lock screens, young person's space", async ({
    page,
  }) => {
    await loadDemo(page);
    const paths = await coachPages(page);
    await expectEveryPageFits(page, paths, 'at 320 px');
    await expectLockAndSpaceFit(page, 'at 320 px');
  });
});

/**
 * CSS animations and transitions in the page now that take any real time (over 1 ms). With
 * reduced motion asked for there must be none: the app's own reduced-motion rules make them
 * instant (0.01 ms) or remove them. Checking durations, not whether they are still running,
 * keeps the test the same on a slow machine.
 */
function movingAnimations(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    document
      .getAnimations()
      .filter((a) => Number(a.effect?.getComputedTiming().duration ?? 0) > 1)
      .map((a) => {
        const target = a.effect instanceof KeyframeEffect ? a.effect.target : null;
        const name = 'animationName' in a ? String(a.animationName) : 'transition';
        return `${name} on ${target?.className ?? 'something'}`;
      }),
  );
}

async function expectStill(page: Page): Promise<void> {
  expect(await movingAnimations(page)).toEqual([]);
}

/** Whether the first chart's line is drawn with recharts' entry animation (a growing dash). */
function chartLineAnimates(page: Page): Promise<boolean> {
  return page
    .locator('.goal-chart .recharts-line-curve')
    .first()
    .evaluate((path) => path.hasAttribute('stroke-dasharray'));
}

test('with reduced motion asked for, charts, the celebration and transitions stay still', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await loadDemo(page);
  await page.getByRole('link', { name: 'Demo: Jordan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo: Jordan' })).toBeVisible();
  await expect(page.locator('.goal-chart .recharts-line-curve').first()).toBeAttached();
  expect(await chartLineAnimates(page)).toBe(false);
  await expectStill(page);
  const person = page.url();

  // Opening a domain of moves turns its chevron (a transition without reduced motion).
  await page.getByRole('link', { name: 'Add goal' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('goal');
  const toggle = page.locator('.move-domain__toggle').first();
  if (await toggle.count()) {
    await toggle.click();
    await expectStill(page);
  }

  // The young person's space: a score that reaches the goal brings the celebration. A
  // hand-over needs a passphrase first (the PIN is sealed under the data key).
  await page.goto(person);
  await page.getByRole('button', { name: 'Hand over to Demo: Jordan' }).click();
  await setUpPassphrase(page);
  await page.getByLabel('New PIN', { exact: true }).fill(PIN);
  await page.getByLabel('Type the new PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page).toHaveURL(/\/my-space/);
  await page.getByRole('link', { name: 'How close are you?' }).click();
  const card = page.locator('.my-rate').first();
  await card.getByRole('radio', { name: /^10\b/ }).check();
  await card.getByRole('button', { name: /^Save/ }).click();
  const celebration = card.locator('.celebration');
  await expect(celebration).toBeVisible();
  await expectStill(page);
  const animationOf = () =>
    celebration.evaluate((el) =>
      [el, ...el.querySelectorAll('.celebration__star')].map(
        (e) => getComputedStyle(e).animationName,
      ),
    );
  await expect.poll(animationOf).toEqual(['none', 'none', 'none', 'none']);

  // The same celebration moves for everyone else (so the checks above can fail).
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect
    .poll(animationOf)
    .toEqual([
      'celebration-pop',
      'celebration-twinkle',
      'celebration-twinkle',
      'celebration-twinkle',
    ]);
});

test('without reduced motion the chart line does animate in (the check above can fail)', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await loadDemo(page);
  await page.getByRole('link', { name: 'Demo: Jordan' }).click();
  await expect(page.locator('.goal-chart .recharts-line-curve').first()).toBeAttached();
  expect(await chartLineAnimates(page)).toBe(true);
});
