/**
 * First-screen bundle budget (issue 7): is the JavaScript that the app's first screen loads
 * (gzip) at most 1.25 times that of a minimal app made of the same core libraries?
 *
 *   node tests/bench/bundle-size.mjs        (or npm run bench:bundle)
 *
 * 1. Builds, with Vite's build() API in this one run, (a) the real app (vite.config.ts) and
 *    (b) the minimal app in tests/bench/minimal-app/ (react, react-dom, react-router-dom's data
 *    router, zustand and dexie with dexie-react-hooks, rendering one list read from
 *    IndexedDB), each into its own temporary folder, both without source maps.
 * 2. Serves each folder with a small static server on 127.0.0.1 and opens "/" in Chromium,
 *    collecting every JavaScript response until the first screen is shown and the network has
 *    been idle for 500 ms. The real app is measured twice: on a new device (empty IndexedDB:
 *    the first-run screen) and as every coach with records starts it (a passphrase chosen
 *    beforehand: the unlock screen). What unlocking then loads is printed, not counted.
 * 3. Sums the gzip size of each file (zlib's default level for all) and prints the sums and
 *    the ratio of the larger real first screen to the minimal app; exits with 1 when it is
 *    above 1.25.
 *
 * The service worker (sw.js and the workbox runtime it imports) is not first-screen code: it
 * runs in its own thread and is not registered in the measuring browser, and it is left out
 * of both sums. Options (environment): CHROMIUM_PATH (default /usr/bin/chromium).
 */
import console from 'node:console';
import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MINIMAL_ROOT = path.join(ROOT, 'tests/bench/minimal-app');
const LIMIT = 1.25;
const SERVICE_WORKER_FILE = /^(sw\.js|workbox-[\w-]+\.js)$/;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** A static server for a built folder; paths without a file fall back to index.html. */
async function serve(dir) {
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, path.normalize(pathname));
    const inside = file.startsWith(dir + path.sep);
    try {
      if (!inside || pathname.endsWith('/')) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      });
      res.end(body);
    } catch {
      if (path.extname(pathname)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(await readFile(path.join(dir, 'index.html')));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

async function buildInto(label, config) {
  const outDir = await mkdtemp(path.join(os.tmpdir(), `bundle-size-${label}-`));
  const started = Date.now();
  await build({
    ...config,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  console.log(`Built the ${label} app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}

/** The passphrase the locked measurement chooses (fictional, like all test data). */
const PASSPHRASE = 'lanterns along the promenade';

/** Chooses a passphrase in Settings, as a coach does once: from then on every start is locked. */
async function choosePassphrase(page, url) {
  await page.goto(`${url}/settings`);
  await page.getByRole('button', { name: 'Choose a passphrase' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await page
    .getByRole('heading', { name: 'Keep your recovery key safe' })
    .waitFor({ timeout: 60_000 });
}

/**
 * Every JavaScript file the page at "/" loads until its first screen is shown (`firstScreen`,
 * a selector). With `locked`, a passphrase is chosen first (in a page of its own, whose
 * downloads are not counted), so "/" starts on the unlock screen as it does for every coach
 * with real records; `afterUnlock` then also counts what unlocking loads, up to the caseload.
 */
async function measure(browser, dir, { firstScreen, locked = false, afterUnlock }) {
  const server = await serve(dir);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  if (locked) {
    const setUp = await context.newPage();
    await choosePassphrase(setUp, server.url);
    await setUp.close();
  }
  const page = await context.newPage();
  // Nothing from the set-up page's HTTP cache: every file is fetched and counted.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const files = [];
  const skipped = [];
  let reading = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    const name = path.basename(url.pathname);
    const isScript = response.request().resourceType() === 'script' || url.pathname.endsWith('.js');
    if (!isScript || !response.ok()) return;
    if (SERVICE_WORKER_FILE.test(name)) {
      skipped.push(name);
      return;
    }
    reading.push(
      response.body().then((body) => {
        files.push({ name: url.pathname, raw: body.length, gzip: zlib.gzipSync(body).length });
      }),
    );
  });
  let first;
  try {
    await page.goto(server.url, { waitUntil: 'networkidle' });
    await page.locator(firstScreen).first().waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    await Promise.all(reading);
    first = summarise(files.splice(0), skipped);
    if (afterUnlock) {
      reading = [];
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await page.locator(afterUnlock).first().waitFor({ state: 'visible', timeout: 60_000 });
      await page.waitForTimeout(500);
      await Promise.all(reading);
      first.unlocking = summarise(files.splice(0), skipped);
    }
  } finally {
    await context.close();
    await server.close();
  }
  return first;
}

function summarise(files, skipped) {
  files.sort((a, b) => b.gzip - a.gzip);
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  const raw = files.reduce((sum, f) => sum + f.raw, 0);
  return { files, total, raw, skipped };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

function print(label, result) {
  console.log(
    `\n${label}: ${kB(result.total)} gzip (${kB(result.raw)} raw) in ${result.files.length} files`,
  );
  for (const f of result.files) {
    console.log(`  ${kB(f.gzip).padStart(9)}  ${f.name}`);
  }
}

async function listServiceWorkerFiles(dir) {
  return (await readdir(dir)).filter((name) => SERVICE_WORKER_FILE.test(name));
}

async function main() {
  const appDir = await buildInto('real', { root: ROOT });
  const minimalDir = await buildInto('minimal', {
    root: MINIMAL_ROOT,
    configFile: false,
    plugins: [react()],
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const app = await measure(browser, appDir, { firstScreen: '#first-run-title, ul.caseload' });
    const locked = await measure(browser, appDir, {
      firstScreen: 'h1:text-is("Unlock")',
      locked: true,
      afterUnlock: '#first-run-title, ul.caseload',
    });
    const minimal = await measure(browser, minimalDir, { firstScreen: '[data-first-screen]' });
    print('Real app, first screen on a new device ("/", no passphrase yet)', app);
    print(
      'Real app, first screen of a coach with records ("/", locked: the unlock screen)',
      locked,
    );
    print(
      '  then loaded by unlocking, up to the caseload (not first-screen code)',
      locked.unlocking,
    );
    print('Minimal app (react, react-dom, react-router-dom, zustand, dexie)', minimal);
    const swFiles = await listServiceWorkerFiles(appDir);
    console.log(
      `\nLeft out of all: the service worker (${swFiles.join(', ') || 'none built'}), ` +
        'which is not first-screen code.',
    );
    const worst = Math.max(app.total, locked.total);
    const ratio = worst / minimal.total;
    console.log(
      `\nFirst-screen JavaScript (gzip): new device ${kB(app.total)} ` +
        `(${(app.total / minimal.total).toFixed(3)}), locked ${kB(locked.total)} ` +
        `(${(locked.total / minimal.total).toFixed(3)}), minimal ${kB(minimal.total)}`,
    );
    console.log(
      `Ratio, the larger of the two to the minimal app: ${ratio.toFixed(3)} (limit ${LIMIT})`,
    );
    if (ratio > LIMIT) {
      console.log(`FAIL: the first screen is more than ${LIMIT} times the minimal app.`);
      process.exitCode = 1;
    } else {
      console.log('PASS');
    }
  } finally {
    await browser.close();
    await rm(appDir, { recursive: true, force: true });
    await rm(minimalDir, { recursive: true, force: true });
  }
}

await main();
