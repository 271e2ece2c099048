import { describe, expect, it } from 'vitest';
import { aggregate, aggregateSummaries, groupBy, mean, median, std } from './stats.ts';
import { configurationAggregates } from './sections/runs-table.ts';
import type { ReportRun } from './sweep-data.ts';

describe('seed aggregation', () => {
  it('computes mean and sample standard deviation over the finite values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(std([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 8);
    expect(std([3])).toBe(0);
    expect(Number.isNaN(mean([]))).toBe(true);
    expect(median([5, 1, NaN, 3])).toBe(3);
    expect(aggregate([1, undefined, NaN, 3])).toEqual({ mean: 2, std: Math.SQRT2, n: 2 });
  });

  it('groups keep first-seen order', () => {
    expect(groupBy([3, 1, 4, 1, 5], (v) => String(v % 2)).map((g) => g.runs)).toEqual([[3, 1, 1, 5], [4]]);
  });

  it('aggregates every metric per configuration over its seeds, leaving missing values out', () => {
    const run = (id: number, beta: number, seed: number, summaries: Record<string, number>): ReportRun => ({
      id, sweep: 's', configHash: String(id), ordinal: id, variant: 'beta-vae', dataset: 'mnist', seed, profile: 'quick', status: 'completed',
      error: null, divergedStep: null, startedAt: null, endedAt: null, durationMs: null, host: null, pid: null, backend: null, gitCommit: null,
      workerId: null, attempts: 1, params: { beta, seed }, summaries, series: {}, artifacts: [], configKey: `b${beta}`, configLabel: `beta=${beta}`,
    });
    const runs = [run(1, 1, 0, { mig: 0.1, kl: 5 }), run(2, 1, 1, { mig: 0.3 }), run(3, 4, 0, { mig: 0.5, kl: 2 }), run(4, 4, 1, { mig: 0.7, kl: 4 })];
    const aggs = configurationAggregates({ runs }, ['mig', 'kl']);
    expect(aggs.map((a) => [a.label, a.seeds])).toEqual([['beta=1', [0, 1]], ['beta=4', [0, 1]]]);
    expect(aggs[0].summaries.mig.mean).toBeCloseTo(0.2);
    expect(aggs[0].summaries.mig.std).toBeCloseTo(Math.sqrt(0.02));
    expect(aggs[0].summaries.kl).toEqual({ mean: 5, std: 0, n: 1 });
    expect(aggs[1].summaries.kl).toEqual({ mean: 3, std: Math.SQRT2, n: 2 });
    expect(aggregateSummaries(runs.slice(0, 2), ['absent']).absent.n).toBe(0);
  });
});
