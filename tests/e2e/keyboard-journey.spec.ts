import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_FILE_PASSPHRASE, E2E_PASSPHRASE } from './support/helpers';

// The core journey by keyboard alone (issue 7): add a young person, add a goal, log a session
// with a rating, read the chart as a table, close the case, open and leave a dialog, and export.
// No mouse: only Tab, Enter, Space, arrows, Home and Escape. Every control used is reached by
// tabbing, and every stop on the way shows a visible focus indicator.

const NAME = 'Robin K';
const GOAL = 'Walk into school without feeling sick';
const MAX_TABS = 200;

/** Whether the focused element (or what draws its focus: its label, its styled face) shows a ring. */
function focusIndicator(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing is focused';
    const shows = (e: Element | null) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      const outline =
        s.outlineStyle !== 'none' &&
        parseFloat(s.outlineWidth) > 0 &&
        s.outlineColor !== 'transparent' &&
        !s.outlineColor.endsWith(', 0)');
      return outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
    };
    // A radio or checkbox drawn by its label or by the element after it.
    const candidates = [el, el.nextElementSibling, el.closest('label'), el.parentElement];
    if (candidates.some(shows)) return null;
    // A chart point (SVG) draws its focus as a ring around the marker.
    const ring = el instanceof SVGElement ? el.querySelector('[class*="ring"]') : null;
    if (ring) {
      const stroke = getComputedStyle(ring).stroke;
      if (stroke !== 'none' && stroke !== 'transparent' && !stroke.endsWith(', 0)')) return null;
    }
    const name =
      el.getAttribute('aria-label') ??
      (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim()) ??
      el.textContent?.trim().slice(0, 40) ??
      '';
    const s = getComputedStyle(el);
    return `<${el.tagName.toLowerCase()} type=${el.getAttribute('type')}> "${name}" has no visible focus indicator (outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor})`;
  });
}

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate(
    (el) => el === document.activeElement || el.contains(document.activeElement),
  );
}

/**
 * Presses Tab (or Shift+Tab, going back) until the target (or something inside it) has focus,
 * checking that every stop on the way shows a visible focus indicator.
 */
async function tabTo(page: Page, target: Locator, { back = false } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < MAX_TABS; presses += 1) {
    if (await isFocused(target)) {
      expect(await focusIndicator(page)).toBeNull();
      return;
    }
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const problem = await focusIndicator(page);
    if (problem) {
      const where = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
      throw new Error(`${problem} at ${where}, after ${presses + 1} presses, going to ${target}`);
    }
  }
  throw new Error(`${String(target)} was not reached in ${MAX_TABS} presses of Tab`);
}

/** Activates a link or button from the keyboard. */
async function activate(page: Page, target: Locator, options = { back: false }): Promise<void> {
  await tabTo(page, target, options);
  await page.keyboard.press('Enter');
}

async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}

/** Ticks a checkbox with Space. */
async function tick(page: Page, box: Locator): Promise<void> {
  await tabTo(page, box);
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
}

/** Chooses a radio in a native group: Tab into the group, then arrows until it is checked. */
async function choose(page: Page, group: Locator, option: Locator): Promise<void> {
  await tabTo(page, group);
  if (!(await group.getByRole('radio', { checked: true }).count())) {
    await page.keyboard.press('Space');
  }
  for (let presses = 0; presses < 12 && !(await option.isChecked()); presses += 1) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(option).toBeChecked();
  await expect(option).toBeFocused();
  expect(await focusIndicator(page)).toBeNull();
}

/** Sets a 0-10 rating: Tab into it, Home for 0, then the right arrow up to the score. */
async function rate(page: Page, group: Locator, score: number): Promise<void> {
  await tabTo(page, group);
  await page.keyboard.press('Home');
  for (let i = 0; i < score; i += 1) await page.keyboard.press('ArrowRight');
  await expect(group.getByRole('radio', { name: new RegExp(`^${score}\\b`) })).toBeChecked();
  expect(await focusIndicator(page)).toBeNull();
}

/** After a page change, focus is on the new page's heading. */
async function expectFocusOnHeading(page: Page, name: string | RegExp): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
}

async function downloadByKeyboard(page: Page, button: Locator) {
  await tabTo(page, button);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.keyboard.press('Enter'),
  ]);
  return {
    name: download.suggestedFilename(),
    text: await readFile(await download.path(), 'utf8'),
  };
}

test('the core journey works by keyboard alone, with focus visible and placed sensibly', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your caseload is empty' })).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: 'Add your first young person' }));
  await page.keyboard.press('Enter');

  // A real young person needs a passphrase first, and the recovery key kept.
  await expectFocusOnHeading(page, 'Choose a passphrase');
  await typeInto(page, page.getByLabel('Passphrase', { exact: true }), E2E_PASSPHRASE);
  await typeInto(page, page.getByLabel('Type the passphrase again'), E2E_PASSPHRASE);
  await activate(page, page.getByRole('button', { name: 'Set passphrase' }));
  await expect(page.getByRole('heading', { name: 'Keep your recovery key safe' })).toBeFocused({
    timeout: 30_000,
  });
  await tick(
    page,
    page.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }),
  );
  await activate(page, page.getByRole('button', { name: 'Continue' }));
  await expectFocusOnHeading(page, /young person/i);

  // Add a young person.
  await typeInto(page, page.getByLabel('Name or initials'), NAME);
  await activate(page, page.getByRole('button', { name: 'Add young person' }));
  await expectFocusOnHeading(page, NAME);

  // Add a goal: its words, a domain, who set it and a baseline of 2.
  await activate(page, page.getByRole('link', { name: 'Add goal' }).first());
  await expectFocusOnHeading(page, /goal/i);
  await typeInto(page, page.getByLabel('What is the goal?'), GOAL);
  await tick(page, page.getByRole('checkbox', { name: /^Coping/ }));
  const setBy = page.getByRole('group', { name: 'Who set this goal?' });
  await choose(page, setBy, setBy.getByRole('radio', { name: 'Together' }));
  await rate(page, page.getByRole('group', { name: /How close is the young person/ }), 2);
  await activate(page, page.getByRole('button', { name: 'Save goal' }));
  await expect(page.getByText('Goal added').last()).toBeVisible();
  await expectFocusOnHeading(page, NAME);

  // Log a session at school with a rating of 5.
  await activate(page, page.getByRole('link', { name: 'Log session' }).first());
  await expectFocusOnHeading(page, `Log a session with ${NAME}`);
  const where = page.getByRole('group', { name: 'Where did it take place?' });
  await choose(page, where, where.getByRole('radio', { name: 'School' }));
  await rate(page, page.getByRole('group', { name: new RegExp(GOAL) }), 5);
  await activate(page, page.getByRole('button', { name: 'Save session' }));
  await expect(page.getByText('Session saved').last()).toBeVisible();
  await expectFocusOnHeading(page, NAME);

  // Read the chart as a table: the toggle keeps focus and says what it does now.
  const chart = page.getByRole('figure', { name: new RegExp(GOAL) });
  const toggle = chart.getByRole('button', { name: /Show as table/ });
  await activate(page, toggle);
  const table = chart.getByRole('table');
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').nth(2)).toContainText('5');
  const hide = chart.getByRole('button', { name: /Hide table/ });
  await expect(hide).toBeFocused();
  await expect(hide).toHaveAttribute('aria-expanded', 'true');

  // Close the case (back up the page): why, the closing score and outcome, who scored.
  await activate(page, page.getByRole('link', { name: 'Close case' }), { back: true });
  await expectFocusOnHeading(page, /Close/);
  const why = page.getByRole('group', { name: 'Why is the case closing?' });
  await choose(page, why, why.getByRole('radio', { name: 'Support completed' }));
  await rate(page, page.getByRole('group', { name: new RegExp(`Closing score for .${GOAL}`) }), 7);
  const outcome = page.getByRole('group', { name: new RegExp(`Outcome of .${GOAL}`) });
  await choose(page, outcome, outcome.getByRole('radio', { name: 'Reached', exact: true }));
  const who = page.getByRole('group', { name: 'Who gave the closing scores?' });
  await choose(page, who, who.getByRole('radio', { name: 'Young person' }));
  await activate(page, page.getByRole('button', { name: 'Close case' }));
  await expect(page.getByText('Case closed').last()).toBeVisible();
  await expectFocusOnHeading(page, NAME);

  // A dialog: opening it puts focus inside; Escape closes it and focus goes back to its button.
  const reopen = page.getByRole('button', { name: /Reopen case/ });
  await activate(page, reopen);
  const dialog = page.getByRole('dialog').or(page.getByRole('alertdialog'));
  await expect(dialog).toBeVisible();
  expect(await isFocused(dialog)).toBe(true);
  expect(await focusIndicator(page)).toBeNull();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(reopen).toBeFocused();
  expect(await focusIndicator(page)).toBeNull();

  // Export the goal summary as CSV and JSON.
  await activate(page, page.getByRole('link', { name: 'Goal summary' }));
  await expectFocusOnHeading(page, /Goal summary/);
  const csv = await downloadByKeyboard(page, page.getByRole('button', { name: 'Download CSV' }));
  expect(csv.name).toMatch(/\.csv$/);
  const row = csv.text.split('\r\n').find((line) => line.includes(GOAL));
  expect(row).toContain(',2,');
  expect(row).toContain(',7,');
  // The JSON file asks for a passphrase first, with focus already in its box.
  const openSave = page.getByRole('button', { name: 'Download JSON' });
  await activate(page, openSave);
  const save = page.getByRole('dialog', { name: 'Download JSON' });
  await expect(save.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await page.keyboard.type(E2E_FILE_PASSPHRASE);
  await typeInto(page, save.getByLabel('Type the passphrase again'), E2E_FILE_PASSPHRASE);
  const json = await downloadByKeyboard(page, save.getByRole('button', { name: 'Download JSON' }));
  expect(json.name).toMatch(/-protected\.json$/);
  expect(json.text).not.toContain(NAME);
  expect(JSON.parse(json.text)).toMatchObject({ format: 'resilience-coaching-backup-encrypted' });
  await expect(save).toBeHidden();
  await expect(openSave).toBeFocused();

  expect(errors).toEqual([]);
});
