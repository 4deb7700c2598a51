// @vitest-environment node
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The project's own eslint.config.js, run through ESLint's Node API: each boundary of
// README.md ("How the code is laid out") is shown to fire on a file that breaks it, and to
// stay quiet on an import it allows. The probe files are linted as text at a path inside the
// layer (they never touch the disk) and import real modules of the tree, picked by folder, so
// renaming a module does not break the proof.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const src = path.join(root, 'src');
const eslint = new ESLint({ cwd: root });

const NO_RESTRICTED_PATHS = 'import-x/no-restricted-paths';
const NO_IMPORT_CYCLE = 'local/no-import-cycle';

const MESSAGES = {
  lib: 'src/lib imports nothing else from src.',
  domain: 'src/domain imports only src/lib.',
  pure: 'src/domain is pure: no module that touches the DOM or browser storage.',
  components: 'src/components never imports src/db, src/features or src/app.',
  db: 'src/db never imports src/features, src/components or src/app.',
  feature: 'A feature folder does not import another feature folder',
  stores: 'src/stores holds UI state only and imports no src/db.',
  teamKeys: 'src/team/keys imports only src/lib and src/domain.',
  teamKeysPure: 'src/team/keys is pure: no module that touches the DOM or browser storage.',
  teamSync: 'src/team/sync never imports src/features, src/components, src/app or src/stores.',
  teamDirectory:
    'src/team/directory never imports src/db, src/team/sync, src/features, src/components, src/app or src/stores.',
  domainPackages: 'src/domain is pure: no React, Dexie, charts or stores.',
  domainGlobals: 'src/domain is pure: no browser globals',
  dateFns: 'Only src/lib/dates.ts imports date-fns',
  liveQueries: 'Live reads of the database are hooks in src/db/hooks',
};

/** Every module (not a .d.ts) under a folder of src, in a stable order. */
function modulesIn(folder: string): string[] {
  return readdirSync(path.join(src, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => path.join(src, folder, file))
    .sort();
}

function firstModuleIn(folder: string): string {
  const [first] = modulesIn(folder);
  if (!first) throw new Error(`no module in src/${folder}`);
  return first;
}

const FEATURES = readdirSync(path.join(src, 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** A probe file that would sit in `folder` of src. */
const probeIn = (folder: string) => path.join(src, folder, '__boundary-probe__.ts');

/** How the probe names `target`: relative, without the extension. */
function specifier(probe: string, target: string): string {
  const relative = path
    .relative(path.dirname(probe), target)
    .replace(/\.tsx?$/, '')
    .split(path.sep)
    .join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

// A value import, a type-only import and a dynamic import() of the same module: each is an
// edge of the layering, so each must break the boundary alike.
const IMPORT_FORMS = {
  value: (name: string) => `import * as target from '${name}';\nexport const used = target;\n`,
  type: (name: string) =>
    `import type * as target from '${name}';\nexport type Used = typeof target;\n`,
  dynamic: (name: string) => `export const load = () => import('${name}');\n`,
} as const;
type ImportForm = keyof typeof IMPORT_FORMS;
const FORMS = Object.keys(IMPORT_FORMS) as ImportForm[];

interface Probe {
  /** The folder of src the probe sits in. */
  from: string;
  /** The absolute path of the module it imports. */
  target: string;
}

async function lintProbe({ from, target }: Probe, form: ImportForm) {
  const probe = probeIn(from);
  const [result] = await eslint.lintText(IMPORT_FORMS[form](specifier(probe, target)), {
    filePath: probe,
  });
  return result?.messages ?? [];
}

interface Break extends Probe {
  message: string;
}

const BREAKS: Record<string, Break> = {
  'lib imports domain': { from: 'lib', target: firstModuleIn('domain'), message: MESSAGES.lib },
  'lib imports db': { from: 'lib', target: firstModuleIn('db'), message: MESSAGES.lib },
  'lib imports components': {
    from: 'lib',
    target: firstModuleIn('components'),
    message: MESSAGES.lib,
  },
  'domain imports db': { from: 'domain', target: firstModuleIn('db'), message: MESSAGES.domain },
  'domain imports components': {
    from: 'domain',
    target: firstModuleIn('components'),
    message: MESSAGES.domain,
  },
  'domain imports stores': {
    from: 'domain',
    target: firstModuleIn('stores'),
    message: MESSAGES.domain,
  },
  'domain imports lib/download (the DOM)': {
    from: 'domain',
    target: path.join(src, 'lib/download.ts'),
    message: MESSAGES.pure,
  },
  'domain imports lib/storage (navigator.storage)': {
    from: 'domain',
    target: path.join(src, 'lib/storage.ts'),
    message: MESSAGES.pure,
  },
  'components imports db': {
    from: 'components/ui',
    target: firstModuleIn('db'),
    message: MESSAGES.components,
  },
  'components imports features': {
    from: 'components/ui',
    target: firstModuleIn('features'),
    message: MESSAGES.components,
  },
  'components imports app': {
    from: 'components/framework',
    target: firstModuleIn('app'),
    message: MESSAGES.components,
  },
  'db imports features': { from: 'db', target: firstModuleIn('features'), message: MESSAGES.db },
  'db imports components': {
    from: 'db/repositories',
    target: firstModuleIn('components'),
    message: MESSAGES.db,
  },
  'db imports app': { from: 'db', target: firstModuleIn('app'), message: MESSAGES.db },
  'stores imports db': { from: 'stores', target: firstModuleIn('db'), message: MESSAGES.stores },
  'team/keys imports db': {
    from: 'team/keys',
    target: firstModuleIn('db'),
    message: MESSAGES.teamKeys,
  },
  'team/keys imports stores': {
    from: 'team/keys',
    target: firstModuleIn('stores'),
    message: MESSAGES.teamKeys,
  },
  'team/keys imports lib/download (the DOM)': {
    from: 'team/keys',
    target: path.join(src, 'lib/download.ts'),
    message: MESSAGES.teamKeysPure,
  },
  'team/directory imports db': {
    from: 'team/directory',
    target: firstModuleIn('db'),
    message: MESSAGES.teamDirectory,
  },
  'team/directory imports team/sync': {
    from: 'team/directory',
    target: firstModuleIn('team/sync'),
    message: MESSAGES.teamDirectory,
  },
  'team/sync imports features': {
    from: 'team/sync',
    target: firstModuleIn('features'),
    message: MESSAGES.teamSync,
  },
  'team/sync imports components': {
    from: 'team/sync',
    target: firstModuleIn('components'),
    message: MESSAGES.teamSync,
  },
  'team/sync imports app': {
    from: 'team/sync',
    target: firstModuleIn('app'),
    message: MESSAGES.teamSync,
  },
  'team/sync imports stores': {
    from: 'team/sync',
    target: firstModuleIn('stores'),
    message: MESSAGES.teamSync,
  },
  // Every feature folder, each reaching into the next one.
  ...Object.fromEntries(
    FEATURES.map((feature, index) => {
      const other = FEATURES[(index + 1) % FEATURES.length] as string;
      return [
        `features/${feature} imports features/${other}`,
        {
          from: `features/${feature}`,
          target: firstModuleIn(`features/${other}`),
          message: MESSAGES.feature,
        },
      ];
    }),
  ),
};

const ALLOWED: Record<string, Probe> = {
  'lib imports lib': { from: 'lib', target: path.join(src, 'lib/dates.ts') },
  'domain imports lib': { from: 'domain', target: path.join(src, 'lib/dates.ts') },
  'domain imports domain': { from: 'domain', target: firstModuleIn('domain') },
  'components imports domain': { from: 'components/ui', target: firstModuleIn('domain') },
  'components imports lib': { from: 'components/ui', target: path.join(src, 'lib/dates.ts') },
  'components imports components': {
    from: 'components/ui',
    target: firstModuleIn('components/framework'),
  },
  'db imports domain': { from: 'db', target: firstModuleIn('domain') },
  'db imports lib': { from: 'db', target: path.join(src, 'lib/ids.ts') },
  'db imports db': { from: 'db/repositories', target: firstModuleIn('db') },
  'a feature imports its own folder': {
    from: `features/${FEATURES[0]}`,
    target: firstModuleIn(`features/${FEATURES[0]}`),
  },
  'a feature imports db': { from: `features/${FEATURES[0]}`, target: firstModuleIn('db') },
  'a feature imports components': {
    from: `features/${FEATURES[0]}`,
    target: firstModuleIn('components'),
  },
  'a feature imports stores': { from: `features/${FEATURES[0]}`, target: firstModuleIn('stores') },
  'stores imports lib': { from: 'stores', target: path.join(src, 'lib/ids.ts') },
  'app imports features': { from: 'app', target: firstModuleIn('features') },
  'team/keys imports lib': { from: 'team/keys', target: path.join(src, 'lib/crypto.ts') },
  'team/keys imports domain': { from: 'team/keys', target: firstModuleIn('domain') },
  'team/keys imports team/keys': { from: 'team/keys', target: firstModuleIn('team/keys') },
  'team/sync imports db': { from: 'team/sync', target: firstModuleIn('db') },
  'team/sync imports team/keys': { from: 'team/sync', target: firstModuleIn('team/keys') },
  'team/sync imports domain': { from: 'team/sync', target: firstModuleIn('domain') },
};

describe('lint enforces the import boundaries', () => {
  beforeAll(async () => {
    // Loading the config, the parser and the plugins takes a few seconds on a busy machine;
    // paid here once so no single case below races the test timeout.
    await eslint.lintText('export {};\n', { filePath: probeIn('lib') });
  }, 60_000);

  it('lints the probes with the project config', async () => {
    expect(FEATURES.length).toBeGreaterThan(1);
    expect(await eslint.isPathIgnored(probeIn('domain'))).toBe(false);
  });

  describe.each(Object.entries(BREAKS))('%s', (_, probe) => {
    it.each(FORMS)('fails as a %s import', async (form) => {
      const messages = await lintProbe(probe, form);
      expect(messages).toEqual([
        expect.objectContaining({
          ruleId: NO_RESTRICTED_PATHS,
          severity: 2,
          message: expect.stringContaining(probe.message),
        }),
      ]);
    });
  });

  describe.each(Object.entries(ALLOWED))('%s', (_, probe) => {
    it.each(FORMS)('passes as a %s import', async (form) => {
      expect(await lintProbe(probe, form)).toEqual([]);
    });
  });

  it('keeps React, Dexie, charts and stores out of src/domain, type imports included', async () => {
    const domainFile = { filePath: probeIn('domain') };
    const cases = [
      "import { useState } from 'react';\nexport const hook = useState;\n",
      "import type { Table } from 'dexie';\nexport type Rows = Table;\n",
      "import { create } from 'zustand';\nexport const store = create;\n",
      "import { LineChart } from 'recharts';\nexport const chart = LineChart;\n",
      "import { useLiveQuery } from 'dexie-react-hooks';\nexport const live = useLiveQuery;\n",
    ];
    for (const code of cases) {
      const [result] = await eslint.lintText(code, domainFile);
      expect(result?.messages, code).toEqual([
        expect.objectContaining({
          ruleId: 'no-restricted-imports',
          severity: 2,
          message: expect.stringContaining(MESSAGES.domainPackages),
        }),
      ]);
    }
    const [allowed] = await eslint.lintText(
      "import { z } from 'zod';\nexport const schema = z.string();\n",
      domainFile,
    );
    expect(allowed?.messages).toEqual([]);
  });

  it('lets only src/lib/dates.ts import date-fns', async () => {
    const code = "import { addDays } from 'date-fns';\nexport const next = addDays;\n";
    for (const folder of ['domain', 'db', `features/${FEATURES[0]}`, 'lib', 'components/ui']) {
      const [result] = await eslint.lintText(code, { filePath: probeIn(folder) });
      expect(result?.messages, folder).toEqual([
        expect.objectContaining({
          ruleId: 'no-restricted-imports',
          severity: 2,
          message: expect.stringContaining(MESSAGES.dateFns),
        }),
      ]);
    }
    const [dates] = await eslint.lintText(code, { filePath: path.join(src, 'lib/dates.ts') });
    expect(dates?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });

  it('keeps live queries in src/db/hooks', async () => {
    const code =
      "import { useLiveQuery } from 'dexie-react-hooks';\nexport const live = useLiveQuery;\n";
    for (const folder of ['db', `features/${FEATURES[0]}`, 'app', 'components/ui']) {
      const [result] = await eslint.lintText(code, { filePath: probeIn(folder) });
      expect(result?.messages, folder).toEqual([
        expect.objectContaining({
          ruleId: 'no-restricted-imports',
          severity: 2,
          message: expect.stringContaining(MESSAGES.liveQueries),
        }),
      ]);
    }
    const [hooks] = await eslint.lintText(code, { filePath: probeIn('db/hooks') });
    expect(hooks?.messages).toEqual([]);
  });

  it('keeps browser globals out of src/domain, and allows them elsewhere', async () => {
    const cases = [
      'export const title = () => document.title;\n',
      'export const width = () => window.innerWidth;\n',
      'export const online = () => navigator.onLine;\n',
      "export const saved = () => localStorage.getItem('x');\n",
      "export const open = () => indexedDB.open('x');\n",
    ];
    for (const code of cases) {
      const [result] = await eslint.lintText(code, { filePath: probeIn('domain') });
      expect(result?.messages, code).toEqual([
        expect.objectContaining({
          ruleId: 'no-restricted-globals',
          severity: 2,
          message: expect.stringContaining(MESSAGES.domainGlobals),
        }),
      ]);
      const [elsewhere] = await eslint.lintText(code, { filePath: probeIn('lib') });
      expect(elsewhere?.messages, code).toEqual([]);
    }
  });
});

describe('lint forbids import cycles in src', () => {
  // A cycle needs files on disk (each side is read to find the other), so these few live in
  // a folder of src of their own for the length of the test.
  const folder = path.join(src, `__cycle-probe-${process.pid}__`);
  const files = {
    // value-a -> type-b by value, type-b -> value-a by type only: still a cycle.
    'value-a.ts':
      "import { two } from './type-b';\nexport type One = 1;\nexport const one = two - 1;\n",
    'type-b.ts':
      "import type { One } from './value-a';\nexport const two = 2;\nexport type Pair = [One, 2];\n",
    // dynamic-c -> static-d by import(), static-d -> dynamic-c statically.
    'dynamic-c.ts': "export const loadD = () => import('./static-d');\n",
    'static-d.ts': "import { loadD } from './dynamic-c';\nexport const again = loadD;\n",
    // outside-e leans on the first cycle without being part of it.
    'outside-e.ts': "import { one } from './value-a';\nexport const e = one;\n",
  };
  const relative = (name: string) => `src/${path.basename(folder)}/${name}`;
  let results: Map<string, ESLint.LintResult['messages']>;

  beforeAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    for (const [name, code] of Object.entries(files)) writeFileSync(path.join(folder, name), code);
    const linted = await eslint.lintFiles(
      Object.keys(files).map((name) => path.join(folder, name)),
    );
    results = new Map(linted.map((result) => [path.basename(result.filePath), result.messages]));
  }, 60_000);

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it.each([
    ['value-a.ts', ['value-a.ts', 'type-b.ts', 'value-a.ts']],
    ['type-b.ts', ['type-b.ts', 'value-a.ts', 'type-b.ts']],
    ['dynamic-c.ts', ['dynamic-c.ts', 'static-d.ts', 'dynamic-c.ts']],
    ['static-d.ts', ['static-d.ts', 'dynamic-c.ts', 'static-d.ts']],
  ])('reports the cycle through %s', (name, route) => {
    expect(results.get(name)).toEqual([
      expect.objectContaining({
        ruleId: NO_IMPORT_CYCLE,
        severity: 2,
        message: `Import cycle: ${route.map(relative).join(' → ')}.`,
      }),
    ]);
  });

  it('leaves a file that only leans on a cycle alone', () => {
    expect(results.get('outside-e.ts')).toEqual([]);
  });
});
