/**
 * The `/couchdb/` proxy of the Vite dev server (vite.config.ts) carries real requests to the
 * team server at TEAM_SERVER_URL, without the prefix, and drops WWW-Authenticate so a refusal
 * never opens the browser's own sign-in box.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startCouchServer, type CouchServer } from '../../support/couch-server';

const root = path.resolve(__dirname, '../../..');
let couch: CouchServer;
let vite: ViteDevServer;
let appUrl: string;
let seen: string[] = [];
let upstream: http.Server;
let cacheDir: string;

beforeAll(async () => {
  couch = await startCouchServer();
  // Between Vite and the team server: notes each path as CouchDB receives it, and adds the
  // header a CouchDB configured with [httpd] WWW-Authenticate would send.
  upstream = http.createServer((request, response) => {
    seen.push(request.url ?? '');
    const forward = http.request(
      `${couch.url}${request.url ?? '/'}`,
      { method: request.method, headers: request.headers },
      (answer) => {
        const headers = { ...answer.headers };
        if (answer.statusCode === 401) headers['www-authenticate'] = 'Basic realm="server"';
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  process.env.TEAM_SERVER_URL = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  // Its own cache folder: node_modules/.vite stays the app's dev server's.
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'vite-proxy-test-'));
  vite = await createServer({
    root,
    cacheDir,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'silent',
    server: { port: 0, strictPort: false, host: '127.0.0.1', watch: null, hmr: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await vite.listen();
  appUrl = `http://127.0.0.1:${(vite.httpServer?.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.TEAM_SERVER_URL;
  await vite?.close();
  await new Promise((resolve) => upstream?.close(resolve));
  await couch?.stop();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe('the dev server’s /couchdb/ proxy', () => {
  it('reaches the team server without the prefix', async () => {
    seen = [];
    const response = await fetch(`${appUrl}/couchdb/_session`, {
      headers: { authorization: basicAuth(couch.admin) },
    });
    expect(await response.json()).toMatchObject({ userCtx: { roles: ['_admin'] } });
    const root = await fetch(`${appUrl}/couchdb`).then((r) => r.json());
    expect(root).toMatchObject({ version: expect.any(String) });
    expect(seen).toEqual(['/_session', '/']);
  });

  it('passes a refusal on without WWW-Authenticate', async () => {
    const response = await fetch(`${appUrl}/couchdb/_config`, {
      headers: { authorization: basicAuth({ name: 'nobody', password: 'wrong' }) },
    });
    expect(response.status).toBe(401);
    expect(response.headers.has('www-authenticate')).toBe(false);
  });

  it('leaves the app’s own addresses to the app', async () => {
    seen = [];
    await fetch(`${appUrl}/couchdbx`);
    expect(seen).toEqual([]);
  });
});
