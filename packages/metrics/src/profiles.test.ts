import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { disentanglementSuite, profiles } from './profiles.ts';
import { identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

describe('disentanglementSuite', () => {
  it('runs all five metrics with the quick profile well within the time budget', async () => {
    const sizes = [3, 6, 10, 10];
    const started = performance.now();
    const scores = await disentanglementSuite(
      syntheticFactorDataset(sizes), identityRepresentation(sizes, 0.01, createRng(1)), 'quick',
    );
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);
    expect(Object.keys(scores).sort()).toEqual([
      'beta_vae_eval_accuracy', 'beta_vae_train_accuracy', 'dci_completeness', 'dci_disentanglement',
      'dci_informativeness_test', 'dci_informativeness_train', 'factor_vae_eval_accuracy',
      'factor_vae_num_active_dims', 'factor_vae_train_accuracy', 'mig', 'sap',
    ]);
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

  it('the full profile is disentanglement_lib\'s study configuration', () => {
    expect(profiles.full.factorVae).toMatchObject({ batchSize: 64, numTrain: 10_000, numEval: 5_000, numVarianceEstimate: 10_000, pruneThreshold: 0.05 });
    expect(profiles.full.betaVae).toMatchObject({ batchSize: 64, numTrain: 10_000, numEval: 5_000 });
    expect(profiles.full.mig).toMatchObject({ numTrain: 10_000, numBins: 20 });
    expect(profiles.full.sap).toMatchObject({ numTrain: 10_000, numTest: 5_000, continuousFactors: false });
    expect(profiles.full.dci).toMatchObject({ numTrain: 10_000, numTest: 5_000 });
  });
});
