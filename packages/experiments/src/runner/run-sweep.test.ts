import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExperimentStore } from '@vaelab/tracking';
import { testCatalog, testDatasets } from '../sweep/fixtures/catalog.ts';
import { validateSweep } from '../sweep/validate.ts';
import { useTempStores } from '@vaelab/testing';
import type { SweepEvent } from './events.ts';
import { runSweep } from './run-sweep.ts';

const sleepy = fileURLToPath(new URL('./fixtures/sleepy-executor.ts', import.meta.url));
const prepare = (def: Record<string, unknown>) =>
  validateSweep({ name: 'tiny', dataset: 'toy', variants: ['beta-vae'], base: { steps: 4, sleepMs: 10 }, ...def }, { catalog: testCatalog, datasets: testDatasets });

describe('runSweep', () => {
  const storePath = useTempStores();

  it('writes runs, params, series, summaries and artifacts; a rerun executes nothing', async () => {
    const path = storePath();
    const sweep = prepare({ grid: { beta: [1, 4] }, metrics: ['disentanglement'] });
    const events: SweepEvent[] = [];
    const first = await runSweep({ sweep, storePath: path, workers: 2, executor: sleepy, onProgress: (e) => events.push(e), handleSignals: false });
    expect(first).toMatchObject({ total: 2, skipped: 0, pending: 2, interrupted: false, workerCrashes: 0, problems: [] });
    expect(first.counts.completed).toBe(2);
    expect(events.filter((e) => e.type === 'run-start')).toHaveLength(2);
    expect(events.some((e) => e.type === 'run-progress' && e.totalSteps === 4)).toBe(true);

    const store = ExperimentStore.open(path);
    const runs = store.listRuns({ sweep: 'tiny' });
    expect(runs.map((r) => [r.status, r.params.beta, r.seed, r.attempts, r.backend])).toEqual([['completed', 1, 0, 1, 'test'], ['completed', 4, 0, 1, 'test']]);
    expect(runs[1].params).toEqual({ beta: 4, sleepMs: 10, steps: 4 });
    expect(runs[1].summaries).toEqual({ active_units: 3, 'kl/dim0': 4, mig: 0.4 });
    expect(runs[0].configHash).toBe(sweep.runs[0].configHash);
    expect(runs.every((r) => r.pid !== process.pid && r.workerId !== null && r.durationMs! >= 0)).toBe(true);
    expect(store.getSeries(runs[1].id, 'loss').map((p) => p.step)).toEqual([1, 2, 3, 4]);
    expect(store.getSeries(runs[1].id, 'kl').map((p) => p.value)).toEqual([4, 8, 12, 16]);
    expect(store.listArtifacts(runs[0].id).map((a) => [a.name, a.kind, a.mime])).toEqual([['config.json', 'json', 'application/json'], ['samples.png', 'png', 'image/png']]);
    expect(JSON.parse(new TextDecoder().decode(store.getArtifact(runs[0].id, 'config.json')!.bytes))).toEqual(runs[0].params);
    expect(store.getArtifact(runs[0].id, 'samples.png')!.size).toBe(8);
    expect(store.getSweep('tiny')!.definition).toMatchObject({ grid: { beta: [1, 4] } });
    const counts = ['params', 'series', 'summaries', 'artifacts'].map((t) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n);
    store.close();

    const again: SweepEvent[] = [];
    const second = await runSweep({ sweep, storePath: path, workers: 2, executor: sleepy, onProgress: (e) => again.push(e), handleSignals: false });
    expect(second).toMatchObject({ total: 2, skipped: 2, pending: 0 });
    expect(again.filter((e) => e.type === 'run-start')).toHaveLength(0);
    const check = ExperimentStore.open(path);
    expect(check.listRuns().map((r) => r.attempts)).toEqual([1, 1]);
    expect(['params', 'series', 'summaries', 'artifacts'].map((t) => (check.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n)).toEqual(counts);
    check.close();
  });

  it('records a diverged run with its step and a failed run with its message, and finishes the others', async () => {
    const path = storePath();
    const sweep = prepare({ variants: ['vae'], zip: { nan: [false, true, false], fail: [false, false, true] } });
    const result = await runSweep({ sweep, storePath: path, workers: 2, executor: sleepy, handleSignals: false });
    expect(result.counts).toMatchObject({ completed: 1, diverged: 1, failed: 1 });
    expect(result.problems.map((p) => [p.status, p.divergedStep, p.error])).toEqual([
      ['diverged', 2, 'loss is NaN'],
      ['failed', null, 'boom at step 2 (seed 0)'],
    ]);
    const store = ExperimentStore.open(path);
    const diverged = store.listRuns({ status: 'diverged' })[0];
    expect(store.getSeries(diverged.id, 'loss').map((p) => p.step)).toEqual([1, 2]);
    expect(Number.isNaN(store.getSeries(diverged.id, 'loss')[1].value)).toBe(true);
    store.close();
  });

  it('stops on abort: running runs become interrupted and the next start redoes them', async () => {
    const path = storePath();
    const sweep = prepare({ base: { steps: 15, sleepMs: 20 }, grid: { beta: [1, 2] } });
    const abort = new AbortController();
    const result = await runSweep({
      sweep, storePath: path, workers: 1, executor: sleepy, handleSignals: false, signal: abort.signal,
      onProgress: (e) => { if (e.type === 'run-progress' && e.step >= 3) abort.abort(); },
    });
    expect(result.interrupted).toBe(true);
    expect(result.counts.interrupted).toBeGreaterThanOrEqual(1);
    expect(result.counts.running).toBe(0);
    const resumed = await runSweep({ sweep: prepare({ base: { steps: 15, sleepMs: 20 }, grid: { beta: [1, 2] } }), storePath: path, workers: 2, executor: sleepy, handleSignals: false });
    expect(resumed.counts.completed).toBe(2);
    const store = ExperimentStore.open(path);
    expect(store.listRuns().every((r) => r.status === 'completed' && store.getSeries(r.id, 'loss').length === 15)).toBe(true);
    store.close();
  });

  it('with crash retries off, a worker killed with SIGKILL leaves its run interrupted, the others finish, and the next start redoes it', async () => {
    const path = storePath();
    // The first run is slow (6 x 150 ms), so its worker is surely still in it when killed.
    const sweep = prepare({ base: { steps: 6 }, zip: { beta: [1, 2, 3], sleepMs: [150, 10, 10] } });
    let killed: number | undefined;
    const result = await runSweep({
      sweep, storePath: path, workers: 2, executor: sleepy, handleSignals: false, crashRetries: 0,
      onProgress: (e) => {
        if (killed === undefined && e.type === 'run-progress' && e.runId === 1 && e.step >= 1) {
          const store = ExperimentStore.open(path, { readonly: true });
          killed = e.runId;
          process.kill(store.getRun(e.runId)!.pid!, 'SIGKILL');
          store.close();
        }
      },
    });
    expect(result.problems.map((p) => [p.runId, p.status, p.error])).toEqual([[killed, 'interrupted', expect.stringMatching(/exited with SIGKILL/)]]);
    expect(result.workerCrashes).toBe(1);
    expect(result.counts).toMatchObject({ completed: 2, interrupted: 1 });
    expect(result.problems[0]).toMatchObject({ runId: killed, status: 'interrupted' });
    expect(result.problems[0].error).toMatch(/exited with SIGKILL/);
    const resumed = await runSweep({ sweep, storePath: path, workers: 1, executor: sleepy, handleSignals: false });
    expect(resumed).toMatchObject({ skipped: 2, pending: 1 });
    expect(resumed.counts.completed).toBe(3);
  });
});
