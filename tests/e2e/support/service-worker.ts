import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';

/** Resolves once a service worker is active and controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) throw new Error('No active service worker');
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
    );
  });
}

/**
 * The app through a small proxy of the preview server at `baseURL`, which can serve a new
 * build's service worker (the same script with different bytes), as after a deployment.
 * `origin` is the proxy's address; `deployNewVersion()` makes it serve the new one;
 * `close()` stops it.
 */
export async function newVersionProxy(baseURL: string | undefined) {
  let newVersion = false;
  const proxy = http.createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(new URL(req.url ?? '/', baseURL));
      let body = Buffer.from(await upstream.arrayBuffer());
      if (newVersion && req.url?.startsWith('/sw.js')) {
        body = Buffer.concat([body, Buffer.from('\n// A new version.\n')]);
      }
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    })().catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    deployNewVersion: () => {
      newVersion = true;
    },
    close: async () => {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
