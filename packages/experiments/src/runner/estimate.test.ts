import { describe, expect, it } from 'vitest';
import type { RunWithDetails } from '@vaelab/tracking';
import { describeEstimate, estimateSweepDuration, observedMeasureShare } from './estimate.ts';
import type { RunToEstimate } from './estimate.ts';

const mlp = { kind: 'mlp', hidden: [256] };

/** A finished run of the store as `listRuns` returns it. */
function earlierRun(variant: string, params: RunWithDetails['params'], summaries: Record<string, number>, status: RunWithDetails['status'] = 'completed'): RunWithDetails {
  return {
    id: 1, sweep: 's', configHash: 'h', ordinal: 0, variant, dataset: 'dsprites', seed: 0, profile: 'quick', status, error: null, divergedStep: null,
    startedAt: 0, endedAt: 1, durationMs: 1, host: null, pid: null, backend: 'wasm', gitCommit: null, workerId: null, attempts: 1, params, summaries,
  };
}

const toDo = (count: number, samples: number | undefined, variant = 'vae', params: RunToEstimate['params'] = { architecture: mlp, beta: 4 }): RunToEstimate[] =>
  Array.from({ length: count }, () => ({ variant, params, samples }));

describe('estimateSweepDuration', () => {
  it('without earlier runs: the assumed throughput, the default measuring share, runs dealt to two workers', () => {
    // 3 runs of 180,000 examples at 3,000/s: 60 s of training each, measuring 10%: 60 / 0.9 = 66.7 s.
    // Two workers: one takes runs 1 and 3, 133.3 s.
    const estimate = estimateSweepDuration(toDo(3, 180_000), { workers: 2, earlier: [] });
    expect(estimate.seconds).toBeCloseTo(400 / 3, 9);
    expect(estimate).toMatchObject({ runs: 3, workers: 2, assumed: { runs: 3, samplesPerSecond: 3000 }, fromStore: { runs: 0 }, unknown: 0 });
    expect(describeEstimate(estimate)).toBe('estimate: 3 runs on 2 workers, about 2m13s (assumed 3,000 samples/s per worker, no earlier run in this store, measuring 10% of each run)');
  });

  it('with earlier runs of the same kind: their pooled throughput and mean measuring time', () => {
    // 10 s at 1,000/s and 10 s at 2,000/s: 30,000 examples in 20 s, 1,500/s; measuring 4 s and 6 s: 5 s.
    const earlier = [
      earlierRun('vae', { architecture: mlp, beta: 1 }, { samples_per_second: 1000, train_seconds: 10, measure_seconds: 4 }),
      earlierRun('vae', { architecture: mlp, beta: 8 }, { samples_per_second: 2000, train_seconds: 10, measure_seconds: 6 }),
      earlierRun('vae', { architecture: mlp, beta: 2 }, { samples_per_second: 10, train_seconds: 10, measure_seconds: 600 }, 'failed'),
    ];
    // 4 runs of 30,000 examples: 20 s + 5 s each; two per worker: 50 s.
    const estimate = estimateSweepDuration(toDo(4, 30_000), { workers: 2, earlier });
    expect(estimate.seconds).toBeCloseTo(50, 9);
    expect(estimate.fromStore).toEqual({ runs: 4, earlierRuns: 2, samplesPerSecond: [1500] });
    expect(describeEstimate(estimate)).toBe('estimate: 4 runs on 2 workers, about 50s (from 2 earlier runs of the same variant and architecture in this store at 1,500 samples/s per worker)');
  });

  it('another architecture or variant is not evidence: those runs are assumed, and the line says which are which', () => {
    const earlier = [earlierRun('vae', { architecture: mlp }, { samples_per_second: 1000, train_seconds: 30, measure_seconds: 10 })];
    const runs = [...toDo(1, 3000), ...toDo(1, 3000, 'vae', { architecture: { kind: 'conv' } }), ...toDo(1, 3000, 'factor-vae')];
    // Store share: 10 / 40 = 25%. Known kind: 3 s + 10 s; the others: 1 s / 0.75. One worker runs all.
    const estimate = estimateSweepDuration(runs, { workers: 1, earlier });
    expect(estimate.seconds).toBeCloseTo(13 + 2 / 0.75, 9);
    expect(estimate.measureShare).toBeCloseTo(0.25, 12);
    expect(describeEstimate(estimate)).toBe('estimate: 3 runs on 1 worker, about 16s (1 from 1 earlier run of the same variant and architecture in this store at 1,000 samples/s per worker; 2 at an assumed 3,000 samples/s per worker, no earlier run of their kind in this store, measuring 25% of each run)');
  });

  it('deals runs in order to the worker that frees first, as the pool claims them', () => {
    const earlier = [earlierRun('vae', { architecture: mlp }, { samples_per_second: 1, train_seconds: 1, measure_seconds: 0 })];
    const runs = [10, 1, 1, 1, 4].map((samples) => ({ variant: 'vae', params: { architecture: mlp }, samples }));
    // Worker A: 10. Worker B: 1, 1, 1, then the 4 at t = 3: 7. The sweep ends at 10.
    expect(estimateSweepDuration(runs, { workers: 2, earlier }).seconds).toBe(10);
    // More workers than runs: each run on its own, the longest decides.
    expect(estimateSweepDuration(runs, { workers: 64, earlier })).toMatchObject({ seconds: 10, workers: 5 });
  });

  it('a run trained by epochs with nothing to learn from is left out and said so', () => {
    const estimate = estimateSweepDuration([...toDo(1, undefined), ...toDo(1, 30_000)], { workers: 2, earlier: [] });
    expect(estimate).toMatchObject({ runs: 1, unknown: 1 });
    expect(describeEstimate(estimate)).toMatch(/; 1 run trained by epochs left out/);
  });
});

describe('observedMeasureShare', () => {
  it('pools the completed runs that recorded both times; none gives undefined', () => {
    const runs = [
      earlierRun('vae', {}, { train_seconds: 30, measure_seconds: 10 }),
      earlierRun('vae', {}, { train_seconds: 50, measure_seconds: 10 }),
      earlierRun('vae', {}, { train_seconds: 50 }),
      earlierRun('vae', {}, { train_seconds: 1, measure_seconds: 100 }, 'interrupted'),
    ];
    expect(observedMeasureShare(runs)).toBeCloseTo(20 / 100, 12);
    expect(observedMeasureShare(runs.slice(2))).toBeUndefined();
  });
});
