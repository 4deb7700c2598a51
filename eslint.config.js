import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { noImportCycle } from './eslint-rules/no-import-cycle.js';

const root = import.meta.dirname;

// Every feature folder, read when lint starts, so a new feature is fenced off from the others
// without anyone remembering to list it here.
const FEATURES = readdirSync(path.join(root, 'src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

// Modules in src/lib that need a browser (the DOM, navigator.storage): the domain stays
// runnable and testable without one.
const BROWSER_ONLY_LIB = ['src/lib/download.ts', 'src/lib/storage.ts'];

// Globals only a browser page has: the domain is run and tested without one.
const BROWSER_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
];

const DATE_FNS = {
  group: ['date-fns', 'date-fns/*'],
  message: 'Only src/lib/dates.ts imports date-fns: add what you need there.',
};

const LIVE_QUERIES = {
  group: ['dexie-react-hooks'],
  message: 'Live reads of the database are hooks in src/db/hooks: add one there.',
};

// The layering of README.md ("How the code is laid out"), checked on the resolved file of
// every import: static, `import type`, `export … from` and dynamic `import()` alike.
// tests/unit/lint/boundaries.test.ts proves each zone, and the cycle rule below, fires.
const BOUNDARIES = [
  {
    target: 'src/lib',
    from: 'src',
    except: ['./lib'],
    message: 'src/lib imports nothing else from src.',
  },
  {
    target: 'src/domain',
    from: 'src',
    except: ['./domain', './lib'],
    message: 'src/domain imports only src/lib.',
  },
  {
    target: 'src/domain',
    from: BROWSER_ONLY_LIB,
    message: 'src/domain is pure: no module that touches the DOM or browser storage.',
  },
  {
    // The team's keys are pure Web Crypto over plain data, run in the browser and in Node:
    // the sync module hands them keys and documents, they never reach for the database.
    target: 'src/team/keys',
    from: 'src',
    except: ['./team/keys', './lib', './domain'],
    message: 'src/team/keys imports only src/lib and src/domain.',
  },
  {
    target: 'src/team/keys',
    from: BROWSER_ONLY_LIB,
    message: 'src/team/keys is pure: no module that touches the DOM or browser storage.',
  },
  {
    // The sync module works beneath the screens (Dexie, the team keys, PouchDB): the screens
    // call it, never the other way round.
    target: 'src/team/sync',
    from: ['src/features', 'src/components', 'src/app', 'src/stores'],
    message: 'src/team/sync never imports src/features, src/components, src/app or src/stores.',
  },
  {
    // The team directory (joining, over the team database) works on the server with plain
    // fetch and the team keys: it never reaches for the device's database or the screens.
    target: 'src/team/directory',
    from: ['src/db', 'src/features', 'src/components', 'src/app', 'src/stores', 'src/team/sync'],
    message:
      'src/team/directory never imports src/db, src/team/sync, src/features, src/components, src/app or src/stores.',
  },
  {
    target: 'src/components',
    from: ['src/db', 'src/features', 'src/app'],
    message: 'src/components never imports src/db, src/features or src/app.',
  },
  {
    target: 'src/db',
    from: ['src/features', 'src/components', 'src/app'],
    message: 'src/db never imports src/features, src/components or src/app.',
  },
  ...FEATURES.map((feature) => ({
    target: `src/features/${feature}`,
    from: 'src/features',
    except: [`./${feature}`],
    message:
      'A feature folder does not import another feature folder: src/app composes them, or the shared piece moves down to components, domain or db.',
  })),
  {
    target: 'src/stores',
    from: 'src/db',
    message: 'src/stores holds UI state only and imports no src/db.',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'coverage', 'playwright-report', 'test-results', 'node_modules'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, local: { rules: { 'no-import-cycle': noImportCycle } } },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: BOUNDARIES }],
      // Type-only and dynamic imports count as edges (see the rule for why not import-x's).
      'local/no-import-cycle': [
        'error',
        { within: path.join(root, 'src'), tsconfig: path.join(root, 'tsconfig.json') },
      ],
    },
  },
  {
    // Dates go through src/lib/dates (one date module, as the house style has it), and live
    // reads of the database through the hooks in src/db/hooks (one place for them).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/lib/dates.ts', 'src/db/hooks/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DATE_FNS, LIVE_QUERIES] }] },
  },
  {
    files: ['src/db/hooks/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DATE_FNS] }] },
  },
  {
    // The domain is pure TypeScript: no React, no Dexie, no charts, no stores, no browser.
    files: ['src/domain/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...BROWSER_GLOBALS.map((name) => ({
          name,
          message: 'src/domain is pure: no browser globals (the DOM, storage, the address).',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            DATE_FNS,
            {
              group: ['react', 'react-*', 'dexie', 'dexie-*', 'recharts', 'zustand'],
              message: 'src/domain is pure: no React, Dexie, charts or stores.',
            },
          ],
        },
      ],
    },
  },
);
