/**
 * Restore benchmark (issues 5 and 7): restoring a backup through the app, against a raw
 * IndexedDB bulk write of the same records, in the same page of the same Chromium run.
 *
 *   node tests/bench/restore.bench.mjs [--records 100000] [--size service|stress]
 *
 * Builds a small page (tests/bench/restore-page) with Vite that imports the app's own
 * parseBackupText (src/domain/backup-parse.ts) and applyRestore
 * (src/db/repositories/backup/restore.ts),
 * and serves it with `vite preview`. The fictional data (tests/support/fake-data.ts, seeded) is
 * made into a backup file's text and served to the page. Each round, with the database emptied
 * first (untimed), times either:
 *   raw:     one readwrite transaction over the record stores, a put for each record;
 *   restore: parseBackupText (JSON.parse and every record checked) then applyRestore 'replace'
 *            (one transaction: read what is there, clear, bulkAdd).
 * Rounds alternate which goes first; the first round is a warm-up, not counted. Prints the
 * medians, the restore's ratio to the raw write (with and without the parse), and exits with 1
 * when the whole restore takes more than twice the raw write.
 *
 * Then, to see that the page does not freeze, watches the page's long tasks while the file is
 * checked in a worker (as the restore page does), and while applyRestore writes: into an
 * empty device, replacing a full one (with its safety copy) and merging into a full one,
 * three times over. Exits with 1 when any task is longer than 500 ms.
 *
 * By default: 100,000 records (the service's proportions scaled; closures included).
 * Environment: BENCH_ROUNDS (default 5), BENCH_PORT (default 4176), CHROMIUM_PATH.
 */
import console from 'node:console';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { build } from 'vite';
import {
  ROOT,
  countsOf,
  importSource,
  launchChromium,
  machineLine,
  median,
  option,
  startPreview,
} from './bench-support.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4176);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LIMIT = 2;
/**
 * The longest the page may go without answering a tap while a restore works: 500 ms, where
 * the web's responsiveness measure (Interaction to Next Paint) starts to call it poor.
 */
const TASK_LIMIT_MS = 500;
/** Times the check and the three writes are watched (pauses vary from pass to pass). */
const WATCH_PASSES = Number(process.env.BENCH_WATCH_PASSES ?? 3);
const FILE_URL = '/bench-backup.json';

async function buildBenchPage() {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'restore-bench-'));
  await build({
    root: path.join(ROOT, 'tests/bench/restore-page'),
    configFile: false,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}

async function records(fake) {
  const size = option('size', null);
  if (size) {
    if (!fake.isFakeSizeName(size)) throw new Error(`No size "${size}": service or stress`);
    return { label: `${size} size`, data: fake.buildFakeService(fake.FAKE_SIZES[size]) };
  }
  const total = Number(option('records', '100000'));
  return {
    label: `${total.toLocaleString('en-GB')} records`,
    data: fake.buildFakeServiceOfTotal(total),
  };
}

async function main() {
  const fake = await importSource('tests/support/fake-data.ts');
  const { label, data } = await records(fake);
  const counts = countsOf(data);
  const total = fake.countRecords(data);
  const text = JSON.stringify({
    format: 'resilience-coaching-backup',
    version: 1,
    exportedAt: '2026-11-23T12:00:00.000Z',
    ...data,
    resilienceMaps: [],
  });
  console.log(`Machine: ${machineLine()}`);
  console.log(
    `${label}: ${total} records ${JSON.stringify(counts)}, file ${(text.length / 2 ** 20).toFixed(1)} MB`,
  );

  const outDir = await buildBenchPage();
  const { child, base } = await startPreview(outDir, PORT);
  const browser = await launchChromium();
  console.log(`Chromium ${browser.version()}`);
  try {
    const page = await browser.newPage();
    await page.route(`**${FILE_URL}`, (route) =>
      route.fulfill({ body: text, contentType: 'application/json' }),
    );
    await page.goto(`${base}/`);
    await page.waitForFunction(() => globalThis.document.body.dataset.ready === 'true');
    const length = await page.evaluate((url) => globalThis.restoreBench.load(url), FILE_URL);
    if (length !== text.length) throw new Error('The page did not get the whole file');

    const raw = [];
    const parse = [];
    const apply = [];
    for (let round = 0; round <= ROUNDS; round += 1) {
      const rawFirst = round % 2 === 0;
      let rawMs = 0;
      let restore = { parseMs: 0, applyMs: 0 };
      for (const step of rawFirst ? ['raw', 'restore'] : ['restore', 'raw']) {
        await page.evaluate(() => globalThis.restoreBench.clearAll());
        if (step === 'raw') rawMs = await page.evaluate(() => globalThis.restoreBench.rawWrite());
        else restore = await page.evaluate(() => globalThis.restoreBench.appRestore());
        const stored = await page.evaluate(() => globalThis.restoreBench.countAll());
        const written = Object.values(stored).reduce((sum, n) => sum + n, 0);
        if (written !== total) throw new Error(`${step} left ${written} records, not ${total}`);
      }
      console.log(
        `${round === 0 ? 'warm-up' : `round ${round}`}: raw write ${rawMs.toFixed(0)} ms,` +
          ` restore ${(restore.parseMs + restore.applyMs).toFixed(0)} ms` +
          ` (check ${restore.parseMs.toFixed(0)} ms, write ${restore.applyMs.toFixed(0)} ms)`,
      );
      if (round > 0) {
        raw.push(rawMs);
        parse.push(restore.parseMs);
        apply.push(restore.applyMs);
      }
    }
    const rawMs = median(raw);
    const whole = median(parse.map((p, i) => p + apply[i]));
    const ratio = whole / rawMs;
    console.log(`\nRaw IndexedDB bulk write of ${total} records (median): ${rawMs.toFixed(1)} ms`);
    console.log(`Restore, check and write (median): ${whole.toFixed(1)} ms`);
    console.log(`  of which parseBackupText: ${median(parse).toFixed(1)} ms`);
    console.log(`  of which applyRestore 'replace': ${median(apply).toFixed(1)} ms`);
    console.log(`Ratio of the write alone: ${(median(apply) / rawMs).toFixed(2)}`);
    console.log(`Ratio: ${ratio.toFixed(2)} (limit ${LIMIT}): ${ratio <= LIMIT ? 'PASS' : 'FAIL'}`);

    // Does the page stay answerable while the restore writes? (The check runs in a worker in
    // the app.) Into an empty device, then replacing and merging over a full one (the
    // replace also keeps a safety copy of everything that was there).
    console.log('\nThe page while the restore works (long tasks over 50 ms):');
    const watched = [];
    for (let pass = 1; pass <= WATCH_PASSES; pass += 1) {
      console.log(`pass ${pass}:`);
      await page.evaluate(() => globalThis.restoreBench.clearAll());
      const check = await page.evaluate(() => globalThis.restoreBench.checkWatched());
      watched.push(check.longestTaskMs);
      console.log(
        `  the file checked in a worker: ${check.ms.toFixed(0)} ms, longest task ` +
          `${check.longestTaskMs.toFixed(0)} ms (${check.longTasks} long tasks)`,
      );
      for (const [what, mode] of [
        ['into an empty device', 'replace'],
        ['replace over a full device', 'replace'],
        ['merge over a full device', 'merge'],
      ]) {
        const run = await page.evaluate((mode) => globalThis.restoreBench.applyWatched(mode), mode);
        watched.push(run.longestTaskMs);
        console.log(
          `  ${what}: ${run.ms.toFixed(0)} ms, longest task ${run.longestTaskMs.toFixed(0)} ms` +
            ` (${run.longTasks} long tasks)`,
        );
      }
    }
    const longest = Math.max(...watched);
    console.log(
      `Longest tasks: median ${median(watched).toFixed(0)} ms, longest ${longest.toFixed(0)} ms` +
        ` (limit ${TASK_LIMIT_MS} ms): ${longest <= TASK_LIMIT_MS ? 'PASS' : 'FAIL'}`,
    );
    process.exitCode = ratio <= LIMIT && longest <= TASK_LIMIT_MS ? 0 : 1;
  } finally {
    await browser.close();
    child.kill();
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
