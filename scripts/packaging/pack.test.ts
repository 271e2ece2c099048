import { describe, expect, it } from 'vitest';
import { tarballProblems } from './pack.ts';
import type { PackedPackage } from './pack.ts';

/** A packed package made of the given files (path -> text). */
function packed(files: Record<string, string>, manifest: Partial<PackedPackage['manifest']> = {}): PackedPackage {
  return {
    name: '@vaelab/demo',
    tarball: '/tmp/vaelab-demo-0.1.0.tgz',
    files: new Set(Object.keys(files)),
    manifest: { name: '@vaelab/demo', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } }, ...manifest },
    read: (path) => {
      if (!(path in files)) throw new Error(`read of a file not in the tarball: ${path}`);
      return files[path];
    },
  };
}

const good = { 'package.json': '{}', 'dist/index.js': 'export const x = 1;\n', 'dist/index.d.ts': 'export declare const x = 1;\n' };

describe('tarball problems', () => {
  it('accepts built output whose exports resolve inside the tarball', () => {
    expect(tarballProblems(packed(good))).toEqual([]);
  });

  it('names exports that point at sources or at files the tarball lacks', () => {
    const problems = tarballProblems(packed(good, { exports: { '.': { types: './src/index.ts', import: './dist/main.js' } } }));
    expect(problems).toEqual([
      '@vaelab/demo (vaelab-demo-0.1.0.tgz): exports target ./src/index.ts is not built output under dist/',
      '@vaelab/demo (vaelab-demo-0.1.0.tgz): exports target ./dist/main.js is missing from the tarball',
    ]);
  });

  it('names shipped TypeScript sources, tests and fixtures, and leftover workspace ranges', () => {
    const problems = tarballProblems(packed(
      { ...good, 'src/index.ts': '', 'dist/a.test.js': '', 'dist/fixtures/x.js': '' },
      { dependencies: { '@vaelab/core': 'workspace:*' } },
    ));
    expect(problems.map((p) => p.replace(/^.*?: /, ''))).toEqual([
      "dependencies.@vaelab/core is still 'workspace:*'",
      'ships TypeScript source src/index.ts',
      'ships dist/a.test.js, which is not for users',
      'ships dist/fixtures/x.js, which is not for users',
    ]);
  });

  it('names a binary the code reads beside itself that was not packed, e.g. a .wasm kernel', () => {
    const loader = "const BINARY_URL = new URL('../../wasm/kernels.wasm', import.meta.url);\n";
    const withLoader = { ...good, 'dist/kernels/loader.js': loader };
    expect(tarballProblems(packed(withLoader))).toEqual([
      '@vaelab/demo (vaelab-demo-0.1.0.tgz): dist/kernels/loader.js reads ../../wasm/kernels.wasm (wasm/kernels.wasm), which is missing from the tarball',
    ]);
    expect(tarballProblems(packed({ ...withLoader, 'wasm/kernels.wasm': '' }))).toEqual([]);
  });

  it('requires a bin to be built JavaScript with a node shebang', () => {
    expect(tarballProblems(packed({ ...good, 'dist/bin.js': '#!/usr/bin/env -S npx tsx\n' }, { bin: { vaelab: './dist/bin.js' } })))
      .toEqual(["@vaelab/demo (vaelab-demo-0.1.0.tgz): bin.vaelab (./dist/bin.js) does not start with '#!/usr/bin/env node'"]);
    expect(tarballProblems(packed(good, { bin: { vaelab: './src/bin.ts' } })).map((p) => p.replace(/^.*?: /, '')))
      .toEqual(['bin.vaelab is ./src/bin.ts, not built JavaScript under dist/']);
    expect(tarballProblems(packed({ ...good, 'dist/bin.js': '#!/usr/bin/env node\nawait main();\n' }, { bin: { vaelab: './dist/bin.js' } }))).toEqual([]);
  });
});
