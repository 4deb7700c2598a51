/**
 * What the Chromium benchmarks share: a `vite preview` of a build, Debian's Chromium, the
 * fictional data set (tests/support/fake-data.ts) and a median. See docs/performance.md.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer, runnerImport } from 'vite';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DATABASE = 'resilience-coaching';

export function waitForServer(url, timeoutMs = 30_000) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      http
        .get(url, (res) => {
          res.resume();
          resolve();
        })
        .on('error', () => {
          if (Date.now() - started > timeoutMs) reject(new Error(`No server at ${url}`));
          else setTimeout(attempt, 200);
        });
    };
    attempt();
  });
}

/** `vite preview` of a build folder on a port; returns the child process and the address. */
export async function startPreview(dist, port) {
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'preview', '--port', String(port), '--strictPort', '--outDir', dist];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://localhost:${port}`;
  await waitForServer(base);
  return { child, base };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** A module of the app's source (TypeScript), loaded in Node through Vite. */
export async function importSource(file) {
  const { module } = await runnerImport(path.join(ROOT, file), {
    root: ROOT,
    configFile: false,
    logLevel: 'error',
  });
  return module;
}

/**
 * Modules of the app's source loaded through a Vite server kept open, for code that imports
 * more modules later (`import()`, as the sealing code loads on unlocking); close it at the end.
 */
export async function openSourceLoader() {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  return {
    load: (file) => server.ssrLoadModule(path.join(ROOT, file)),
    close: () => server.close(),
  };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const countsOf = (records) =>
  Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.length]));

/** The value of `--name value` on the command line, or the fallback. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** The machine, for the record: CPUs, load and memory. */
export function machineLine() {
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  const gb = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, ${gb} GB, load ${load}`;
}

/**
 * Writes records into the app's database (the app must have created it at its version), each
 * store cleared first, in chunks of bulk puts: a chunk per transaction keeps the messages to
 * the browser small at the stress size.
 */
export async function seedDatabase(page, records, chunkSize = 20_000) {
  const stores = Object.keys(records);
  await page.evaluate(
    async ({ name, stores }) => {
      const db = await new Promise((resolve, reject) => {
        const request = globalThis.indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of stores) {
        if (!db.objectStoreNames.contains(store)) throw new Error(`The app has no ${store} store`);
      }
      await new Promise((resolve, reject) => {
        const tx = db.transaction(stores, 'readwrite');
        for (const store of stores) tx.objectStore(store).clear();
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: DATABASE, stores },
  );
  for (const store of stores) {
    const rows = records[store];
    for (let start = 0; start < rows.length; start += chunkSize) {
      await page.evaluate(
        async ({ name, store, json }) => {
          const rows = JSON.parse(json);
          const db = await new Promise((resolve, reject) => {
            const request = globalThis.indexedDB.open(name);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          await new Promise((resolve, reject) => {
            const tx = db.transaction([store], 'readwrite');
            const os = tx.objectStore(store);
            for (const row of rows) os.put(row);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
          db.close();
        },
        { name: DATABASE, store, json: JSON.stringify(rows.slice(start, start + chunkSize)) },
      );
    }
  }
}
