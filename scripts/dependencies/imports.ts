import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

/**
 * Module specifiers of a TypeScript or JavaScript source, from the forms that load a package at
 * run time or for types: `import ... from` and `export ... from` statements, `import '...'`
 * statements, `import('...')`,
 * `require('...')` and `require.resolve('...')` / `createRequire(...).resolve('...')` (how a
 * package's files are located, e.g. tsx as a loader or chart.js's bundle) and a loader named in
 * a child's arguments (`'--import', 'tsx'`). Specifiers that are
 * not string literals (a backend chosen at run time) cannot be known and are not reported.
 */
const FORMS: readonly RegExp[] = [
  /^\s*(?:import|export)\s+[\w*{}\s,$]*?\bfrom\s*(['"])([^'"]+)\1/gm,
  /^\s*import\s*(['"])([^'"]+)\1/gm,
  /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g,
  /\brequire(?:\.resolve)?\(\s*(['"])([^'"]+)\1\s*\)/g,
  /\)\.resolve\(\s*(['"])([^'"]+)\1\s*\)/g,
  /(['"])--import\1\s*,\s*(['"])([^'"]+)\2/g,
];

/** `@scope/name/sub/path` -> `@scope/name`; `name/sub` -> `name`; relative, absolute, `node:` and built-in specifiers -> undefined. */
export function packageOf(specifier: string): string | undefined {
  if (/^[./]/.test(specifier) || specifier.startsWith('node:') || /^[a-z]+:/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtinModules.includes(name) ? undefined : name;
}

/** Strips comments, so that examples in JSDoc (`import { BetaVAE } from '@vaelab/beta-vae'`) are not read as imports. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * The packages one source text imports, sorted. Type-only imports count: a published declaration
 * that names a package's types needs that package installed.
 */
export function importsOf(source: string): string[] {
  const text = withoutComments(source);
  const found = new Set<string>();
  for (const form of FORMS) {
    for (const match of text.matchAll(form)) {
      const name = packageOf(match[match.length - 1]);
      if (name) found.add(name);
    }
  }
  return [...found].sort();
}

/** Source files under `dir` (recursively; `node_modules` and `dist` left out), as paths relative to `base`. */
export function sourceFiles(dir: string, base: string = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path, base));
    else if (/\.[cm]?[tj]s$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) out.push(relative(base, path));
  }
  return out.sort();
}

/** Whether a file is used only by tests: test files, benchmarks and fixtures. */
export function isTestOnly(path: string): boolean {
  return /\.(test|bench)\.[cm]?[tj]s$/.test(path) || /(^|\/)fixtures\//.test(path);
}

/** Every package a set of files imports, with the files that import it. */
export function importsOfFiles(root: string, files: readonly string[]): Map<string, string[]> {
  const byPackage = new Map<string, string[]>();
  for (const file of files) {
    for (const packageName of importsOf(readFileSync(join(root, file), 'utf8'))) {
      byPackage.set(packageName, [...(byPackage.get(packageName) ?? []), file]);
    }
  }
  return byPackage;
}
