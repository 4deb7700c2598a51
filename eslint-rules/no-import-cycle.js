import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * No import cycles among the files under `within`: static imports, `import type`,
 * `export … from`, dynamic `import()` and `typeof import()` all count as edges.
 *
 * Why not import-x/no-cycle: it skips type-only imports, so a cycle closed by an
 * `import type` (a layering knot all the same) passes, and it parses every file it walks
 * with the full TypeScript parser, which more than doubled the time `npm run lint` took.
 * Here the other files are only scanned for their module names (ts.preProcessFile) and
 * resolved as tsconfig.json resolves them.
 */

const isInside = (file, folder) => {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

/** One compiler-options object and resolution cache per tsconfig.json. */
const resolvers = new Map();

function resolverFor(tsconfigPath) {
  let resolver = resolvers.get(tsconfigPath);
  if (resolver) return resolver;
  const { config } = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(
    config?.compilerOptions ?? {},
    path.dirname(tsconfigPath),
  );
  const cache = ts.createModuleResolutionCache(path.dirname(tsconfigPath), (name) => name, options);
  resolver = (specifier, fromFile) => {
    const { resolvedModule } = ts.resolveModuleName(specifier, fromFile, options, ts.sys, cache);
    if (!resolvedModule || resolvedModule.isExternalLibraryImport) return null;
    return path.resolve(resolvedModule.resolvedFileName);
  };
  resolvers.set(tsconfigPath, resolver);
  return resolver;
}

/** The files under `within` that a file on disk imports, kept until the file changes. */
const scanned = new Map();

function dependenciesOnDisk(file, resolve, within) {
  let mtimeMs;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const hit = scanned.get(file);
  if (hit && hit.mtimeMs === mtimeMs && hit.within === within) return hit.dependencies;
  const dependencies = [];
  for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles) {
    const dependency = resolve(fileName, file);
    if (dependency && isInside(dependency, within)) dependencies.push(dependency);
  }
  scanned.set(file, { mtimeMs, within, dependencies });
  return dependencies;
}

/** The module name of an import-like node, when it is a plain string. */
function specifierOf(node) {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
      return node.source?.type === 'Literal' && typeof node.source.value === 'string'
        ? node.source.value
        : null;
    case 'TSImportType': {
      // typescript-eslint 8 puts the string in `argument` (a literal type).
      const literal =
        node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument;
      return literal?.type === 'Literal' && typeof literal.value === 'string'
        ? literal.value
        : null;
    }
    case 'TSImportEqualsDeclaration':
      return node.moduleReference.type === 'TSExternalModuleReference' &&
        node.moduleReference.expression.type === 'Literal'
        ? node.moduleReference.expression.value
        : null;
    default:
      return null;
  }
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles, type-only and dynamic imports included.' },
    schema: [
      {
        type: 'object',
        properties: {
          within: { type: 'string' },
          tsconfig: { type: 'string' },
        },
        required: ['within', 'tsconfig'],
        additionalProperties: false,
      },
    ],
    messages: { cycle: 'Import cycle: {{route}}.' },
  },
  create(context) {
    const { within, tsconfig } = context.options[0];
    const filename = path.resolve(context.physicalFilename);
    if (!isInside(filename, within)) return {};
    const resolve = resolverFor(tsconfig);
    const display = (file) => path.relative(path.dirname(within), file).split(path.sep).join('/');

    // Files already searched without finding this one: no later search need enter them.
    const deadEnds = new Set();

    /** The shortest chain of imports from `start` back to this file, or null. */
    function routeBack(start) {
      if (deadEnds.has(start)) return null;
      const cameFrom = new Map([[start, null]]);
      const queue = [start];
      for (let i = 0; i < queue.length; i += 1) {
        const file = queue[i];
        for (const next of dependenciesOnDisk(file, resolve, within)) {
          if (cameFrom.has(next) || deadEnds.has(next)) continue;
          cameFrom.set(next, file);
          if (next === filename) {
            const route = [];
            for (let step = next; step !== null; step = cameFrom.get(step)) route.unshift(step);
            return route;
          }
          queue.push(next);
        }
      }
      for (const file of queue) deadEnds.add(file);
      return null;
    }

    function check(node) {
      const specifier = specifierOf(node);
      if (specifier === null) return;
      const target = resolve(specifier, filename);
      if (!target || !isInside(target, within) || target === filename) return;
      const route = routeBack(target);
      if (route) {
        context.report({
          node,
          messageId: 'cycle',
          data: { route: [filename, ...route].map(display).join(' → ') },
        });
      }
    }

    return {
      ImportDeclaration: check,
      ExportAllDeclaration: check,
      ExportNamedDeclaration: check,
      ImportExpression: check,
      TSImportType: check,
      TSImportEqualsDeclaration: check,
    };
  },
};
