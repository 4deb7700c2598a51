import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  SECURITY_HEADERS,
} from '../../../security-headers';

const root = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

/** The headers public/_headers sends for every path ("/*"). */
function staticHostHeaders(): Record<string, string> {
  const lines = read('public/_headers').split('\n');
  const start = lines.indexOf('/*');
  expect(start).toBeGreaterThanOrEqual(0);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The add_header lines of the nginx example in docs/deployment.md. */
function nginxHeaders(): Record<string, string> {
  const doc = read('docs/deployment.md');
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  const headers: Record<string, string> = {};
  for (const match of block.matchAll(/^\s*add_header ([\w-]+) "([^"]*)" always;$/gm)) {
    headers[match[1] ?? ''] = match[2] ?? '';
  }
  return headers;
}

describe('the security headers', () => {
  it('forbid framing and require Trusted Types for every script sink', () => {
    const csp = SECURITY_HEADERS['Content-Security-Policy'];
    expect(csp).toBe(CONTENT_SECURITY_POLICY_HEADER);
    const directives = (csp ?? '').split('; ');
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "require-trusted-types-for 'script'",
      'trusted-types default',
    ]) {
      expect(directives).toContain(directive);
    }
    // No way round the policy: nothing inline, nothing evaluated, nothing from elsewhere.
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(SECURITY_HEADERS['X-Frame-Options']).toBe('DENY');
  });

  it('are the same in the meta tag, less what only a header can carry', () => {
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(
      `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
  });

  it('are what public/_headers sends static hosts', () => {
    expect(staticHostHeaders()).toEqual(SECURITY_HEADERS);
  });

  it('are what the nginx example in docs/deployment.md sends', () => {
    expect(nginxHeaders()).toEqual(SECURITY_HEADERS);
  });
});
