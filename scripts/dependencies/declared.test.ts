import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publicPackages, workspacePackages } from '../workspace.ts';
import type { PackageManifest } from '../workspace.ts';
import { dependencyProblems } from './declared.ts';
import { importsOf, packageOf } from './imports.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

describe('reading imports', () => {
  it('finds every form that loads a package, by package name', () => {
    // In a text file, so that the workspace's own scan does not read these lines as imports of this folder.
    const source = readFileSync(new URL('./fixtures/imports.txt', import.meta.url), 'utf8');
    expect(importsOf(source)).toEqual([
      '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-core', '@vaelab/experiments', 'better-sqlite3', 'chart.js', 'fast-png', 'tsx', 'zod',
    ]);
  });

  it('ignores examples in comments', () => {
    expect(importsOf(readFileSync(new URL('./fixtures/comments.txt', import.meta.url), 'utf8'))).toEqual([]);
  });

  it('names the package of a specifier, or none for relative paths and built-ins', () => {
    expect(packageOf('@vaelab/experiments/variants')).toBe('@vaelab/experiments');
    expect(packageOf('chart.js/dist/chart.umd.js')).toBe('chart.js');
    expect(packageOf('../x.ts')).toBeUndefined();
    expect(packageOf('node:fs')).toBeUndefined();
    expect(packageOf('child_process')).toBeUndefined();
  });
});

describe('declared dependencies', () => {
  it('every package lists exactly what its code imports: shipped code in dependencies, tests in devDependencies', () => {
    const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageManifest;
    const problems = workspacePackages(root).flatMap((p) => dependencyProblems({ ...p, workspaceDevDependencies: rootManifest.devDependencies, workspaceDependencies: rootManifest.dependencies }));
    expect(problems).toEqual([]);
  });

  it('the workspace root lists what bench/, experiments/ and scripts/ import and the tools its scripts run', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageManifest;
    expect(dependencyProblems({ dir: root, manifest: { ...manifest, name: 'vaelab (root)' }, sourceDirs: ['bench', 'experiments', 'scripts'], extraFiles: ['vitest.config.ts'] })).toEqual([]);
  });

  it("each public package's build references exactly its vaelab dependencies, and the root build lists every public package", () => {
    const dirOf = new Map(workspacePackages(root).map((p) => [p.manifest.name, p.dir]));
    const problems: string[] = [];
    const referencesOf = (file: string): string[] =>
      ((JSON.parse(readFileSync(file, 'utf8')) as { references?: { path: string }[] }).references ?? []).map((r) => resolve(join(file, '..'), r.path)).sort();
    for (const pkg of publicPackages(root)) {
      const expected = Object.keys(pkg.manifest.dependencies ?? {}).filter((d) => dirOf.has(d)).map((d) => join(dirOf.get(d)!, 'tsconfig.build.json')).sort();
      const actual = referencesOf(join(pkg.dir, 'tsconfig.build.json'));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        problems.push(`${pkg.manifest.name}: tsconfig.build.json references [${actual.map((a) => a.split('/').at(-2)).join(', ')}], its dependencies are [${expected.map((a) => a.split('/').at(-2)).join(', ')}]`);
      }
    }
    const solution = referencesOf(join(root, 'tsconfig.build.json'));
    for (const pkg of publicPackages(root)) {
      if (!solution.includes(join(pkg.dir, 'tsconfig.build.json'))) problems.push(`tsconfig.build.json does not build ${pkg.manifest.name}`);
    }
    expect(problems).toEqual([]);
  });
});
