import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExperimentStore } from '@vaelab/tracking';
import type { RunWithDetails } from '@vaelab/tracking';
import { canMount, smallDisk } from '@vaelab/testing';
import { describe, expect, it } from 'vitest';
import { testCatalog, testDatasets } from '../sweep/fixtures/catalog.ts';
import { validateSweep } from '../sweep/validate.ts';
import type { PreparedSweep } from '../sweep/validate.ts';
import { useTempStores } from '@vaelab/testing';
import type { SweepEvent } from './events.ts';
import { summarize } from './progress.ts';
import { runSweep } from './run-sweep.ts';

const sleepy = fileURLToPath(new URL('./fixtures/sleepy-executor.ts', import.meta.url));

function sweepOf(name: string, base: Record<string, unknown>, betas: number[]): PreparedSweep {
  return validateSweep({ name, dataset: 'toy', variants: ['beta-vae'], base, grid: { beta: betas } }, { catalog: testCatalog, datasets: testDatasets });
}

function listRuns(path: string): (RunWithDetails & { artifacts: string[] })[] {
  const store = ExperimentStore.open(path, { readonly: true });
  try {
    return store.listRuns().map((r) => ({ ...r, artifacts: store.listArtifacts(r.id).map((a) => a.name) }));
  } finally {
    store.close();
  }
}

describe('a sweep that loses workers or its disk', () => {
  const storePath = useTempStores();

  it('retries a run whose worker was killed in a replacement worker, reports it, and reports the real time the lost attempt ran', async () => {
    const path = storePath();
    const events: SweepEvent[] = [];
    let killed = 0;
    const result = await runSweep({
      sweep: sweepOf('killed', { steps: 12, sleepMs: 40 }, [1, 2, 3]), storePath: path, workers: 2, executor: sleepy, handleSignals: false,
      onProgress: (event) => {
        events.push(event);
        // SIGKILL the worker of the first run once it is a few steps in, as the kernel's OOM killer would.
        if (event.type === 'run-progress' && event.step >= 4 && killed === 0) {
          killed = event.runId;
          const run = listRuns(path).find((r) => r.id === event.runId)!;
          process.kill(run.pid!, 'SIGKILL');
        }
      },
    });
    expect(killed).toBeGreaterThan(0);
    expect(result.counts.completed).toBe(3);
    expect(result.workerCrashes).toBe(1);
    expect(result.retried).toMatchObject([{ runId: killed, retries: 1, reason: expect.stringMatching(/exited with SIGKILL/) }]);
    expect(listRuns(path).find((r) => r.id === killed)).toMatchObject({ status: 'completed', attempts: 2 });
    const lost = events.find((e) => e.type === 'run-end' && e.runId === killed && e.status === 'interrupted');
    // At least four steps of 40 ms ran before the kill.
    expect(lost && lost.type === 'run-end' && lost.durationMs).toBeGreaterThanOrEqual(4 * 40);
    expect(events.some((e) => e.type === 'run-retry' && e.runId === killed && e.attempt === 2)).toBe(true);
    expect(summarize(result)).toMatch(new RegExp(`retried +#${killed} .* 1 time after its worker died .*; completed`));
  });

  it('gives up on a run that kills every worker after the bounded retries, and finishes the others', async () => {
    const path = storePath();
    const sweep = validateSweep(
      { name: 'deadly', dataset: 'toy', variants: ['beta-vae'], base: { steps: 4, sleepMs: 5 }, zip: { beta: [1, 2], killWorker: [true, false] } },
      { catalog: testCatalog, datasets: testDatasets },
    );
    const result = await runSweep({ sweep, storePath: path, workers: 1, executor: sleepy, handleSignals: false, crashRetries: 2 });
    const [deadly, fine] = listRuns(path);
    expect(deadly).toMatchObject({ status: 'interrupted', attempts: 3 });
    expect(fine.status).toBe('completed');
    expect(result.retried).toMatchObject([{ runId: deadly.id, retries: 2 }]);
    expect(result.workerCrashes).toBe(3);
  });

  it('a run whose results could not be stored ends interrupted with no artifacts, never failed, and the next start redoes it', async () => {
    const path = storePath();
    const sweep = validateSweep(
      { name: 'nospace', dataset: 'toy', variants: ['beta-vae'], base: { steps: 2, sleepMs: 5 }, zip: { beta: [1, 2, 3], storeFull: [false, true, false] } },
      { catalog: testCatalog, datasets: testDatasets },
    );
    const result = await runSweep({ sweep, storePath: path, workers: 1, executor: sleepy, handleSignals: false });
    expect(result.storeFailure).toBe('database or disk is full');
    const runs = listRuns(path);
    expect(runs.map((r) => r.status)).toEqual(['completed', 'interrupted', 'scheduled']);
    expect(runs[1].error).toMatch(/^interrupted: the store could not be written \(database or disk is full\); redone on the next start$/);
    expect(runs[1].artifacts).toEqual([]);
    expect(summarize(result)).toMatch(/the store could not be written \(database or disk is full\)/);

    const again = await runSweep({ sweep, storePath: path, workers: 1, executor: sleepy, handleSignals: false });
    expect({ skipped: again.skipped, pending: again.pending }).toEqual({ skipped: 1, pending: 2 });
    expect(listRuns(path)[1].attempts).toBe(2);
  });

  // A tmpfs needs root (as in CI); the test above covers the worker's side with an injected error.
  it.skipIf(!canMount)('on a 2 MB disk that fills: no run failed or left running, no half set of artifacts, and after space is freed a rerun finishes the rest', async () => {
    const disk = join(dirname(storePath()), 'disk');
    const release = smallDisk(disk, '2m');
    try {
      const ballast = join(disk, 'ballast.bin');
      writeFileSync(ballast, new Uint8Array(1_000_000));
      const path = join(disk, 'runs.sqlite');
      const sweep = sweepOf('full', { steps: 3, sleepMs: 5, artifactBytes: 100_000 }, [1, 2, 3, 4, 5, 6, 7, 8]);
      const result = await runSweep({ sweep, storePath: path, workers: 2, executor: sleepy, handleSignals: false });
      expect(result.storeFailure).toMatch(/database or disk is full/);
      const runs = listRuns(path);
      expect(runs.filter((r) => r.status === 'completed').length).toBeGreaterThan(0);
      expect(runs.filter((r) => r.status === 'completed').length).toBeLessThan(8);
      expect(runs.map((r) => r.status)).not.toContain('failed');
      expect(runs.map((r) => r.status)).not.toContain('running');
      for (const run of runs) expect(run.artifacts).toEqual(run.status === 'completed' ? ['config.json', 'samples.png', 'weights.bin'] : []);

      rmSync(ballast);
      const rerun = await runSweep({ sweep, storePath: path, workers: 2, executor: sleepy, handleSignals: false });
      expect(rerun.storeFailure).toBeNull();
      expect(rerun.counts.completed).toBe(8);
      expect(rerun.skipped).toBe(runs.filter((r) => r.status === 'completed').length);
    } finally {
      release();
    }
  });
});
