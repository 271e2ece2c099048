import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { betaVaeScore, betaVaeScoreFromFeatures } from './beta-vae-score.ts';
import { constantRepresentation, identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

const sizes = [3, 6, 10, 10];
const dataset = syntheticFactorDataset(sizes);
const options = { batchSize: 64, numTrain: 300, numEval: 150, seed: 8 };

describe('betaVaeScore', () => {
  it('is near 1 for the identity and at chance (1 / #factors) for a constant representation', async () => {
    const identity = await betaVaeScore(dataset, identityRepresentation(sizes, 0.01, createRng(9)), options);
    const constant = await betaVaeScore(dataset, constantRepresentation(4), options);
    expect(identity.beta_vae_train_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(identity.beta_vae_eval_accuracy).toBeGreaterThanOrEqual(0.9);
    // Constant features carry no information: the classifier predicts one class, so accuracy is
    // that class's frequency (~1/4 here); 0.1 is not reachable by a 4-way classifier's floor.
    expect(constant.beta_vae_eval_accuracy).toBeLessThanOrEqual(1 / sizes.length + 0.1);
  });

  it('classifies separable features perfectly', () => {
    const feats = [[0, 1], [0, 0.9], [1, 0], [0.9, 0.1], [0.5, 0.5], [0.45, 0.55]];
    const labels = [0, 0, 1, 1, 2, 2];
    const r = betaVaeScoreFromFeatures(feats, labels, feats, labels, { C: 1e4 });
    expect(r.beta_vae_train_accuracy).toBe(1);
  });
});
