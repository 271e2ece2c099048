import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '@vaelab/testing';
import { ExperimentStore } from './store.ts';

const run = promisify(execFile);
const hammer = fileURLToPath(new URL('./fixtures/hammer.ts', import.meta.url));

describe('concurrent writers', () => {
  const tempFolder = useTempDirs();

  it('two processes hammering one store never fail with SQLITE_BUSY and claim each run once', async () => {
    const folder = tempFolder();
    const path = join(folder, 'runs.sqlite');
    const store = ExperimentStore.open(path);
    store.upsertSweep({ name: 'hammer', definition: {} });
    const runs = Array.from({ length: 150 }, (_, i) => ({
      configHash: `h${i}`, variant: 'vae', dataset: 'toy', seed: i, profile: 'quick', params: { i },
    }));
    store.scheduleRuns('hammer', runs);
    store.close();

    const node = (id: string) => run(process.execPath, ['--import', 'tsx', hammer, path, id, '200'], { cwd: process.cwd() });
    const [a, b] = await Promise.all([node('1'), node('2')]);
    expect(a.stdout).toMatch(/^ok \d+/);
    expect(b.stdout).toMatch(/^ok \d+/);
    const claimedA = Number(a.stdout.split(' ')[1]);
    const claimedB = Number(b.stdout.split(' ')[1]);
    expect(claimedA + claimedB).toBe(150);

    const check = ExperimentStore.open(path);
    const done = check.listRuns({ sweep: 'hammer' });
    expect(done.every((r) => r.status === 'completed' && r.attempts === 1)).toBe(true);
    expect(done.every((r) => Object.keys(r.summaries).length === 1)).toBe(true);
    expect(check.integrityCheck()).toEqual(['ok']);
    check.close();
  });
});
