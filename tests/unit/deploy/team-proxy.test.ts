/**
 * The team server is reached on the app's own origin (issue 14): `/couchdb/` is proxied to
 * CouchDB by vite dev and preview (vite.config.ts) and by the reverse proxies in docs/team.md,
 * and the Content-Security-Policy still allows connections to the app's own origin only.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProxyOptions } from 'vite';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_HEADER, SECURITY_HEADERS } from '../../../security-headers';
import viteConfig from '../../../vite.config';

const root = resolve(__dirname, '../../..');
const teamDoc = readFileSync(resolve(root, 'docs/team.md'), 'utf8');

function block(language: string): string {
  return new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(teamDoc)?.[1] ?? '';
}

function teamProxy(which: 'server' | 'preview'): ProxyOptions {
  const proxy = viteConfig[which]?.proxy?.['^/couchdb(/|$)'];
  if (proxy === undefined || typeof proxy === 'string') throw new Error(`No ${which} proxy`);
  return proxy;
}

describe('the team server on the same origin', () => {
  it('keeps connect-src to the app’s own origin', () => {
    const connect = CONTENT_SECURITY_POLICY_HEADER.split('; ').filter((d) =>
      d.startsWith('connect-src'),
    );
    expect(connect).toEqual(["connect-src 'self'"]);
  });

  it.each(['server', 'preview'] as const)(
    'is proxied by vite %s to TEAM_SERVER_URL, without the /couchdb prefix',
    (which) => {
      const proxy = teamProxy(which);
      expect(proxy.target).toBe(process.env.TEAM_SERVER_URL ?? 'http://127.0.0.1:5984');
      expect(proxy.rewrite?.('/couchdb/caseload-1/_changes?since=0')).toBe(
        '/caseload-1/_changes?since=0',
      );
      expect(proxy.rewrite?.('/couchdb/')).toBe('/');
      expect(proxy.rewrite?.('/couchdb')).toBe('/');
      // Vite reads a key starting with ^ as a pattern: /couchdb itself and what is under it,
      // not /couchdb-something (an address of the app's own).
      const keys = Object.keys(viteConfig[which]?.proxy ?? {});
      expect(keys).toEqual(['^/couchdb(/|$)']);
      const pattern = new RegExp(keys[0] ?? '');
      expect(['/couchdb', '/couchdb/', '/couchdb/_session'].every((p) => pattern.test(p))).toBe(
        true,
      );
      expect(['/couchdbx', '/young-people/couchdb', '/'].some((p) => pattern.test(p))).toBe(false);
    },
  );

  it('is proxied by the documented nginx, with every security header', () => {
    const nginx = block('nginx');
    const headers: Record<string, string> = {};
    for (const match of nginx.matchAll(/^\s*add_header ([\w-]+) "([^"]*)" always;$/gm)) {
      headers[match[1] ?? ''] = match[2] ?? '';
    }
    expect(headers).toMatchObject(SECURITY_HEADERS);
    expect(nginx).toMatch(/location \/couchdb\/ \{[^}]*proxy_pass http:\/\/127\.0\.0\.1:5984\/;/);
    expect(nginx).toMatch(/location \/couchdb\/ \{[^}]*proxy_hide_header WWW-Authenticate;/);
    // An add_header inside the location would drop the server's headers there.
    expect(/location \/couchdb\/ \{[^}]*add_header/.test(nginx)).toBe(false);
  });

  it('is proxied by the documented Caddy, with every security header', () => {
    const caddy = block('caddyfile');
    const headers: Record<string, string> = {};
    for (const match of caddy.matchAll(/^\t\t([\w-]+) "([^"]*)"$/gm)) {
      headers[match[1] ?? ''] = match[2] ?? '';
    }
    expect(headers).toMatchObject(SECURITY_HEADERS);
    expect(caddy).toContain('handle_path /couchdb/* {');
    expect(caddy).toContain('reverse_proxy 127.0.0.1:5984');
    expect(caddy).toContain('header_down -WWW-Authenticate');
  });
});
