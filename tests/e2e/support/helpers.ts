import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** Fails with every WCAG 2.0-2.2 A and AA violation axe-core finds on the page now. */
export async function expectNoViolations(page: Page, what: string): Promise<void> {
  // Check what a reader sees once things have settled: a fade-in caught halfway (the
  // celebration, say) would be reported as low contrast.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, `${what} has accessibility violations`).toEqual([]);
}

/** Fails when the page scrolls sideways (at 320 px wide, say). */
export async function expectNoSideways(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
}

/**
 * Adds a young person from the empty caseload and returns their page's address. The first
 * time, the app asks for a passphrase first (setUpPassphrase).
 */
export async function addYoungPerson(page: Page, name: string): Promise<string> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Add your first young person' }).click();
  if (!patched.has(page)) await setUpPassphrase(page);
  await page.getByLabel('Name or initials').fill(name);
  await page.getByRole('button', { name: 'Add young person' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return page.url();
}

/** The passphrase the end-to-end tests choose (fictional, like all test data). */
export const E2E_PASSPHRASE = 'lanterns along the promenade';

/**
 * On the "Choose a passphrase" screen: chooses one, keeps the recovery key (ticks that it
 * was saved) and carries on. Returns the recovery key shown. From then on the page's
 * goto() and reload() unlock again by themselves when the app asks (a reload locks it:
 * the key is held only in memory).
 */
export async function setUpPassphrase(page: Page, passphrase = E2E_PASSPHRASE): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Choose a passphrase' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByRole('heading', { name: 'Keep your recovery key safe' })).toBeVisible({
    timeout: 30_000,
  });
  const recoveryKey = (await page.getByText(/^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$/).textContent()) ?? '';
  await page.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  unlockAfterNavigation(page, passphrase);
  return recoveryKey;
}

/** Gives the passphrase on the unlock screen, and waits until the app is open again. */
export async function unlock(page: Page, passphrase = E2E_PASSPHRASE): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name: 'Unlock' });
  await expect(heading).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(heading).toBeHidden({ timeout: 30_000 });
}

const patched = new WeakSet<Page>();
const plainReloads = new WeakMap<Page, Page['reload']>();

/** Reloads and stays on the unlock screen (reload() otherwise unlocks by itself). */
export async function reloadLocked(page: Page): Promise<void> {
  await (plainReloads.get(page) ?? page.reload.bind(page))();
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock' })).toBeVisible();
}

/** Makes the page's goto() and reload() unlock after loading, as the coach would. */
export function unlockAfterNavigation(page: Page, passphrase = E2E_PASSPHRASE): void {
  if (patched.has(page)) return;
  patched.add(page);
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  plainReloads.set(page, reload);
  const thenUnlock = async <T>(response: T): Promise<T> => {
    await unlock(page, passphrase);
    return response;
  };
  page.goto = async (...args: Parameters<Page['goto']>) => thenUnlock(await goto(...args));
  page.reload = async (...args: Parameters<Page['reload']>) => thenUnlock(await reload(...args));
}

/** A passphrase for protected files (backups, case exports, safety copies) in the specs. */
export const E2E_FILE_PASSPHRASE = 'copper kettle on the hob';

/** Types a protected file's passphrase twice, in the boxes inside `scope`. */
export async function fillFilePassphrase(
  scope: Page | Locator,
  passphrase = E2E_FILE_PASSPHRASE,
): Promise<void> {
  await scope.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await scope.getByLabel('Type the passphrase again').fill(passphrase);
}

/**
 * Turns a file's protection off as a coach does: unticks "Protect this <noun> with a
 * passphrase" (inside `scope`) and says yes when asked once more.
 */
export async function turnProtectionOff(
  page: Page,
  noun: 'backup' | 'file',
  scope: Page | Locator = page,
): Promise<void> {
  // A click, not uncheck(): the box stays ticked until the coach says yes.
  await scope.getByRole('checkbox', { name: `Protect this ${noun} with a passphrase` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Save the ${noun} without a passphrase?` });
  await confirm.getByRole('button', { name: 'Save without a passphrase' }).click();
  await expect(confirm).toBeHidden();
}
