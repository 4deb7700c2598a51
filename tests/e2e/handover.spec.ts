import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  E2E_PASSPHRASE,
  addYoungPerson,
  expectNoSideways,
  expectNoViolations,
  unlock,
  unlockAfterNavigation,
} from './support/helpers';

// Handing the device to a young person: their own space, kept shut behind the coach's PIN.
// Real Chromium against the built app, with real IndexedDB. All names are fictional.

const PIN = '2468';
const WRONG_PIN = '1357';
const PRIVATE_NOTE = 'Fictional private note: talked about bedtime worries.';
const COACH_GOAL = 'To feel calmer at bedtime';
const THEIR_GOAL = 'I want to join a football club';

/** The coach sets a goal "together", with the young person's starting score of 3. */
async function addCoachGoal(page: Page, name: string) {
  await page.getByRole('link', { name: 'Add goal' }).first().click();
  await page.getByLabel('What is the goal?').fill(COACH_GOAL);
  await page.getByRole('checkbox', { name: /^Coping/ }).check();
  await page.getByRole('radio', { name: 'Together' }).check();
  const baseline = page.getByRole('group', { name: /How close is the young person/ });
  await baseline.getByRole('radio', { name: '3', exact: true }).check();
  await page.getByRole('button', { name: 'Save goal' }).click();
  await expect(page.getByText('Goal added').last()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** A session with private notes, where the coach scores the goal 2. */
async function logCoachSession(page: Page, name: string) {
  await page.getByRole('link', { name: 'Log session' }).first().click();
  await page.getByRole('radio', { name: 'School' }).check();
  const group = page.getByRole('group', { name: new RegExp(COACH_GOAL) });
  await group.getByRole('radio', { name: /^2\b/ }).check();
  await page
    .getByRole('group', { name: 'Who gave these ratings?' })
    .getByRole('radio', { name: 'Coach' })
    .check();
  await page.getByLabel('Notes').fill(PRIVATE_NOTE);
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByText('Session saved').last()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The device shows the young person's space and nothing of the coach's. */
async function expectInsideSpace(page: Page, name: string) {
  await expect(page).toHaveURL(/\/my-space(\/|$)/);
  await expect(page.getByText(`Hi ${name}!`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Give back to my coach' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Caseload' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toHaveCount(0);
  await expect(page.getByText(PRIVATE_NOTE)).toHaveCount(0);
}

/** The PIN box says the PIN was wrong (by the box, so a screen reader hears it there too). */
async function expectRefused(dialog: Locator) {
  await expect(dialog.getByLabel('Coach PIN')).toHaveAccessibleDescription(
    /That PIN is not right\. 9 tries left before the app locks\./,
  );
  await expect(dialog.getByRole('status')).toHaveText(
    'That PIN is not right. 9 tries left before the app locks.',
  );
}

async function openGiveBack(page: Page) {
  await page.getByRole('button', { name: 'Give back to my coach' }).click();
  const dialog = page.getByRole('dialog', { name: 'Give back to your coach' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a young person sets and rates goals in their own space, kept there until the PIN', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const name = 'Sam K';
  const personUrl = await addYoungPerson(page, name);
  const personPath = new URL(personUrl).pathname;
  await addCoachGoal(page, name);
  await logCoachSession(page, name);

  // Without a PIN, handing over takes the coach straight to the PIN form (first on the page,
  // in view without scrolling), then opens the space.
  await page.getByRole('button', { name: `Hand over to ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByText(`Before you hand over to ${name}, set a PIN.`)).toBeVisible();
  await expect(page.getByLabel('New PIN', { exact: true })).toBeInViewport();
  await page.getByLabel('New PIN', { exact: true }).fill(PIN);
  await page.getByLabel('Type the new PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${name}!` })).toBeVisible();
  await expectInsideSpace(page, name);

  // Their own starting score (3) shows, not the coach's 2 from the session.
  const coachGoalCard = page.getByRole('article', { name: `“${COACH_GOAL}”` });
  await expect(coachGoalCard).toContainText('How close you feel now: 3 out of 10');
  await expect(coachGoalCard).toContainText('Coping');

  // They add a goal in their own words, with a picture button, a move and their own score.
  await page.getByRole('link', { name: 'Add a goal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a goal' })).toBeVisible();
  await page.getByLabel('What would you like to be different?').fill(THEIR_GOAL);
  const belonging = page.getByRole('button', { name: /^Belonging/ });
  await belonging.click();
  await expect(belonging).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('checkbox', { name: 'Make friends and mix with other people' }).check();
  await page
    .getByRole('group', { name: 'How close are you now?' })
    .getByRole('radio', { name: '2', exact: true })
    .check();
  await page.getByRole('button', { name: 'Save my goal' }).click();
  await expect(page.getByText('Your goal is saved. Well done!').last()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${name}!` })).toBeVisible();
  await expect(page.getByRole('article', { name: `“${THEIR_GOAL}”` })).toContainText(
    'How close you feel now: 2 out of 10',
  );

  // They rate both goals.
  await page.getByRole('link', { name: 'How close are you?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How close are you?' })).toBeVisible();
  for (const [goal, score, cheer] of [
    [COACH_GOAL, 6, 'Brilliant! You moved up from 3 to 6.'],
    [THEIR_GOAL, 5, 'Brilliant! You moved up from 2 to 5.'],
  ] as const) {
    await page
      .getByRole('group', { name: `“${goal}”` })
      .getByRole('radio', { name: new RegExp(`^${score}\\b`) })
      .check();
    await page.getByRole('button', { name: `Save for “${goal}”` }).click();
    await expect(page.getByText(cheer)).toBeVisible();
  }

  await page.getByRole('link', { name: 'Back to my space' }).click();
  await page.getByRole('link', { name: 'My journey' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My journey' })).toBeVisible();
  await expect(page.getByText('You started at 3. Now you are at 6.')).toBeVisible();
  await expect(page.getByText('You started at 2. Now you are at 5.')).toBeVisible();
  await expectInsideSpace(page, name);

  // Back, all the way through the coach's pages that came before, stays inside the space.
  for (let i = 0; i < 7; i += 1) {
    await page.goBack();
    await expectInsideSpace(page, name);
  }

  // So do a reload, typed addresses, and a second tab.
  await page.reload();
  await expectInsideSpace(page, name);
  for (const address of ['/', personPath, `${personPath}/sessions/new`, '/settings', '/nowhere']) {
    await page.goto(address);
    await expectInsideSpace(page, name);
  }
  const secondTab = await context.newPage();
  unlockAfterNavigation(secondTab);
  await secondTab.goto(personPath);
  await expectInsideSpace(secondTab, name);
  await secondTab.close();

  // A wrong PIN is refused; cancelling keeps the space.
  let dialog = await openGiveBack(page);
  await dialog.getByLabel('Coach PIN').fill(WRONG_PIN);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expectRefused(dialog);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expectInsideSpace(page, name);

  // The right PIN gives the device back to the coach, on the young person's page.
  dialog = await openGiveBack(page);
  await dialog.getByLabel('Coach PIN').fill(PIN);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(personUrl);

  // The coach sees the new goal and the ratings, each marked with who gave it.
  const theirCard = page.getByRole('article').filter({ hasText: THEIR_GOAL });
  await expect(theirCard).toContainText('Set by the young person');
  await expect(theirCard).toContainText('Started at 2, now 5 (+3)');
  await expect(theirCard).toContainText('Starting and latest scores by the young person.');
  const coachCard = page.getByRole('article').filter({ hasText: COACH_GOAL });
  await expect(coachCard).toContainText('Started at 3, now 6 (+3)');
  await expect(coachCard).toContainText('Starting and latest scores by the young person.');
  await expect(coachCard).toContainText('Different views: the young person said 6, you said 2.');

  await page.getByRole('link', { name: `“${COACH_GOAL}”` }).click();
  const views = page.getByRole('region', { name: 'Different views' });
  await expect(views).toContainText(/The young person said 6 on .*; you said 2 on /);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('Young person');
  await expect(rows.nth(2)).toContainText('Coach');
  await expect(rows.nth(3)).toContainText('6 out of 10');
  await expect(rows.nth(3)).toContainText('Young person');

  await page.goto(personPath);
  await page.getByRole('link', { name: `“${THEIR_GOAL}”` }).click();
  await expect(page.getByText('“I want to join a football club”')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Resilient moves' })).toContainText(
    'Make friends and mix with other people',
  );
  const theirRows = page.getByRole('table').getByRole('row');
  await expect(theirRows).toHaveCount(3);
  await expect(theirRows.nth(1)).toContainText('Young person');
  await expect(theirRows.nth(2)).toContainText('Young person');

  // The handover is over: the space is shut, even after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('goal');
  await page.goto('/my-space');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  expect(errors).toEqual([]);
});

test('every screen of the space and the PIN dialog pass axe, at desktop and at 320 px', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const name = 'Ali R';
  const personUrl = await addYoungPerson(page, name);

  // The coach sets the PIN in Settings first, then hands over straight away.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByLabel('New PIN', { exact: true }).fill(PIN);
  await page.getByLabel('Type the new PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByText('PIN saved').last()).toBeVisible();
  await expect(page.getByText('Your PIN is set. You can change it here.')).toBeVisible();
  await expectNoViolations(page, 'Settings with a PIN set');

  await page.goto(personUrl);
  await page.getByRole('button', { name: `Hand over to ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${name}!` })).toBeVisible();
  await expectInsideSpace(page, name);
  await expectNoViolations(page, 'The space with no goals');

  await page.getByRole('link', { name: 'Add a goal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a goal' })).toBeVisible();
  await expectNoViolations(page, 'The add goal page');
  await page.getByRole('button', { name: 'Save my goal' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expectNoViolations(page, 'The add goal page with errors');
  await page.getByLabel('What would you like to be different?').fill(THEIR_GOAL);
  await page.getByRole('button', { name: /^Belonging/ }).click();
  await page.getByRole('button', { name: /^Coping/ }).click();
  await page
    .getByRole('group', { name: 'How close are you now?' })
    .getByRole('radio', { name: '4', exact: true })
    .check();
  await expectNoViolations(page, 'The add goal page, filled in');
  await page.getByRole('button', { name: 'Save my goal' }).click();
  await expect(page.getByRole('article', { name: `“${THEIR_GOAL}”` })).toBeVisible();
  await expectNoViolations(page, 'The space with a goal');

  await page.getByRole('link', { name: 'How close are you?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How close are you?' })).toBeVisible();
  await expectNoViolations(page, 'The rating page');
  await page
    .getByRole('group', { name: `“${THEIR_GOAL}”` })
    .getByRole('radio', { name: /^10\b/ })
    .check();
  await page.getByRole('button', { name: `Save for “${THEIR_GOAL}”` }).click();
  await expect(page.getByText(/You reached your goal!/)).toBeVisible();
  await expectNoViolations(page, 'The rating page with a celebration');

  await page.getByRole('link', { name: 'Back to my space' }).click();
  await page.getByRole('link', { name: 'My journey' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My journey' })).toBeVisible();
  await expectNoViolations(page, 'The journey page');
  await page.getByRole('button', { name: 'Show as a table' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await expectNoViolations(page, 'The journey page with its table');

  let dialog = await openGiveBack(page);
  await expectNoViolations(page, 'The PIN dialog');
  await dialog.getByLabel('Coach PIN').fill(WRONG_PIN);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expectRefused(dialog);
  await expectNoViolations(page, 'The PIN dialog after a wrong PIN');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // At 320 px wide (a small phone, or 200% zoom on a small laptop).
  await page.setViewportSize({ width: 320, height: 800 });
  for (const [address, heading] of [
    ['/my-space', `Welcome, ${name}!`],
    ['/my-space/goals/new', 'Add a goal'],
    ['/my-space/rate', 'How close are you?'],
    ['/my-space/journey', 'My journey'],
  ] as const) {
    await page.goto(address);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoViolations(page, `${address} at 320 px`);
    await expectNoSideways(page, `${address} at 320 px`);
  }
  dialog = await openGiveBack(page);
  await expectNoViolations(page, 'The PIN dialog at 320 px');
  await expectNoSideways(page, 'The PIN dialog at 320 px');
  await dialog.getByLabel('Coach PIN').fill(PIN);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

/** Fake time passes (page.clock), with a key pressed every half hour so the app stays in use. */
async function passInUse(page: Page, ms: number) {
  for (let left = ms; left > 0; left -= 30 * 60_000) {
    await page.clock.fastForward(Math.min(left, 30 * 60_000));
    await page.keyboard.press('Shift');
  }
}

test('ten wrong PINs in a row make each try wait longer, then end the hand-over and lock the app', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.clock.install();
  const name = 'Noor B';
  const personUrl = await addYoungPerson(page, name);
  const personPath = new URL(personUrl).pathname;

  // The waits add up to over nine hours: the app is kept in use, with the longest auto-lock
  // and time limit, so that only the wrong PINs lock it.
  await page.goto('/settings');
  await page.getByLabel('Lock after this many minutes without use').fill('60');
  await page.getByRole('button', { name: 'Save auto-lock' }).click();
  await expect(page.getByText('Auto-lock saved').last()).toBeVisible();
  await page.getByLabel('Lock after this many hours, even in use').fill('24');
  await page.getByRole('button', { name: 'Save time limit' }).click();
  await expect(page.getByText('Time limit saved').last()).toBeVisible();

  await page.goto(personPath);
  await page.getByRole('button', { name: `Hand over to ${name}` }).click();
  await page.getByLabel('New PIN', { exact: true }).fill(PIN);
  await page.getByLabel('Type the new PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expectInsideSpace(page, name);

  const dialog = await openGiveBack(page);
  const box = dialog.getByLabel('Coach PIN');
  const continueButton = dialog.getByRole('button', { name: 'Continue' });
  const waits: [string, number][] = [
    ['', 0],
    ['', 0],
    ['', 0],
    [' Wait 60 seconds before the next try.', 60_000],
    [' Wait 5 minutes before the next try.', 5 * 60_000],
    [' Wait 15 minutes before the next try.', 15 * 60_000],
    [' Wait 60 minutes before the next try.', 60 * 60_000],
    [' Wait 4 hours before the next try.', 4 * 60 * 60_000],
    [' Wait 4 hours before the next try.', 4 * 60 * 60_000],
  ];
  for (const [i, [words, wait]] of waits.entries()) {
    await box.fill(WRONG_PIN);
    await continueButton.click();
    const left = 9 - i;
    await expect(box).toHaveAccessibleDescription(
      `Error: That PIN is not right. ${left} ${left === 1 ? 'try' : 'tries'} left before the app locks.${words}`,
    );
    if (wait > 0) {
      // Even the right PIN is not checked during a wait.
      await box.fill(PIN);
      await continueButton.click();
      await expect(box).toHaveAccessibleDescription(/Too many wrong tries\. Try again in/);
      await passInUse(page, wait);
    }
  }
  await expectInsideSpace(page, name);

  // The tenth: the hand-over ends and the app locks (and reloads): only the passphrase opens it.
  await box.fill(WRONG_PIN);
  await continueButton.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock' })).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain(name);
  await unlock(page, E2E_PASSPHRASE);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page).not.toHaveURL(/my-space/);
  await expect(
    page.getByText(
      'The coach PIN was typed wrong too many times in a row, so the hand-over ended',
      {
        exact: false,
      },
    ),
  ).toBeVisible();

  // The PIN no longer works: handing over asks for a new one first.
  await page.goto(personPath);
  await page.getByRole('button', { name: `Hand over to ${name}` }).click();
  await expect(
    page.getByText('Your PIN was typed wrong 10 times in a row, so it no longer works.', {
      exact: false,
    }),
  ).toBeVisible();
  await expect(page.getByLabel('Current PIN')).toHaveCount(0);
  await page.getByLabel('New PIN', { exact: true }).fill('8642');
  await page.getByLabel('Type the new PIN again').fill('8642');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expectInsideSpace(page, name);

  // Forgot the PIN? It locks the app; the passphrase then ends the hand-over and removes the PIN.
  const again = await openGiveBack(page);
  await again.getByRole('button', { name: 'Forgot the PIN?' }).click();
  const forgot = page.getByRole('alertdialog', { name: 'Forgot the PIN?' });
  await expectNoViolations(page, 'The Forgot the PIN? dialog');
  await forgot.getByRole('button', { name: 'Lock the app' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock' })).toBeVisible();
  await unlock(page, E2E_PASSPHRASE);
  await expect(
    page.getByText('The hand-over has ended and the PIN was removed. Set a new PIN to hand over.'),
  ).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.goto(personPath);
  await page.getByRole('button', { name: `Hand over to ${name}` }).click();
  await expect(page.getByLabel('New PIN', { exact: true })).toBeInViewport();
  await expect(page.getByLabel('Current PIN')).toHaveCount(0);
});
