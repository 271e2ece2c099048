import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findRepoRoot } from '../paths.ts';
import { tempDir } from '../testing.ts';
import { testCatalog, testDatasets } from './fixtures/catalog.ts';
import { loadSweepFile, prepareSweep, resolveSweepFile } from './load.ts';

const tiny = fileURLToPath(new URL('./fixtures/tiny-sweep.ts', import.meta.url));

describe('loading sweep files', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('resolves names under experiments/ at the repository root, and paths from cwd', () => {
    const root = findRepoRoot();
    expect(resolveSweepFile('beta')).toBe(join(root, 'experiments', 'beta.ts'));
    expect(resolveSweepFile('sweeps/beta.ts', '/data')).toBe('/data/sweeps/beta.ts');
    expect(resolveSweepFile('beta.ts', '/data')).toBe('/data/beta.ts');
  });

  it('loads a file that imports defineSweep from @vaelab/experiments and validates it', async () => {
    const prepared = await prepareSweep(tiny, { catalog: testCatalog, datasets: testDatasets, profile: 'full' });
    expect(prepared.file).toBe(tiny);
    expect(prepared.definition.name).toBe('tiny');
    expect(prepared.runs).toHaveLength(5 * 3);
    expect(prepared.metrics).toEqual(['disentanglement', 'collapse']);
  });

  it('turns syntax errors, failing imports and a missing default export into messages naming the file', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const write = (name: string, text: string): string => {
      const file = join(tmp.dir, name);
      writeFileSync(file, text);
      return file;
    };
    const syntax = write('syntax.ts', 'export default { name: "x", grid: { beta: [1, 2 } };\n');
    await expect(loadSweepFile(syntax)).rejects.toThrow(new RegExp(`^${syntax}: syntax error: .*syntax\\.ts:1:\\d+: ERROR:`));
    const imports = write('imports.ts', "import { nothing } from './missing.ts';\nexport default { nothing };\n");
    await expect(loadSweepFile(imports)).rejects.toThrow(new RegExp(`^${imports}: cannot load: .*missing`));
    const named = write('named.ts', 'export const sweep = { name: "x" };\n');
    await expect(loadSweepFile(named)).rejects.toThrow(/named\.ts: no default export/);
    await expect(loadSweepFile(join(tmp.dir, 'none.ts'))).rejects.toThrow(/none\.ts: no such sweep file/);
  });
});
