import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findRepoRoot } from '../paths.ts';
import { useTempDirs } from '@vaelab/testing';
import { testCatalog, testDatasets } from './fixtures/catalog.ts';
import { loadSweepFile, prepareSweep, resolveSweepFile } from './load.ts';

const tiny = fileURLToPath(new URL('./fixtures/tiny-sweep.ts', import.meta.url));

describe('loading sweep files', () => {
  const tempFolder = useTempDirs();

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

  it('loads a sweep file outside any project: @vaelab imports resolve to this installation', async () => {
    const folder = tempFolder();
    // No package.json and no node_modules above the temporary directory: Node alone finds nothing.
    writeFileSync(join(folder, 'shared.ts'), "import { defineSweep } from '@vaelab/experiments';\nexport const grid: Record<string, number[]> = defineSweep({ name: 'g', dataset: 'toy', variants: ['beta-vae'], grid: { beta: [1, 3] } }).grid!;\n");
    const file = join(folder, 'elsewhere.ts');
    writeFileSync(file, [
      "import { defineSweep } from '@vaelab/experiments';",
      "import { grid } from './shared.ts';",
      "export default defineSweep({ name: 'elsewhere', dataset: 'toy', variants: ['beta-vae'], grid, seeds: 2 });",
    ].join('\n'));
    const prepared = await prepareSweep(file, { catalog: testCatalog, datasets: testDatasets, cwd: folder });
    expect(prepared.definition.name).toBe('elsewhere');
    expect(prepared.runs.map((r) => r.params.beta)).toEqual([1, 1, 3, 3]);
    const unknown = join(folder, 'unknown.ts');
    writeFileSync(unknown, "import { nothing } from '@vaelab/no-such-package';\nexport default nothing;\n");
    await expect(loadSweepFile(unknown)).rejects.toThrow(/unknown\.ts: cannot load: .*@vaelab\/no-such-package/);
  });

  it('turns syntax errors, failing imports and a missing default export into messages naming the file', async () => {
    const folder = tempFolder();
    const write = (name: string, text: string): string => {
      const file = join(folder, name);
      writeFileSync(file, text);
      return file;
    };
    const syntax = write('syntax.ts', 'export default { name: "x", grid: { beta: [1, 2 } };\n');
    await expect(loadSweepFile(syntax)).rejects.toThrow(new RegExp(`^${syntax}: syntax error: .*syntax\\.ts:1:\\d+: ERROR:`));
    const imports = write('imports.ts', "import { nothing } from './missing.ts';\nexport default { nothing };\n");
    await expect(loadSweepFile(imports)).rejects.toThrow(new RegExp(`^${imports}: cannot load: .*missing`));
    const named = write('named.ts', 'export const sweep = { name: "x" };\n');
    await expect(loadSweepFile(named)).rejects.toThrow(/named\.ts: no default export/);
    await expect(loadSweepFile(join(folder, 'none.ts'))).rejects.toThrow(/none\.ts: no such sweep file/);
  });
});
