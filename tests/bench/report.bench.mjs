/**
 * Service report benchmark (issue 4): is the report ready within twice the time that reading
 * the same records raw takes, in the same browser run?
 *
 *   npm run build && node tests/bench/report.bench.mjs
 *
 * 1. Builds the "service" size fictional data set (300 young people, 1,200 goals, 6,000
 *    sessions, 15,000 ratings; tests/support/fake-data.ts, seeded) and writes it into Chromium's
 *    IndexedDB through the built app, served by `vite preview`. Then chooses a passphrase in
 *    Settings, as a coach does, so the records are stored encrypted (with this version of the
 *    app: every record sealed whole) and the report has to decrypt them (issue 13). With
 *    BENCH_PLAIN=1 it skips that and measures plain records, as before issue 13.
 * 2. In each round, in a freshly loaded page (unlocked with the passphrase first, outside the
 *    timing) with the app's database open: times a raw
 *    IndexedDB getAll of the four stores (youngPeople, goals, sessions, ratings) in one
 *    transaction, and times the report being ready: from navigating (in the app, as a link
 *    would) to /reports until its figures are in the page. Rounds alternate which goes first.
 *    The goals-per-domain bar chart loads its charting library after the figures; the time
 *    until it is drawn is printed too, but the ratio is taken on the figures.
 * 3. Prints both medians and the ratio; exits with 1 when the ratio is above 2.
 *
 * Options (environment): BENCH_URL to use a server already running (no preview started),
 * BENCH_DIST for another build folder (default dist), BENCH_ROUNDS (default 7),
 * CHROMIUM_PATH (default /usr/bin/chromium), BENCH_PROFILE to save a CPU profile of the last
 * round's report (Chromium's sampling profiler, a .cpuprofile file that DevTools opens).
 */
import { spawn } from 'node:child_process';
import console from 'node:console';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { chromium } from '@playwright/test';
import { runnerImport } from 'vite';
import { ROOT, median, waitForServer } from './bench-support.mjs';

const PORT = 4174;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const LIMIT = 2;
const REPORT_URL = '/reports?from=2000-01-01&to=2100-12-31';
const RAW_STORES = ['youngPeople', 'goals', 'sessions', 'ratings'];
const PLAIN = process.env.BENCH_PLAIN === '1';
const PASSPHRASE = 'kestrel harbour lantern forty seven';

function startPreview() {
  const dist = path.resolve(ROOT, process.env.BENCH_DIST ?? 'dist');
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'preview', '--port', String(PORT), '--strictPort', '--outDir', dist];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

/** Writes the records into the app's database (already created by the app at its version). */
async function seed(page, records) {
  return page.evaluate(async (data) => {
    const db = await new Promise((resolve, reject) => {
      const request = globalThis.indexedDB.open('resilience-coaching');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const stores = Object.keys(data);
    for (const store of stores) {
      if (!db.objectStoreNames.contains(store)) throw new Error(`The app has no ${store} store`);
    }
    await new Promise((resolve, reject) => {
      const tx = db.transaction(stores, 'readwrite');
      for (const store of stores) {
        const os = tx.objectStore(store);
        os.clear();
        for (const row of data[store]) os.put(row);
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, records);
}

/** Raw getAll of the four stores in one read transaction, in ms, with the counts read. */
function timeRawRead(page) {
  return page.evaluate(async (stores) => {
    const db = await new Promise((resolve, reject) => {
      const request = globalThis.indexedDB.open('resilience-coaching');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const started = globalThis.performance.now();
    const tx = db.transaction(stores, 'readonly');
    const counts = await Promise.all(
      stores.map(
        (store) =>
          new Promise((resolve, reject) => {
            const request = tx.objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result.length);
            request.onerror = () => reject(request.error);
          }),
      ),
    );
    const ms = globalThis.performance.now() - started;
    db.close();
    return { ms, counts };
  }, RAW_STORES);
}

/** From an in-app navigation to /reports until its figures are in the page, in ms. */
function timeReport(page) {
  return page.evaluate(async (url) => {
    const doc = globalThis.document;
    const figures = () => doc.querySelector('.service-report__figures');
    const started = globalThis.performance.now();
    // What a router link does: push the address and let the router hear of it.
    globalThis.history.pushState(null, '', url);
    globalThis.dispatchEvent(new globalThis.PopStateEvent('popstate', { state: null }));
    await new Promise((resolve, reject) => {
      if (figures()) return resolve();
      const observer = new globalThis.MutationObserver(() => {
        if (!figures()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(doc.body, { childList: true, subtree: true });
      globalThis.setTimeout(() => {
        observer.disconnect();
        reject(new Error(`No report figures at ${url} after 60 s: is the /reports route wired?`));
      }, 60_000);
    });
    const ms = globalThis.performance.now() - started;
    const summary = doc.querySelector('.service-report__summary')?.textContent ?? '';
    // The bar chart follows the figures (its charting library loads after them): time it too.
    const chart = () => doc.querySelector('.domain-chart .recharts-surface');
    while (!chart()) await new Promise((resolve) => globalThis.setTimeout(resolve, 5));
    const chartMs = globalThis.performance.now() - started;
    return { ms, chartMs, summary };
  }, REPORT_URL);
}

/** Chooses a passphrase in Settings: the records already there are encrypted. */
async function setUpPassphrase(page, base) {
  await page.goto(`${base}/settings`);
  await page.getByRole('button', { name: 'Choose a passphrase' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await page
    .getByRole('heading', { name: 'Keep your recovery key safe' })
    .waitFor({ timeout: 300_000 });
  await page.getByRole('checkbox', { name: 'I have printed or saved the recovery key' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function freshPage(page, base) {
  await page.goto(`${base}/framework`);
  if (!PLAIN) {
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /framework/i }).waitFor({ timeout: 120_000 });
  }
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

async function main() {
  const { module: fake } = await runnerImport(path.join(ROOT, 'tests/support/fake-data.ts'), {
    root: ROOT,
    configFile: false,
    logLevel: 'error',
  });
  const records = fake.buildFakeService(fake.SERVICE_SIZE);
  const sizes = Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.length]));
  console.log('Fictional data set:', JSON.stringify(sizes));

  const preview = process.env.BENCH_URL ? null : startPreview();
  const base = process.env.BENCH_URL ?? `http://localhost:${PORT}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    await waitForServer(base);
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await seed(page, records);
    if (!PLAIN) {
      const started = Date.now();
      await setUpPassphrase(page, base);
      console.log(`Passphrase chosen: records encrypted in ${Date.now() - started} ms`);
    }

    const raw = [];
    const report = [];
    const chart = [];
    // Round 0 warms the HTTP cache and the browser's code cache; it is not counted.
    for (let round = 0; round <= ROUNDS; round += 1) {
      await freshPage(page, base);
      const rawFirst = round % 2 === 0;
      const r1 = rawFirst ? await timeRawRead(page) : null;
      const profiling = process.env.BENCH_PROFILE && round === ROUNDS;
      const cdp = profiling ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      const rep = await timeReport(page);
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
        console.log(`CPU profile of this round's report: ${process.env.BENCH_PROFILE}`);
      }
      const r2 = rawFirst ? r1 : await timeRawRead(page);
      if (!rep.summary.includes(`${sizes.youngPeople} young people`)) {
        throw new Error(`The report did not count every young person: "${rep.summary}"`);
      }
      if (r2.counts.join() !== RAW_STORES.map((s) => sizes[s]).join()) {
        throw new Error(`The raw read found ${r2.counts.join(', ')} records`);
      }
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      console.log(
        `${label}: raw getAll ${r2.ms.toFixed(1)} ms, report ready ${rep.ms.toFixed(1)} ms` +
          ` (bar chart drawn ${rep.chartMs.toFixed(1)} ms)`,
      );
      if (round > 0) {
        raw.push(r2.ms);
        report.push(rep.ms);
        chart.push(rep.chartMs);
      }
    }
    const rawMs = median(raw);
    const reportMs = median(report);
    const ratio = reportMs / rawMs;
    console.log(`Raw IndexedDB getAll of the four stores (median): ${rawMs.toFixed(1)} ms`);
    console.log(`Service report ready, figures rendered (median): ${reportMs.toFixed(1)} ms`);
    console.log(`Goals per domain bar chart drawn (median): ${median(chart).toFixed(1)} ms`);
    console.log(`Ratio: ${ratio.toFixed(2)} (limit ${LIMIT}): ${ratio <= LIMIT ? 'PASS' : 'FAIL'}`);
    process.exitCode = ratio <= LIMIT ? 0 : 1;
  } finally {
    await browser.close();
    preview?.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
