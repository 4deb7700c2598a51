/**
 * A CouchDB-protocol server for tests (issue 14): pouchdb-server, in memory (or on disk in a
 * temporary folder, to survive a restart), on 127.0.0.1 and a free port, started and stopped by
 * the test file that needs it.
 *
 *   const server = await startCouchServer();
 *   afterAll(() => server.stop());
 *
 * It runs as a child process (scripts/team-server.mjs), so a bug in the server cannot take the
 * test worker down, and the child exits when its stdin pipe closes: a killed test run leaves no
 * server behind. The server admin is written into its config file before it starts (the server
 * hashes it on reading), so it is never in "admin party" (everyone an admin), not even for a
 * moment; `_users` and each database's `_security` then work as in CouchDB.
 *
 * Readiness is polled on the server's root with a bounded total wait, never a fixed sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export interface CouchCredentials {
  name: string;
  password: string;
}

export interface CouchServer {
  /** The server's root, without a trailing slash: http://127.0.0.1:<port> */
  url: string;
  /** The server admin's credentials. */
  admin: CouchCredentials;
  /** Stops the server and removes its folder. Safe to call more than once. */
  stop(): Promise<void>;
  /**
   * Stops the server and starts it again on the same port, as a server restart does. With
   * `persist` the databases are kept; in memory they are gone.
   */
  restart(): Promise<void>;
}

export interface StartOptions {
  /** The server admin; a random password when not given. */
  admin?: CouchCredentials;
  /** The whole wait for the server to answer, start to finish (a busy machine is slow). */
  readyWithinMs?: number;
  /** Keep the databases on disk (in the server's temporary folder) across `restart()`. */
  persist?: boolean;
  /**
   * This port on 127.0.0.1 rather than a free one (the end-to-end tests: the app's preview
   * server proxies /couchdb/ to a port fixed before the test starts the server).
   */
  port?: number;
}

// From a string: under jsdom the global URL is jsdom's, which does not resolve against file:.
const SCRIPT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../scripts/team-server.mjs',
);
const POLL_EVERY_MS = 100;
const STOP_WITHIN_MS = 10_000;

const running = new Set<ChildProcess>();
const folders = new Set<string>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // The stdin pipe already ends the child when this process goes; this is the quick path for
  // an ordinary exit, and removes the folders of servers a hung test never stopped.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
}

async function removeFolder(folder: string) {
  await rm(folder, { recursive: true, force: true });
  folders.delete(folder);
}

/** A port nobody is listening on now, on 127.0.0.1 (the OS chooses it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('No free port was given.'));
      });
    });
  });
}

function randomPassword(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
}

function basic({ name, password }: CouchCredentials): string {
  return `Basic ${Buffer.from(`${name}:${password}`, 'utf8').toString('base64')}`;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const hardStop = setTimeout(() => child.kill('SIGKILL'), STOP_WITHIN_MS);
    child.once('exit', () => {
      clearTimeout(hardStop);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The server's root answers with the uuid written into its config: this server, not another
 * one that took the port in between (another test file's, say).
 */
async function answers(url: string, uuid: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return false;
    const body = (await response.json()) as { uuid?: unknown };
    return body.uuid === uuid;
  } catch {
    return false;
  }
}

/** The admin is an admin, and nobody else is (no admin party). */
async function checkAdmin(url: string, admin: CouchCredentials): Promise<void> {
  const roles = async (headers: Record<string, string>) => {
    const response = await fetch(`${url}/_session`, { headers });
    const body = (await response.json()) as { userCtx?: { roles?: unknown } };
    return Array.isArray(body.userCtx?.roles) ? (body.userCtx.roles as unknown[]) : [];
  };
  if (!(await roles({ authorization: basic(admin) })).includes('_admin')) {
    throw new Error('The test CouchDB server did not accept its admin.');
  }
  if ((await roles({})).includes('_admin')) {
    throw new Error('The test CouchDB server lets anyone in as an admin (admin party).');
  }
}

interface Launch {
  folder: string;
  admin: CouchCredentials;
  uuid: string;
  persist: boolean;
  deadline: number;
}

async function startOnce(
  launch: Launch,
  port: number,
): Promise<{ child: ChildProcess; url: string } | 'port-taken'> {
  const { folder, admin, uuid, persist, deadline } = launch;
  const url = `http://127.0.0.1:${port}`;
  const configFile = path.join(folder, 'config.json');
  await writeFile(
    configFile,
    JSON.stringify({
      couchdb: { uuid },
      admins: { [admin.name]: admin.password },
      log: { file: path.join(folder, 'log.txt'), level: 'warning' },
    }),
  );
  const env = { ...process.env };
  delete env.PORT; // pouchdb-server's default port comes from it
  const child = spawn(
    process.execPath,
    [
      SCRIPT,
      '--exit-with-stdin', // and stdin is a pipe from this process
      // Kept: LevelDB files in the folder (leveldown's prebuilt binary), so a restart keeps them.
      ...(persist ? [] : ['--in-memory']),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--config',
      configFile,
      '--dir',
      path.join(folder, 'data'),
      '-n', // no logs on stdout (nomnom reads "--no-stdout-logs" as "stdout-logs: false")
      '--no-color',
    ],
    { cwd: folder, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  while (Date.now() < deadline) {
    if (exited(child)) {
      if (output.includes('EADDRINUSE')) return 'port-taken';
      throw new Error(`The test CouchDB server stopped as it started:\n${output}`);
    }
    if (await answers(url, uuid)) {
      try {
        await checkAdmin(url, admin);
      } catch (error) {
        await stopChild(child);
        throw error;
      }
      return { child, url };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
  await stopChild(child);
  throw new Error(`The test CouchDB server did not answer in time at ${url}:\n${output}`);
}

/**
 * Starts pouchdb-server on 127.0.0.1 and a free port, in memory unless `persist`; resolves
 * once it answers.
 */
export async function startCouchServer(options: StartOptions = {}): Promise<CouchServer> {
  installExitHook();
  const admin = options.admin ?? { name: 'admin', password: randomPassword() };
  const readyWithinMs = options.readyWithinMs ?? 45_000;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'couch-server-'));
  folders.add(folder);
  const launch: Launch = {
    folder,
    admin,
    uuid: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex'),
    persist: options.persist ?? false,
    deadline: Date.now() + readyWithinMs,
  };
  try {
    // Another process can take the free port between finding it and the server binding it.
    let started: { child: ChildProcess; url: string } | 'port-taken' = 'port-taken';
    for (let attempt = 1; started === 'port-taken'; attempt += 1) {
      if (attempt > 3) throw new Error('The test CouchDB server found no free port.');
      if (options.port !== undefined && attempt > 1) {
        throw new Error(`Port ${options.port} is taken: the test CouchDB server cannot start.`);
      }
      started = await startOnce(launch, options.port ?? (await freePort()));
    }
    let { child } = started;
    const { url } = started;
    const port = Number(new URL(url).port);
    let stopped: Promise<void> | undefined;
    return {
      url,
      admin,
      stop() {
        stopped ??= stopChild(child).then(() => removeFolder(folder));
        return stopped;
      },
      async restart() {
        if (stopped) throw new Error('The test CouchDB server was stopped.');
        await stopChild(child);
        const again = await startOnce({ ...launch, deadline: Date.now() + readyWithinMs }, port);
        if (again === 'port-taken') throw new Error(`Port ${port} was taken during a restart.`);
        child = again.child;
      },
    };
  } catch (error) {
    await removeFolder(folder);
    throw error;
  }
}

/** An Authorization header for a test's own requests. */
export function basicAuth(credentials: CouchCredentials): string {
  return basic(credentials);
}
