import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { disentanglementBudgets } from './budgets.ts';
import { disentanglementSuite } from './disentanglement-suite.ts';
import { identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

describe('disentanglementSuite', () => {
  it('runs every metric with the quick budget well within its time, near 1 for the identity code', async () => {
    const sizes = [3, 6, 10, 10];
    const started = performance.now();
    const scores = await disentanglementSuite(
      syntheticFactorDataset(sizes), identityRepresentation(sizes, 0.01, createRng(1)), 'quick',
    );
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);
    const downstream = [10, 100].flatMap((size) => ['gbt', 'lr'].flatMap((kind) => ['min_test_accuracy', 'test_accuracy', 'train_accuracy'].map((what) => `downstream_${kind}_${size}_${what}`)));
    expect(Object.keys(scores).sort()).toEqual([
      'beta_vae_eval_accuracy', 'beta_vae_train_accuracy', 'dci_completeness', 'dci_disentanglement',
      'dci_informativeness_test', 'dci_informativeness_train', ...downstream, 'explicitness_test', 'explicitness_train', 'factor_vae_eval_accuracy',
      'factor_vae_num_active_dims', 'factor_vae_train_accuracy', 'gaussian_total_correlation', 'gaussian_wasserstein_correlation',
      'gaussian_wasserstein_correlation_norm', 'irs', 'irs_active_dims', 'mig', 'modularity', 'mutual_info_score', 'sap',
    ].sort());
    expect(scores.irs).toBeGreaterThanOrEqual(0.9);
    expect(scores.modularity).toBeGreaterThanOrEqual(0.9);
    expect(scores.explicitness_test).toBeGreaterThanOrEqual(0.9);
    expect(scores.downstream_gbt_100_test_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(Math.abs(scores.gaussian_total_correlation)).toBeLessThan(0.05);
    expect(scores.mig).toBeGreaterThanOrEqual(0.9);
    expect(scores.dci_disentanglement).toBeGreaterThanOrEqual(0.9);
    expect(scores.beta_vae_eval_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(scores.factor_vae_eval_accuracy).toBeGreaterThanOrEqual(0.9);
    for (const v of Object.values(scores)) expect(Number.isFinite(v)).toBe(true);
  });

  it('throws a clear error for a dataset without factors', async () => {
    const dataset = { ...syntheticFactorDataset([2, 2]), name: 'mnist/test', factors: undefined };
    await expect(disentanglementSuite(dataset, (_x, n) => new Float32Array(n * 2), 'quick'))
      .rejects.toThrow("dataset 'mnist/test' has no ground-truth factors");
  });

  it('the full budget is disentanglement_lib\'s study configuration', () => {
    expect(disentanglementBudgets.full.factorVae).toMatchObject({ batchSize: 64, numTrain: 10_000, numEval: 5_000, numVarianceEstimate: 10_000, pruneThreshold: 0.05 });
    expect(disentanglementBudgets.full.betaVae).toMatchObject({ batchSize: 64, numTrain: 10_000, numEval: 5_000 });
    expect(disentanglementBudgets.full.mig).toMatchObject({ numTrain: 10_000, numBins: 20 });
    expect(disentanglementBudgets.full.sap).toMatchObject({ numTrain: 10_000, numTest: 5_000, continuousFactors: false });
    expect(disentanglementBudgets.full.dci).toMatchObject({ numTrain: 10_000, numTest: 5_000 });
    expect(disentanglementBudgets.full.irs).toMatchObject({ numTrain: 10_000, diffQuantile: 0.99, numBins: 20 });
    expect(disentanglementBudgets.full.modularity).toMatchObject({ numTrain: 10_000, numTest: 5_000, numBins: 20 });
    expect(disentanglementBudgets.full.unsupervised).toMatchObject({ numTrain: 10_000, numBins: 20 });
    expect(disentanglementBudgets.full.downstream).toMatchObject({ numTrain: [10, 100, 1_000, 10_000], numTest: 5_000 });
  });
});
