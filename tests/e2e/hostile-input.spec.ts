import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { setUpPassphrase, turnProtectionOff } from './support/helpers';

// Script and markup typed into every text field are shown as plain text everywhere (pages,
// print, exports); no script runs, no dialog opens, nothing is fetched from elsewhere.

const NAME = '<img src=x onerror=alert(1)>';
const SCHOOL = `"><script>alert('school')</script>`;
const PROGRAMME = 'javascript:alert(document.cookie)';
const GOAL =
  '=HYPERLINK("http://evil.example/","click") <b onmouseover=alert(2)>bold</b> \u202Eevil\u202C zero\u200Bwidth';
const NOTES =
  `<svg onload=alert(3)><a href="javascript:alert(4)">x</a> ${'\u05E9\u05DC\u05D5\u05DD '.repeat(20)}${'<script>alert(5)</script>'.repeat(700)}`.slice(
    0,
    20_000,
  );

interface Watch {
  dialogs: string[];
  errors: string[];
  elsewhere: string[];
}

function watch(page: Page): Watch {
  const seen: Watch = { dialogs: [], errors: [], elsewhere: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (
      !['localhost', '127.0.0.1'].includes(url.hostname) &&
      url.protocol !== 'blob:' &&
      url.protocol !== 'data:'
    ) {
      seen.elsewhere.push(request.url());
    }
  });
  return seen;
}

async function expectInert(page: Page) {
  const injected = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    svgs: [...document.querySelectorAll('svg')].filter((s) => s.hasAttribute('onload')).length,
    bold: [...document.querySelectorAll('b')].filter((b) => b.hasAttribute('onmouseover')).length,
    scripts: [...document.querySelectorAll('script')].filter((s) =>
      s.textContent?.includes('alert'),
    ).length,
    links: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:'))
      .length,
  }));
  expect(injected).toEqual({ images: 0, svgs: 0, bold: 0, scripts: 0, links: 0 });
}

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return readFile(await file.path(), 'utf8');
}

test('hostile text stays plain text in pages, print and exports', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await page.addInitScript(() => {
    const list: string[] = [];
    Object.defineProperty(window, 'cspViolations', { value: list });
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto('/');
  // The built app carries a Content-Security-Policy allowing only its own origin.
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ]) {
    expect(policy).toContain(directive);
  }
  await page.getByRole('link', { name: 'Add your first young person' }).click();
  await setUpPassphrase(page);
  await page.getByLabel('Name or initials').fill(NAME);
  await page.getByLabel('School').fill(SCHOOL);
  await page.getByLabel('Programme').fill(PROGRAMME);
  await page.getByRole('button', { name: 'Add young person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect(page.getByText(SCHOOL)).toBeVisible();
  await expectInert(page);

  await page.getByRole('link', { name: 'Add goal' }).first().click();
  await page.getByLabel('What is the goal?').fill(GOAL);
  await page.getByRole('checkbox', { name: /^Coping/ }).check();
  await page.getByRole('radio', { name: 'Together' }).check();
  const baseline = page.getByRole('group', { name: /How close is the young person/ });
  await baseline.getByRole('radio', { name: '3', exact: true }).check();
  await page.getByRole('button', { name: 'Save goal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect(page.getByText(GOAL).first()).toBeVisible();

  await page.getByRole('link', { name: 'Log session' }).first().click();
  await page.getByRole('radio', { name: 'School' }).check();
  await page
    .getByRole('group', { name: /HYPERLINK/ })
    .getByRole('radio', { name: /^5\b/ })
    .check();
  await page.getByLabel('Notes').fill(NOTES);
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByText('Session saved').last()).toBeVisible();
  await page
    .getByRole('link', { name: /1 goal rated/ })
    .first()
    .click();
  await expect(page.getByText(NOTES.slice(0, 60), { exact: false })).toBeVisible();
  await expectInert(page);

  await page.goto('/');
  await expect(page.getByRole('link', { name: NAME })).toBeVisible();
  await expectInert(page);

  await page.getByRole('link', { name: NAME }).click();
  await page.getByRole('link', { name: 'Goal summary' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(NAME);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText(GOAL).first()).toBeVisible();
  await expectInert(page);
  await page.emulateMedia({ media: 'screen' });

  const csv = await download(page, 'Download CSV');
  // A cell starting with = is neutralised with an apostrophe, so no spreadsheet runs it.
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/"",""click"")`);
  expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const save = page.getByRole('dialog', { name: 'Download JSON' });
  await turnProtectionOff(page, 'file', save);
  const [jsonFile] = await Promise.all([
    page.waitForEvent('download'),
    save.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const json = JSON.parse(await readFile(await jsonFile.path(), 'utf8')) as {
    youngPeople: { name: string; school: string; programme: string }[];
    goals: { text: string }[];
    sessions: { notes: string }[];
  };
  expect(json.youngPeople[0]).toMatchObject({ name: NAME, school: SCHOOL, programme: PROGRAMME });
  expect(json.goals[0]?.text).toBe(GOAL);
  expect(json.sessions[0]?.notes).toBe(NOTES);

  expect(
    await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  ).toEqual([]);
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.elsewhere).toEqual([]);
});
