import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// tests/unit/**/*.test.ts run in Node (no DOM) unless vite.config.ts lists them in
// UNIT_TESTS_WITH_A_PAGE. A unit test that renders (a hook, say) and is not listed fails with
// "document is not defined", which is how CI once went red: this catches it before.

const ROOT = path.resolve(import.meta.dirname, '../../..');

function listed(): string[] {
  const config = readFileSync(path.join(ROOT, 'vite.config.ts'), 'utf8');
  const list = /const UNIT_TESTS_WITH_A_PAGE = \[([^\]]*)\]/.exec(config)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
}

function unitTestFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return unitTestFiles(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('the Node and jsdom test projects', () => {
  it('finds the list of unit tests that need a page', () => {
    expect(listed()).toContain('tests/unit/app/lock-across-tabs.test.ts');
  });

  it('runs every unit test that renders with Testing Library in jsdom', () => {
    const page = new Set(listed());
    const rendering = unitTestFiles('tests/unit').filter((file) =>
      /^import [^;]* from '@testing-library\/react';/m.test(
        readFileSync(path.join(ROOT, file), 'utf8'),
      ),
    );
    expect(rendering.length).toBeGreaterThan(0);
    expect(rendering.filter((file) => !page.has(file))).toEqual([]);
  });
});
