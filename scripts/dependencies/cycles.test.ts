import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workspacePackages } from '../workspace.ts';
import type { PackageManifest } from '../workspace.ts';
import { dependencyCycles } from './cycles.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const pkg = (name: string, fields: Partial<PackageManifest> = {}) => ({ dir: `/w/${name}`, manifest: { name, version: '0.0.0', ...fields } });

describe('workspace dependency cycles', () => {
  it('finds the packages in a circle through any dependency field, and none in a one-way graph', () => {
    const star = '*';
    expect(dependencyCycles([
      pkg('a', { dependencies: { b: star } }),
      pkg('b', { devDependencies: { c: star }, dependencies: { zod: star } }),
      pkg('c', { peerDependencies: { a: star } }),
      pkg('d', { optionalDependencies: { e: star } }),
      pkg('e', { devDependencies: { d: star } }),
      pkg('f', { dependencies: { a: star } }),
    ])).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    expect(dependencyCycles([pkg('a', { dependencies: { b: star, c: star } }), pkg('b', { devDependencies: { c: star } }), pkg('c')])).toEqual([]);
  });

  it('the workspace has none: pnpm installs without warning about cyclic workspace dependencies', () => {
    expect(dependencyCycles(workspacePackages(root)).map((group) => group.join(', '))).toEqual([]);
  });
});
