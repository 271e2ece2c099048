import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { factorVaeScore, factorVaeScoreFromVotes, factorVaeVote } from './factor-vae-score.ts';
import { constantRepresentation, identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

const sizes = [3, 6, 10, 10];
const dataset = syntheticFactorDataset(sizes);
const options = { batchSize: 64, numTrain: 300, numEval: 150, numVarianceEstimate: 1000, seed: 10 };

describe('factorVaeScore', () => {
  it('is near 1 for the identity and 0 (no active dims) for a constant representation', async () => {
    const identity = await factorVaeScore(dataset, identityRepresentation(sizes, 0.01, createRng(11)), options);
    const constant = await factorVaeScore(dataset, constantRepresentation(4), options);
    expect(identity.factor_vae_train_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(identity.factor_vae_eval_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(identity.factor_vae_num_active_dims).toBe(4);
    expect(constant.factor_vae_eval_accuracy).toBeLessThanOrEqual(0.1);
    expect(constant.factor_vae_num_active_dims).toBe(0);
  });

  it('majority vote: each dim goes to its most frequent factor, first on ties', () => {
    const train = [[5, 0, 1], [1, 4, 1]];
    const evalVotes = [[2, 1, 0], [0, 3, 2]];
    const r = factorVaeScoreFromVotes(train, evalVotes);
    expect(Array.from(r.classifier)).toEqual([0, 1, 0]);
    expect(r.train_accuracy).toBeCloseTo((5 + 4 + 1) / 12, 12);
    expect(r.eval_accuracy).toBeCloseTo((2 + 3 + 0) / 8, 12);
  });

  it('votes for the active dim with the smallest normalised variance, skipping pruned dims', () => {
    const codes = [0, 0, 5, 1, 0, 6, 2, 0, 7]; // 3 points x 3 dims; dim 1 constant, dim 2 varies
    const globalVar = Float64Array.of(1, 1, 100);
    expect(factorVaeVote(codes, 3, globalVar, [true, true, true])).toBe(1);
    expect(factorVaeVote(codes, 3, globalVar, [true, false, true])).toBe(2);
  });
});
