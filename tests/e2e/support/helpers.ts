import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Fails with every WCAG 2.0-2.2 A and AA violation axe-core finds on the page now. */
export async function expectNoViolations(page: Page, what: string): Promise<void> {
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

/** Adds a young person from the empty caseload and returns their page's address. */
export async function addYoungPerson(page: Page, name: string): Promise<string> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Add your first young person' }).click();
  await page.getByLabel('Name or initials').fill(name);
  await page.getByRole('button', { name: 'Add young person' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return page.url();
}
