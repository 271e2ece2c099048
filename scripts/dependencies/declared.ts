import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageManifest } from '../workspace.ts';
import { importsOfFiles, isTestOnly, sourceFiles } from './imports.ts';

/** Where a package's code is and what its package.json says. */
export interface PackageSources {
  dir: string;
  manifest: PackageManifest;
  /** Folders of the package holding its code, relative to `dir`. @default ['src'] */
  sourceDirs?: readonly string[];
  /** Files of the package holding code outside those folders (e.g. `vitest.config.ts`). @default [] */
  extraFiles?: readonly string[];
  /**
   * The workspace root's devDependencies: the test runner and its tools, installed once for
   * every package, which tests may import without each package listing them. @default {}
   */
  workspaceDevDependencies?: Record<string, string>;
  /**
   * The workspace root's dependencies. A private package may import the workspace packages among
   * them without listing them: they resolve through the root, and a test-helper package that
   * listed the packages whose tests list it would close a dependency cycle with each. @default {}
   */
  workspaceDependencies?: Record<string, string>;
}

/** Commands that `scripts` run, by the package that provides them (from each package's `bin`). */
function toolsRunByScripts(dir: string, manifest: PackageManifest, candidates: readonly string[]): Set<string> {
  const words = new Set(Object.values((manifest as { scripts?: Record<string, string> }).scripts ?? {}).flatMap((s) => s.split(/[\s&|;()]+/)));
  const used = new Set<string>();
  for (const name of candidates) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (!existsSync(file)) continue;
    const bin = (JSON.parse(readFileSync(file, 'utf8')) as { bin?: string | Record<string, string> }).bin;
    const commands = typeof bin === 'string' ? [name.replace(/^@[^/]+\//, '')] : Object.keys(bin ?? {});
    if (commands.some((c) => words.has(c))) used.add(name);
  }
  return used;
}

/**
 * What a package gets wrong about its dependencies, one line per problem:
 * - code that ships imports a package not in `dependencies` (or `peerDependencies`; for a private
 *   package also a workspace package of the root's `dependencies`);
 * - a test, benchmark or fixture imports a package in none of `dependencies`, `devDependencies`
 *   and the workspace root's `devDependencies`;
 * - `dependencies` lists a package that only tests import (it belongs in `devDependencies`) or
 *   that nothing imports;
 * - `devDependencies` lists a package that nothing imports, whose types (`@types/x`) nothing
 *   imports, and whose command no script runs.
 */
export function dependencyProblems(pkg: PackageSources): string[] {
  const { dir, manifest } = pkg;
  const files = [...(pkg.sourceDirs ?? ['src']).flatMap((d) => (existsSync(join(dir, d)) ? sourceFiles(join(dir, d), dir) : [])), ...(pkg.extraFiles ?? [])];
  const shipped = importsOfFiles(dir, files.filter((f) => !isTestOnly(f)));
  const tests = importsOfFiles(dir, files.filter(isTestOnly));
  // A private package is never installed by anyone: what it lists in either field is there for it.
  const deps = new Set(Object.keys({
    ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies, ...(manifest.private ? manifest.devDependencies : {}),
  }));
  if (manifest.private) {
    for (const name of Object.keys(pkg.workspaceDependencies ?? {})) if (name.startsWith('@vaelab/')) deps.add(name);
  }
  const devDeps = new Set(Object.keys(manifest.devDependencies ?? {}));
  const rootDevDeps = new Set(Object.keys(pkg.workspaceDevDependencies ?? {}));
  const self = manifest.name;
  const problems: string[] = [];
  const first = (users: string[]): string => `${users[0]}${users.length > 1 ? ` (and ${users.length - 1} more)` : ''}`;
  for (const [name, users] of shipped) {
    if (name === self || deps.has(name)) continue;
    problems.push(`${self}: ${first(users)} imports ${name}, which package.json does not list in dependencies${devDeps.has(name) ? ' (it is in devDependencies)' : ''}`);
  }
  for (const [name, users] of tests) {
    if (name === self || deps.has(name) || devDeps.has(name) || rootDevDeps.has(name)) continue;
    problems.push(`${self}: ${first(users)} imports ${name}, which package.json lists in neither dependencies nor devDependencies`);
  }
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (shipped.has(name) || (manifest.private && tests.has(name))) continue;
    problems.push(tests.has(name)
      ? `${self}: dependencies lists ${name}, which only tests import; move it to devDependencies`
      : `${self}: dependencies lists ${name}, which nothing imports`);
  }
  const tools = toolsRunByScripts(dir, manifest, [...devDeps]);
  for (const name of devDeps) {
    const typesOf = name.startsWith('@types/') ? name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2') : undefined;
    const used = shipped.has(name) || tests.has(name) || tools.has(name) || (typesOf !== undefined && (shipped.has(typesOf) || tests.has(typesOf) || typesOf === 'node'));
    if (!used) problems.push(`${self}: devDependencies lists ${name}, which nothing imports and no script runs`);
  }
  return problems;
}
