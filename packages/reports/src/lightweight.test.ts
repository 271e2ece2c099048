import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureStore } from '@vaelab/testing/reports';

const run = promisify(execFile);

describe('rendering without the trainer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vaelab-reports-light-'));
    (await createFixtureStore(join(dir, 'runs.sqlite'))).close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders pages in a process that never creates a TensorFlow.js engine', async () => {
    // tfjs-core creates its engine (globalThis._tfengine) when it is first imported, so its
    // absence after rendering shows that neither the trainer nor the tfjs runtime was loaded.
    const script = `
      const { ExperimentStore } = await import('@vaelab/tracking');
      const { renderReports } = await import('@vaelab/reports');
      const store = ExperimentStore.open(${JSON.stringify(join(dir, 'runs.sqlite'))}, { readonly: true });
      const written = renderReports(store, { outDir: ${JSON.stringify(join(dir, 'pages'))} });
      store.close();
      console.log(JSON.stringify({ written: written.length, engine: typeof globalThis._tfengine }));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: import.meta.dirname });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ written: 2, engine: 'undefined' });
    expect(readdirSync(join(dir, 'pages')).sort()).toEqual(['beta-demo.html', 'index.html']);
  });
});
