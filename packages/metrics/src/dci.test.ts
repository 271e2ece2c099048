import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { dci, dciCompleteness, dciDisentanglement } from './dci.ts';
import { constantRepresentation, identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

const sizes = [3, 6, 10, 10];
const dataset = syntheticFactorDataset(sizes);
const options = { numTrain: 600, numTest: 300, batchSize: 300, seed: 6, boosting: { numStages: 20 } };

describe('dci', () => {
  it('scores the identity near 1 and a constant representation near 0', async () => {
    const identity = await dci(dataset, identityRepresentation(sizes, 0.01, createRng(7)), options);
    const constant = await dci(dataset, constantRepresentation(4), options);
    expect(identity.dci_disentanglement).toBeGreaterThanOrEqual(0.9);
    expect(identity.dci_completeness).toBeGreaterThanOrEqual(0.9);
    expect(identity.dci_informativeness_test).toBeGreaterThan(0.95);
    expect(constant.dci_disentanglement).toBeLessThanOrEqual(0.1);
    expect(constant.dci_informativeness_train).toBeLessThan(0.5);
  });

  it('disentanglement and completeness of closed-form importance matrices', () => {
    const diagonal = [[1, 0], [0, 1]];
    expect(dciDisentanglement(diagonal)).toBeCloseTo(1, 8);
    expect(dciCompleteness(diagonal)).toBeCloseTo(1, 8);
    const uniform = [[1, 1], [1, 1]];
    expect(dciDisentanglement(uniform)).toBeCloseTo(0, 8);
    // One code explains both factors: not disentangled, but each factor is complete.
    const shared = [[1, 1], [0, 0]];
    expect(dciDisentanglement(shared)).toBeCloseTo(0, 8);
    expect(dciCompleteness(shared)).toBeCloseTo(1, 8);
  });

  it('scores an all-zero importance matrix exactly 0 (nothing was learned from any code)', () => {
    const zeros = [[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]];
    expect(dciDisentanglement(zeros)).toBe(0);
    expect(dciCompleteness(zeros)).toBe(0);
  });
});
