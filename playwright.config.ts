import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests run in Debian's Chromium (Playwright cannot download its own browser
 * here) against the built app served by `vite preview`.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT and E2E_DIST let two runs side by side each serve their own build
// (`npx vite build --outDir /tmp/dist-a`, then `E2E_DIST=/tmp/dist-a E2E_PORT=4320 npx playwright test`).
const port = Number(process.env.E2E_PORT ?? 4319);
const outDir = process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : '';
// The team server the team journeys start (tests/e2e/support/team.ts): the preview proxies
// /couchdb/ to it, so its port is fixed before the tests run.
const teamPort = Number(process.env.E2E_TEAM_PORT ?? port + 1000);

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./tests/e2e/support/failure-context-reporter.ts']],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort${outDir}`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    env: { TEAM_SERVER_URL: `http://127.0.0.1:${teamPort}` },
    timeout: 60_000,
  },
});
