/**
 * Team sync benchmark (issue 14, "Scale, measured"): ratios measured in one run, never a
 * timed test.
 *
 *   npm run bench:team
 *   BENCH_COACHES=4 BENCH_PEOPLE=10 npm run bench:team     (a quick check, small)
 *
 * In Node, the app's own code (loaded through Vite: tests/bench/team-bench-kit.ts) on
 * pouchdb-browser with fake-indexeddb, as the unit tests run it, against the CouchDB-protocol
 * test server (pouchdb-server in memory on 127.0.0.1, tests/support/couch-server.ts), which
 * the script starts and stops itself.
 *
 * 1. Builds a service of BENCH_COACHES coaches (40) × BENCH_PEOPLE young people (40) at the
 *    service's proportions (tests/support/fake-data.ts: about 75 records a young person,
 *    121,000 at full size), provisions the lead and each coach (src/team/provision.ts), seals
 *    each caseload's records with its own key as a coach's device does and writes them to its
 *    caseload database; beside each, a database of the same members holds plain twins: the
 *    same records unencrypted under random ids, padded to the same JSON size.
 * 2. The lead's first full sync: every caseload one after another, openLocalCopy +
 *    openServerCopy + pullOnce + readCaseload (src/team/lead/caseload-records.ts), against
 *    PouchDB alone pulling the plain twins into fresh local databases (same batch size, 500).
 *    Target: at most 1.5 times.
 * 3. The team report: readCaseload of every local copy and buildServiceReport over all of it,
 *    against a raw read of the same local copies (allDocs with include_docs). Target: at most 2.
 * 4. A coach's incremental sync: devices A and B (each a SyncSession with its own Dexie
 *    database, tests/unit/team/sync/sync-fixtures.ts) hold the first caseload; a session with
 *    three ratings saved on A, until all four records are in B's Dexie; against four plain
 *    documents of the same size put into a plain PouchDB and seen in another through the
 *    server (each side live-replicating). Target: under 2 s beyond the plain documents.
 *
 * Each measure alternates which side goes first in each round; a first round is a warm-up and
 * not counted (the full sync's warm-up uses two caseloads only); medians are printed. Exits
 * with 1 when a target is missed.
 *
 * Options (environment): BENCH_COACHES, BENCH_PEOPLE, BENCH_FULL_ROUNDS (3),
 * BENCH_REPORT_ROUNDS (5), BENCH_SYNC_ROUNDS (7), BENCH_ONLY (comma-separated: full, report,
 * sync). Profile with `node --cpu-prof tests/bench/team.bench.mjs`.
 */
import console from 'node:console';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { machineLine, median, openSourceLoader } from './bench-support.mjs';

const COACHES = Number(process.env.BENCH_COACHES ?? 40);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 40);
const FULL_ROUNDS = Number(process.env.BENCH_FULL_ROUNDS ?? 3);
const REPORT_ROUNDS = Number(process.env.BENCH_REPORT_ROUNDS ?? 5);
const SYNC_ROUNDS = Number(process.env.BENCH_SYNC_ROUNDS ?? 7);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'full,report,sync').split(','));
const FULL_LIMIT = 1.5;
const REPORT_LIMIT = 2;
const SYNC_LIMIT_MS = 2_000;
const LEAD = { name: 'service-lead', password: 'lead password for the bench' };

const loader = await openSourceLoader();
const kit = await loader.load('tests/bench/team-bench-kit.ts');
await kit.unlock();

const ms = (n) => `${Math.round(n).toLocaleString('en-GB')} ms`;
const load = () => machineLine();
const results = [];

function verdict(name, value, limit, text) {
  const met = value <= limit;
  results.push({ name, met });
  console.log(`${name}: ${text} (target ≤ ${limit}): ${met ? 'met' : 'NOT MET'}`);
}

async function timed(task) {
  const started = performance.now();
  const value = await task();
  return { ms: performance.now() - started, value };
}

/** Waits for `check` to pass, on each event `subscribe` reports and every 25 ms besides. */
async function until(check, subscribe, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  let wake = () => undefined;
  const unsubscribe = subscribe(() => wake());
  try {
    for (;;) {
      if (await check()) return;
      if (performance.now() > deadline) throw new Error(`Gave up waiting for ${what}.`);
      await new Promise((resolve) => {
        wake = resolve;
        sleep(25).then(resolve);
      });
    }
  } finally {
    unsubscribe();
  }
}

// ---- 2. the lead's first full sync ----

async function appFullSync(server, caseloads, prefix) {
  const copies = [];
  for (const caseload of caseloads) {
    const { local, opened } = await kit.leadSyncCaseload(server, LEAD, caseload, prefix);
    const read = kit.countOf(opened.records);
    if (read !== caseload.records || opened.damaged !== 0) {
      throw new Error(
        `The lead read ${read} records (${opened.damaged} damaged) of ${caseload.records}`,
      );
    }
    copies.push({ local, caseload });
  }
  return copies;
}

async function plainFullSync(server, caseloads, prefix) {
  const copies = [];
  for (const [i, caseload] of caseloads.entries()) {
    const local = await kit.plainSyncCaseload(server, LEAD, caseload, `${prefix}-${i}`);
    const info = await local.info();
    if (info.doc_count !== caseload.records) throw new Error(`Plain copy has ${info.doc_count}`);
    copies.push({ local, caseload });
  }
  return copies;
}

const destroyAll = async (copies) => {
  for (const { local } of copies) await local.destroy();
};

async function measureFullSync(server, caseloads) {
  console.log(`\nThe lead's first full sync of ${caseloads.length} caseloads`);
  const warm = caseloads.slice(0, 2);
  await destroyAll(await appFullSync(server, warm, 'warm-app'));
  await destroyAll(await plainFullSync(server, warm, 'warm-plain'));
  const app = [];
  const plain = [];
  let kept = null;
  for (let round = 1; round <= FULL_ROUNDS; round += 1) {
    const appFirst = round % 2 === 1;
    let a;
    let p;
    for (const side of appFirst ? ['app', 'plain'] : ['plain', 'app']) {
      if (side === 'app') a = await timed(() => appFullSync(server, caseloads, `app-r${round}`));
      else p = await timed(() => plainFullSync(server, caseloads, `plain-r${round}`));
    }
    console.log(
      `round ${round} (${appFirst ? 'app' : 'PouchDB'} first): app ${ms(a.ms)}, ` +
        `PouchDB alone ${ms(p.ms)}, ratio ${(a.ms / p.ms).toFixed(2)}; ${load()}`,
    );
    app.push(a.ms);
    plain.push(p.ms);
    await destroyAll(p.value);
    if (round === FULL_ROUNDS) kept = a.value;
    else await destroyAll(a.value);
  }
  const ratio = median(app) / median(plain);
  console.log(`App (pullOnce + readCaseload), median: ${ms(median(app))}`);
  console.log(`PouchDB alone (plain twins), median: ${ms(median(plain))}`);
  verdict('Full sync', ratio, FULL_LIMIT, `ratio ${ratio.toFixed(2)}`);
  return kept;
}

// ---- 3. the team report ----

async function measureReport(copies) {
  const expected = copies.reduce((sum, c) => sum + c.caseload.records, 0);
  console.log(`\nThe team report over ${expected.toLocaleString('en-GB')} records`);
  const raw = [];
  const report = [];
  const readOnly = [];
  for (let round = 0; round <= REPORT_ROUNDS; round += 1) {
    const rawFirst = round % 2 === 0;
    let r;
    let t;
    for (const side of rawFirst ? ['raw', 'report'] : ['report', 'raw']) {
      if (side === 'raw') {
        r = await timed(async () => {
          let n = 0;
          for (const { local } of copies) {
            n += (await local.allDocs({ include_docs: true })).rows.length;
          }
          return n;
        });
      } else {
        t = await timed(async () => {
          const opened = [];
          const started = performance.now();
          for (const { local, caseload } of copies) {
            opened.push(await kit.readCaseload(local, caseload.database, [caseload.key]));
          }
          const read = performance.now() - started;
          return { read, report: kit.teamReport(opened), opened };
        });
      }
    }
    const counted = t.value.opened.reduce((sum, o) => sum + kit.countOf(o.records), 0);
    if (counted !== expected || r.value < expected) {
      throw new Error(`The report read ${counted} records, the raw read ${r.value}`);
    }
    const label = round === 0 ? 'warm-up' : `round ${round}`;
    console.log(
      `${label}: raw read ${ms(r.ms)}, report ${ms(t.ms)} (of which reading ${ms(t.value.read)}), ` +
        `ratio ${(t.ms / r.ms).toFixed(2)}; ${load()}`,
    );
    if (round > 0) {
      raw.push(r.ms);
      report.push(t.ms);
      readOnly.push(t.value.read);
    }
  }
  const floor = await timed(async () => {
    let n = 0;
    for (const { local, caseload } of copies) n += await kit.readAndDecryptOnly(local, caseload);
    return n;
  });
  if (floor.value !== expected) throw new Error(`Decrypted ${floor.value} of ${expected}`);
  console.log(
    `For comparison, once: the raw read with every document decrypted (openEnvelope), ` +
      `nothing checked: ${ms(floor.ms)}; ${load()}`,
  );
  const ratio = median(report) / median(raw);
  console.log(`Raw read (allDocs, include_docs), median: ${ms(median(raw))}`);
  console.log(`Team report (readCaseload + buildServiceReport), median: ${ms(median(report))}`);
  console.log(`  of which readCaseload, median: ${ms(median(readOnly))}`);
  verdict('Team report', ratio, REPORT_LIMIT, `ratio ${ratio.toFixed(2)}`);
}

// ---- 4. a coach's incremental sync ----

async function measureIncremental(server, caseload) {
  console.log(`\nA coach's incremental sync (a caseload of ${caseload.records} records)`);
  const setup = {
    remoteUrl: `${server.url}/${caseload.database}`,
    credentials: caseload.coach,
    caseloadKey: caseload.key,
  };
  const devices = [kit.makeDevice('bench-a', setup), kit.makeDevice('bench-b', setup)];
  const [a, b] = devices;
  // Every record is on the device, or refused by the merge's rules (see the note printed).
  // The session lists at most 500 refusals: past that, the device is taken to hold what it
  // will once it is saved and its count has not changed for 3 s.
  const quiet = (device) => {
    let last = { count: -1, at: 0 };
    return until(
      async () => {
        const { state, waiting } = device.session.status;
        if (state !== 'saved' || waiting !== 0) return false;
        const count = await kit.deviceCount(device);
        const refused = device.session.refused().length;
        if (count + refused >= caseload.records) return true;
        if (count !== last.count) last = { count, at: performance.now() };
        return refused >= 500 && performance.now() - last.at > 3_000;
      },
      (wake) => device.session.subscribe(wake),
      20 * 60_000,
      `${device.label} to hold the caseload`,
    );
  };
  const joined = await timed(async () => {
    for (const device of devices) await device.start();
    await Promise.all(devices.map(quiet));
  });
  console.log(`Both devices joined and pulled the caseload in ${ms(joined.ms)}`);
  for (const device of devices) {
    const refused = device.session.refused();
    if (refused.length === 0) continue;
    const reasons = [...new Set(refused.map((r) => `${r.table} ${r.reason}`))].join(', ');
    const count = await kit.deviceCount(device);
    console.log(
      `NOTE: ${device.label} holds ${count} of the caseload's ${caseload.records} records and ` +
        `lists ${refused.length} refused (${reasons}; it lists 500 at most): ` +
        'a new device that pulls a closed case refuses its later records (a fault of the pull).',
    );
  }

  // PouchDB alone: two local databases holding the plain twins, each live-replicating.
  const remote = kit.plainRemote(server, caseload.plainDatabase, caseload.coach);
  const pa = new kit.PouchDB(`bench-plain-a-${randomUUID()}`);
  const pb = new kit.PouchDB(`bench-plain-b-${randomUUID()}`);
  await pa.replicate.from(remote, { batch_size: 500 });
  await pb.replicate.from(remote, { batch_size: 500 });
  const push = pa.replicate.to(remote, { live: true, retry: true });
  const pull = pb.replicate.from(remote, { live: true, retry: true });
  const feed = pb.changes({ live: true, since: 'now' });
  const listeners = new Set();
  feed.on('change', () => listeners.forEach((l) => l()));

  const app = [];
  const plain = [];
  try {
    for (let round = 0; round <= SYNC_ROUNDS; round += 1) {
      await Promise.all(devices.map(quiet));
      const change = kit.newSessionWithRatings(caseload.tables, round, '2026-11-30');
      const sealedSize = Math.round(caseload.bytes / caseload.records);
      const twins = [change.session, ...change.ratings].map((record) => ({
        _id: randomUUID().replaceAll('-', ''),
        record,
        filler: 'x'.repeat(Math.max(0, sealedSize - JSON.stringify(record).length - 60)),
      }));
      const appFirst = round % 2 === 0;
      let x;
      let y;
      for (const side of appFirst ? ['app', 'plain'] : ['plain', 'app']) {
        if (side === 'app') {
          x = await timed(async () => {
            await kit.saveSession(a, change);
            await a.session.syncNow();
            await until(
              () => kit.hasSession(b, change),
              (wake) => b.session.subscribe(wake),
              60_000,
              'the session on device B',
            );
          });
        } else {
          y = await timed(async () => {
            await pa.bulkDocs(twins);
            await until(
              async () =>
                (await pb.allDocs({ keys: twins.map((d) => d._id) })).rows.every((r) => r.value),
              (wake) => {
                listeners.add(wake);
                return () => listeners.delete(wake);
              },
              60_000,
              'the plain documents in the other database',
            );
          });
        }
      }
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      console.log(
        `${label}: app ${ms(x.ms)}, PouchDB alone ${ms(y.ms)}, beyond ${ms(x.ms - y.ms)}; ${load()}`,
      );
      if (round > 0) {
        app.push(x.ms);
        plain.push(y.ms);
      }
    }
  } finally {
    feed.cancel();
    push.cancel();
    pull.cancel();
    for (const device of devices) {
      await device.session.stop();
      device.db.close();
    }
    await remote.close();
  }
  const beyond = median(app) - median(plain);
  console.log(`Session saved on A until shown on B, median: ${ms(median(app))}`);
  console.log(`Plain documents A → server → B, median: ${ms(median(plain))}`);
  verdict('Incremental sync', beyond, SYNC_LIMIT_MS, `${ms(beyond)} beyond the server's own`);
}

async function main() {
  console.log(`Machine: ${load()}`);
  const built = await timed(async () => kit.buildTeamCaseloads(COACHES, PEOPLE));
  const total = built.value.reduce((sum, t) => sum + kit.countOf(t), 0);
  console.log(
    `Fictional service: ${COACHES} coaches × ${PEOPLE} young people, ` +
      `${total.toLocaleString('en-GB')} records (built in ${ms(built.ms)})`,
  );
  const server = await kit.startCouchServer({ readyWithinMs: 120_000 });
  try {
    const seeded = await timed(() => kit.setUpTeam(server, LEAD, built.value));
    const caseloads = seeded.value;
    const bytes = caseloads.reduce((sum, c) => sum + c.bytes, 0);
    console.log(
      `Sealed and written to ${caseloads.length} caseload databases (and their plain twins) ` +
        `in ${ms(seeded.ms)}: ${(bytes / 2 ** 20).toFixed(1)} MB of envelopes, ` +
        `${Math.round(bytes / total)} characters a document on average; ${load()}`,
    );
    let copies = null;
    if (ONLY.has('full') || ONLY.has('report')) copies = await measureFullSync(server, caseloads);
    if (ONLY.has('report') && copies) await measureReport(copies);
    if (copies) await destroyAll(copies);
    if (ONLY.has('sync')) await measureIncremental(server, caseloads[0]);
  } finally {
    await server.stop();
    await loader.close();
  }
  console.log(`\nMachine at the end: ${load()}`);
  const missed = results.filter((r) => !r.met).map((r) => r.name);
  console.log(missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.join(', ')}`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
