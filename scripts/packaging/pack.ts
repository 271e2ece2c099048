import { mkdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { WorkspacePackage } from '../workspace.ts';
import { run } from './run.ts';

/** A packed package: its tarball and what the tarball holds. */
export interface PackedPackage {
  name: string;
  tarball: string;
  /** Paths inside the package (`dist/index.js`, ...), without tar's `package/` prefix. */
  files: Set<string>;
  manifest: { name: string; exports?: unknown; bin?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  /** The text of a file of the package, read from the unpacked tarball. */
  read(path: string): string;
}

/** `pnpm pack` of one package into `dest` (pnpm applies `publishConfig` and replaces `workspace:` ranges). */
export function packPackage(pkg: WorkspacePackage, dest: string): PackedPackage {
  mkdirSync(dest, { recursive: true });
  const { stdout } = run('pnpm', ['pack', '--pack-destination', dest], { cwd: pkg.dir });
  const tarball = stdout.trim().split('\n').map((l) => l.trim()).filter((l) => l.endsWith('.tgz')).pop();
  if (!tarball) throw new Error(`${pkg.manifest.name}: pnpm pack printed no tarball path:\n${stdout}`);
  const path = tarball.startsWith('/') ? tarball : join(dest, tarball);
  const listing = run('tar', ['-tzf', path], { cwd: dest }).stdout;
  const files = new Set(listing.split('\n').filter(Boolean).map((entry) => entry.replace(/^package\//, '')));
  const unpacked = join(dest, 'unpacked', pkg.manifest.name.replace(/[@/]/g, '_'));
  mkdirSync(unpacked, { recursive: true });
  run('tar', ['-xzf', path, '-C', unpacked, '--strip-components=1'], { cwd: dest });
  const read = (file: string): string => readFileSync(join(unpacked, file), 'utf8');
  const manifest = JSON.parse(read('package.json')) as PackedPackage['manifest'];
  return { name: pkg.manifest.name, tarball: path, files, manifest, read };
}

/** Every string target of an `exports` map (conditions and subpaths, recursively). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports as Record<string, unknown>).flatMap(exportTargets);
}

/** `new URL('<relative path>', import.meta.url)` in emitted JavaScript: files a module reads beside itself. */
const SIBLING_URL = /new URL\(\s*(['"`])(\.{1,2}\/[^'"`$]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * What is wrong with a packed package, one line per problem (empty when nothing is):
 * - `workspace:` ranges left in its dependencies;
 * - `exports` or `bin` targets that are not built JavaScript/declarations inside the tarball;
 * - TypeScript sources, tests, fixtures or build-info files shipped;
 * - a file its JavaScript reads through `new URL('...', import.meta.url)` (a `.wasm` binary, a
 *   data file) that the tarball lacks.
 */
export function tarballProblems(packed: Pick<PackedPackage, 'name' | 'tarball' | 'files' | 'manifest' | 'read'>): string[] {
  const readFile = packed.read;
  const problems: string[] = [];
  const where = `${packed.name} (${posix.basename(packed.tarball)})`;
  for (const [field, ranges] of Object.entries({ dependencies: packed.manifest.dependencies, devDependencies: packed.manifest.devDependencies })) {
    for (const [dep, range] of Object.entries(ranges ?? {})) {
      if (range.startsWith('workspace:')) problems.push(`${where}: ${field}.${dep} is still '${range}'`);
    }
  }
  const targets = exportTargets(packed.manifest.exports);
  if (targets.length === 0) problems.push(`${where}: package.json has no exports`);
  for (const target of targets) {
    const path = posix.normalize(target);
    if (!/^dist\/.*\.(js|d\.ts)$/.test(path)) problems.push(`${where}: exports target ${target} is not built output under dist/`);
    else if (!packed.files.has(path)) problems.push(`${where}: exports target ${target} is missing from the tarball`);
  }
  for (const [name, target] of Object.entries(packed.manifest.bin ?? {})) {
    const path = posix.normalize(target);
    if (!/^dist\/.*\.js$/.test(path)) problems.push(`${where}: bin.${name} is ${target}, not built JavaScript under dist/`);
    else if (!packed.files.has(path)) problems.push(`${where}: bin.${name} target ${target} is missing from the tarball`);
    else if (!readFile(path).startsWith('#!/usr/bin/env node\n')) problems.push(`${where}: bin.${name} (${target}) does not start with '#!/usr/bin/env node'`);
  }
  for (const file of packed.files) {
    // Module code is built JavaScript; other folders (e.g. the C sources of a shipped binary) are the package's own choice.
    if (/^(src|dist)\//.test(file) && /\.(ts|mts|cts)$/.test(file) && !/\.d\.[cm]?ts$/.test(file)) problems.push(`${where}: ships TypeScript source ${file}`);
    if (/\.(test|bench)\.|(^|\/)fixtures\/|\.tsbuildinfo$/.test(file)) problems.push(`${where}: ships ${file}, which is not for users`);
  }
  for (const file of packed.files) {
    if (!/^dist\/.*\.js$/.test(file)) continue;
    for (const match of readFile(file).matchAll(SIBLING_URL)) {
      const needed = posix.normalize(posix.join(posix.dirname(file), match[2]));
      const isDirectory = needed.endsWith('/') || [...packed.files].some((f) => f.startsWith(`${needed}/`));
      if (!isDirectory && !packed.files.has(needed)) problems.push(`${where}: ${file} reads ${match[2]} (${needed}), which is missing from the tarball`);
    }
  }
  return problems;
}
