import { describe, expect, it, vi } from 'vitest';
import { allowedScriptUrl, installTrustedTypesPolicy } from '../../../src/lib/trusted-types';

const BASE = 'https://coaching.example.org/young-people/abc';

describe('allowedScriptUrl: the only script URLs the Trusted Types policy lets through', () => {
  it.each([
    ['/sw.js', 'https://coaching.example.org/sw.js'],
    ['https://coaching.example.org/sw.js', 'https://coaching.example.org/sw.js'],
    [
      'https://coaching.example.org/assets/parse-backup.worker-CgYiSY1V.js',
      'https://coaching.example.org/assets/parse-backup.worker-CgYiSY1V.js',
    ],
  ])('allows the app’s own %s', (input, expected) => {
    expect(allowedScriptUrl(input, BASE)).toBe(expected);
  });

  it.each([
    'https://evil.example.com/sw.js',
    'http://coaching.example.org/sw.js',
    '//evil.example.com/assets/x.js',
    'data:text/javascript,alert(1)',
    'blob:https://coaching.example.org/1234',
    'javascript:alert(1)',
    '/assets/../sw.js?x=1',
    '/sw.js#x',
    '/assets/sub/dir.js',
    '/assets/style.css',
    '/other.js',
    '/young-people/sw.js',
  ])('refuses %s', (input) => {
    expect(allowedScriptUrl(input, BASE)).toBeNull();
  });
});

describe('installTrustedTypesPolicy', () => {
  it('creates the default policy, which allows only script URLs', () => {
    const createPolicy = vi.fn();
    const win = { trustedTypes: { createPolicy }, document: { baseURI: BASE } };
    installTrustedTypesPolicy(win as unknown as Window);
    expect(createPolicy).toHaveBeenCalledTimes(1);
    const [name, rules] = createPolicy.mock.calls[0] as [
      string,
      {
        createScriptURL: (s: string) => string | null;
        createHTML?: unknown;
        createScript?: unknown;
      },
    ];
    expect(name).toBe('default');
    expect(Object.keys(rules)).toEqual(['createScriptURL']);
    expect(rules.createScriptURL('/sw.js')).toBe('https://coaching.example.org/sw.js');
    expect(rules.createScriptURL('https://evil.example.com/x.js')).toBeNull();
  });

  it('does nothing without Trusted Types, and never stops the app from starting', () => {
    expect(() => installTrustedTypesPolicy({} as Window)).not.toThrow();
    const refused = {
      trustedTypes: {
        createPolicy: () => {
          throw new TypeError('Policy "default" disallowed.');
        },
      },
      document: { baseURI: BASE },
    };
    expect(() => installTrustedTypesPolicy(refused as unknown as Window)).not.toThrow();
  });
});
