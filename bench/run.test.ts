import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

describe('pnpm bench', () => {
  // `pnpm bench` runs under tsx outside vitest: a module that only vitest can load (a test
  // helper, tfjs-core's directory imports) breaks every benchmark at once.
  it('loads every benchmark module under tsx and lists the registered benchmarks', () => {
    const out = execFileSync(process.execPath, [tsx, 'bench/run.ts', '--list'], { cwd: root, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(expect.arrayContaining(['quick-beta', 'classic-vae', 'beta-vae', 'hvae', 'kernels', 'sweep', 'memory']));
  });
});
