import { expect, test, type Page } from '@playwright/test';
import {
  E2E_PASSPHRASE,
  expectNoSideways,
  expectNoViolations,
  reloadLocked,
  setUpPassphrase,
  unlock,
  unlockAfterNavigation,
} from './support/helpers';

// Issue 6: records are encrypted at rest, the app locks (now, and by itself after a while
// without use), a wrong passphrase is refused and slowed down, and the recovery key opens
// the records and sets a new passphrase. All data is fictional.

test.describe.configure({ timeout: 180_000 });

const NAME = 'Marisol Quennell-Ashby';
const SCHOOL = 'Thornfield Vale Academy';
const GOAL = 'Learn the ukulele chords for a whole song';
const NOTES = 'Talked about the bus to Fleetwood and who sits at the back';
const PROGRAMME = 'Saltmarsh Transitions Pilot';
const TYPED = [NAME, 'Quennell', SCHOOL, PROGRAMME, GOAL, 'ukulele', NOTES, 'Fleetwood'];
const PIN = '2468';

/** Everything in every IndexedDB database of the page's origin, read with the browser's own API. */
function rawDatabaseText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const ask = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
      });
    let text = '';
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await ask(indexedDB.open(name));
      for (const store of db.objectStoreNames) {
        text += JSON.stringify(await ask(db.transaction(store).objectStore(store).getAll()));
      }
      db.close();
    }
    return text;
  });
}

/** What the page holds now: its whole DOM, its title and what it shows. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(
    () => `${document.title}\n${document.documentElement.outerHTML}\n${document.body.innerText}`,
  );
}

/** Adds the young person, a goal and a session with notes; ends on the session's page. */
async function addRecords(page: Page): Promise<string> {
  await page.getByLabel('Name or initials').fill(NAME);
  await page.getByLabel('Date of birth').fill('2013-03-14');
  await page.getByLabel('School').fill(SCHOOL);
  await page.getByLabel('Programme').fill(PROGRAMME);
  await page.getByRole('button', { name: 'Add young person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  const personUrl = page.url();

  await page.getByRole('link', { name: 'Add goal' }).first().click();
  await page.getByLabel('What is the goal?').fill(GOAL);
  await page.getByRole('checkbox', { name: /^Learning/ }).check();
  await page.getByRole('radio', { name: 'Together' }).check();
  const baseline = page.getByRole('group', { name: /How close is the young person/ });
  await baseline.getByRole('radio', { name: '3', exact: true }).check();
  await page.getByRole('button', { name: 'Save goal' }).click();
  await expect(page.getByText('Goal added').last()).toBeVisible();

  await page.getByRole('link', { name: 'Log session' }).first().click();
  await page.getByRole('radio', { name: 'School' }).check();
  const rating = page.getByRole('group', { name: new RegExp(GOAL) });
  await rating.getByRole('radio', { name: /^5\b/ }).check();
  await page.getByLabel('Notes').fill(NOTES);
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByText('Session saved').last()).toBeVisible();
  await page.locator('.session-list__link').first().click();
  await expect(page.getByText(NOTES)).toBeVisible();
  return personUrl;
}

/** From the empty caseload: chooses a passphrase, then adds the records. */
async function journey(page: Page): Promise<{ recoveryKey: string; personUrl: string }> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Add your first young person' }).click();
  const recoveryKey = await setUpPassphrase(page);
  return { recoveryKey, personUrl: await addRecords(page) };
}

const unlockHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Unlock' });

test('what is typed is stored encrypted, and Lock takes it off the screen', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  // The set-up screen says plainly what losing the passphrase means.
  await page.goto('/');
  await page.getByRole('link', { name: 'Add your first young person' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a passphrase' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(
    'Without your passphrase or your recovery key, nobody can read the records',
  );
  await page.getByLabel('Passphrase', { exact: true }).fill('too short');
  await page.getByLabel('Type the passphrase again').fill('too short');
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveAccessibleDescription(
    /at least 10 characters/,
  );
  await expectNoViolations(page, 'Choosing a passphrase, too short');
  await page.getByLabel('Passphrase', { exact: true }).fill(E2E_PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByRole('heading', { name: 'Keep your recovery key safe' })).toBeVisible({
    timeout: 30_000,
  });
  await expectNoViolations(page, 'The recovery key');
  // Continue waits until the coach says the key is kept.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Keep your recovery key safe' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /young person/i })).toBeVisible();
  unlockAfterNavigation(page);

  await addRecords(page);

  // The raw IndexedDB holds none of it, only ciphertext.
  const raw = await rawDatabaseText(page);
  // Every record sealed whole (issue 13): no value of the first format, one seal per record.
  expect(raw).toContain('enc:v2:');
  expect(raw).not.toContain('enc:v1:');
  for (const words of TYPED) expect(raw, `"${words}" is stored readable`).not.toContain(words);

  // Lock: the unlock screen, and nothing of the records in the page.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(unlockHeading(page)).toBeVisible();
  const locked = await pageText(page);
  for (const words of TYPED) expect(locked, `"${words}" is still in the page`).not.toContain(words);
  await expectNoViolations(page, 'The unlock screen');

  // A wrong passphrase is refused by its box.
  await page.getByLabel('Passphrase', { exact: true }).fill('not the passphrase at all');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveAccessibleDescription(
    /That passphrase is not right/,
  );
  await expect(unlockHeading(page)).toBeVisible();
  await expectNoViolations(page, 'The unlock screen after a wrong passphrase');

  // The right one brings back the same page.
  await unlock(page);
  await expect(page.getByText(NOTES)).toBeVisible();

  const elsewhere = requests.filter((url) => new URL(url).origin !== new URL(page.url()).origin);
  expect(elsewhere).toEqual([]);
});

test('the app locks itself after 5 minutes without use, the young person’s space too', async ({
  page,
}) => {
  await page.clock.install();
  const { personUrl } = await journey(page);

  // Four minutes idle: still open. Using it restarts the count.
  await page.clock.fastForward('04:00');
  await expect(page.getByText(NOTES)).toBeVisible();
  await page.getByText(NOTES).click();
  await page.clock.fastForward('04:00');
  await expect(unlockHeading(page)).toHaveCount(0);
  await page.clock.fastForward('01:10');
  await expect(unlockHeading(page)).toBeVisible();
  const locked = await pageText(page);
  for (const words of TYPED) expect(locked).not.toContain(words);
  await unlock(page);
  await expect(page.getByText(NOTES)).toBeVisible();

  // One minute, set in Settings.
  await page.goto('/settings');
  const minutes = page.getByLabel('Lock after this many minutes without use');
  await expect(minutes).toHaveValue('5');
  await minutes.fill('0');
  await page.getByRole('button', { name: 'Save auto-lock' }).click();
  await expect(minutes).toHaveAccessibleDescription(/1 to 60 minutes/);
  await minutes.fill('1');
  await page.getByRole('button', { name: 'Save auto-lock' }).click();
  await expect(page.getByText('Auto-lock saved').last()).toBeVisible();
  await expectNoViolations(page, 'Settings, passphrase and lock');
  await page.clock.fastForward('01:10');
  await expect(unlockHeading(page)).toBeVisible();
  await unlock(page);

  // During a handover: the space locks too, and only the coach's passphrase opens it.
  await page.goto(personUrl);
  await page.getByRole('button', { name: `Hand over to ${NAME}` }).click();
  await page.getByLabel('New PIN', { exact: true }).fill(PIN);
  await page.getByLabel('Type the new PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${NAME}!` })).toBeVisible();
  await page.clock.fastForward('01:10');
  await expect(unlockHeading(page)).toBeVisible();
  expect(await pageText(page)).not.toContain(NAME);
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${NAME}!` })).toBeVisible();
});

test('the recovery key opens the records, sets a new passphrase and is replaced; wrong tries slow down', async ({
  page,
}) => {
  const { recoveryKey } = await journey(page);
  expect(recoveryKey).toMatch(/^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$/);

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Forgotten your passphrase?' }).click();
  await expect(page.getByRole('heading', { name: 'Use your recovery key' })).toBeVisible();
  await expectNoViolations(page, 'The recovery form');
  // Typed in small letters and without dashes: still the key.
  const NEW_PASSPHRASE = 'gulls over the north pier';
  await page
    .getByRole('textbox', { name: 'Recovery key' })
    .fill(recoveryKey.replaceAll('-', ' ').toLowerCase());
  await page.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByLabel('Type the new passphrase again').fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
  // A new recovery key, shown once before the records open: the one typed stops working.
  await expect(page.getByRole('heading', { name: 'Keep your new recovery key safe' })).toBeVisible({
    timeout: 30_000,
  });
  await expectNoViolations(page, 'The new recovery key after recovering');
  const newRecoveryKey =
    (await page.locator('.recovery-key').textContent())?.trim() ?? 'no recovery key shown';
  expect(newRecoveryKey).toMatch(/^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$/);
  expect(newRecoveryKey).not.toBe(recoveryKey);
  await page.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(NOTES)).toBeVisible({ timeout: 30_000 });

  // The old passphrase no longer opens it; the new one does.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  const box = page.getByLabel('Passphrase', { exact: true });
  const unlockButton = page.getByRole('button', { name: 'Unlock', exact: true });
  await box.fill(E2E_PASSPHRASE);
  await unlockButton.click();
  await expect(box).toHaveAccessibleDescription(/That passphrase is not right/);

  // Five wrong in a row: then a wait, which a reload does not reset.
  for (let tries = 2; tries <= 5; tries += 1) {
    await box.fill(`wrong passphrase number ${tries}`);
    await unlockButton.click();
    await expect(box).toHaveAccessibleDescription(
      tries < 5 ? /That passphrase is not right/ : /Wait 30 seconds/,
    );
  }
  await expect(unlockButton).toBeDisabled();
  await reloadLocked(page);
  await expect(page.getByRole('main')).toContainText(/try again in|Wait/i);
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeDisabled();

  // The recovery key used before no longer works; the new one does, even during the wait.
  await page.getByRole('button', { name: 'Forgotten your passphrase?' }).click();
  await page.getByRole('textbox', { name: 'Recovery key' }).fill(recoveryKey);
  await page.getByLabel('New passphrase', { exact: true }).fill(E2E_PASSPHRASE);
  await page.getByLabel('Type the new passphrase again').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
  await expect(page.getByRole('textbox', { name: 'Recovery key' })).toHaveAccessibleDescription(
    /That recovery key does not open the records on this device/,
  );
  await page.getByRole('textbox', { name: 'Recovery key' }).fill(newRecoveryKey);
  await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
  await expect(page.getByRole('heading', { name: 'Keep your new recovery key safe' })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(unlockHeading(page)).toBeHidden({ timeout: 30_000 });
});

test('demo data needs no passphrase; choosing one later encrypts it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await expect(page.getByRole('link', { name: 'Demo: Jordan' })).toBeVisible();
  // Nothing to lock yet, and the demo data is stored as it is.
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toHaveCount(0);
  expect(await rawDatabaseText(page)).toContain('Demo: Jordan');

  // Renaming a demo young person into a real one is refused; the form says why, and asks
  // for no real details before a passphrase.
  await page.getByRole('link', { name: 'Demo: Jordan' }).click();
  await page.getByRole('link', { name: /^Edit details/ }).click();
  await expect(page.getByRole('note')).toHaveText(
    "You are exploring demo data. Don't type real details here: choose a passphrase first (Settings) to keep real records.",
  );
  await expectNoViolations(page, 'A demo young person’s details, before a passphrase');
  await page.getByLabel('Name or initials').fill('Jordan Whitcombe');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose a passphrase first');
  expect(await rawDatabaseText(page)).not.toContain('Whitcombe');

  await page.goto('/settings');
  await page.getByRole('button', { name: 'Choose a passphrase' }).click();
  await setUpPassphrase(page);
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
  expect(await rawDatabaseText(page)).not.toContain('Demo: Jordan');

  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Demo: Jordan' })).toBeVisible();

  // The lock screens fit a small phone.
  await page.setViewportSize({ width: 320, height: 700 });
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(unlockHeading(page)).toBeVisible();
  await expectNoSideways(page, 'The unlock screen at 320 px');
  await page.getByRole('button', { name: 'Forgotten your passphrase?' }).click();
  await expectNoSideways(page, 'The recovery form at 320 px');
  await expectNoViolations(page, 'The recovery form at 320 px');
});

test('Lock in one tab locks every tab of the app; tab titles never name anyone', async ({
  page,
  context,
}) => {
  const { personUrl } = await journey(page);
  // Browsers keep page titles, unencrypted, in their history.
  expect(await page.title()).not.toContain('Quennell');

  const second = await context.newPage();
  await second.goto(personUrl);
  await unlock(second);
  await expect(second.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  expect(await second.title()).toBe('Young person - Resilience Coaching');
  await second.getByRole('link', { name: 'Log session' }).first().click();
  await expect(second.getByRole('heading', { level: 1, name: /Log a session with/ })).toBeVisible();
  expect(await second.title()).toBe('Log a session - Resilience Coaching');

  // Lock in the first tab: the second shows the unlock screen at once, with nothing typed.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(unlockHeading(page)).toBeVisible();
  await expect(unlockHeading(second)).toBeVisible({ timeout: 5_000 });
  const locked = await pageText(second);
  for (const words of TYPED) expect(locked, `"${words}" is still in the tab`).not.toContain(words);

  // Each tab asks for the passphrase itself: unlocking one leaves the other locked.
  await unlock(second);
  await expect(second.getByRole('heading', { level: 1, name: /Log a session with/ })).toBeVisible();
  await expect(unlockHeading(page)).toBeVisible();

  // And the other way round.
  await unlock(page);
  await expect(page.getByText(NOTES)).toBeVisible();
  await second.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(unlockHeading(second)).toBeVisible();
  await expect(unlockHeading(page)).toBeVisible({ timeout: 5_000 });
  expect(await pageText(page)).not.toContain(NOTES);
  await second.close();
});
