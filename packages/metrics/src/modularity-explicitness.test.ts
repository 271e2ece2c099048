import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { modularity, modularityExplicitness } from './modularity-explicitness.ts';
import { rocAuc } from './roc-auc.ts';
import { constantRepresentation, identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

const sizes = [3, 6, 10, 10];
const dataset = syntheticFactorDataset(sizes);
const options = { numTrain: 2000, numTest: 1000, batchSize: 500, seed: 1, logistic: { tol: 1e-6 } };
const diag5 = Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => (i === j ? 5 : 0)));

describe('modularity of a mutual-information matrix (disentanglement_lib modularity_explicitness_test)', () => {
  it('is 1 for a diagonal, 2/3 with an empty code, 0 for zeros', () => {
    expect(modularity(diag5)).toBeCloseTo(1, 12);
    expect(modularity([[1, 0], [0, 1], [0, 0]])).toBeCloseTo(2 / 3, 12);
    expect(modularity(Array.from({ length: 10 }, () => new Array(10).fill(0)))).toBe(0);
  });

  it('is 1 for redundant codes and missed factors, 1 - 1/9 for one code on two factors', () => {
    expect(modularity([...diag5, ...diag5])).toBeCloseTo(1, 12);
    expect(modularity(diag5.slice(0, 2))).toBeCloseTo(1, 12);
    expect(modularity(diag5.map((row) => [...row, ...row]))).toBeCloseTo(1 - 1 / 9, 12);
  });
});

describe('modularityExplicitness', () => {
  it('scores the identity and a duplicated latent space in [0.9, 1], with explicit codes', async () => {
    const identity = await modularityExplicitness(dataset, identityRepresentation(sizes, 0, createRng(2)), options);
    expect(identity.modularity).toBeGreaterThanOrEqual(0.9);
    expect(identity.explicitness_test).toBeGreaterThan(0.9);
    const inner = identityRepresentation(sizes, 0, createRng(2));
    const duplicated = async (images: Float32Array, n: number): Promise<Float32Array> => {
      const z = (await inner(images, n)) as Float32Array;
      const out = new Float32Array(n * 8);
      for (let i = 0; i < n; i++) {
        out.set(z.subarray(i * 4, i * 4 + 4), i * 8);
        out.set(z.subarray(i * 4, i * 4 + 4), i * 8 + 4);
      }
      return out;
    };
    expect((await modularityExplicitness(dataset, duplicated, options)).modularity).toBeGreaterThanOrEqual(0.9);
  });

  it('scores codes that permute the factors per point in [0, 0.2], and a constant code at chance AUC', async () => {
    const rng = createRng(5);
    const permuted = (images: Float32Array, n: number): Float32Array => {
      const out = Float32Array.from(images);
      for (let i = 0; i < n; i++) rng.shuffle(out.subarray(i * 4, i * 4 + 4));
      return out;
    };
    // Equal factor sizes, as disentanglement_lib's IdentityObservationsData: every code then
    // carries the same information about every factor.
    const even = syntheticFactorDataset([10, 10, 10, 10]);
    const bad = await modularityExplicitness(even, permuted, { ...options, numTrain: 10_000 });
    expect(bad.modularity).toBeLessThanOrEqual(0.2);
    const constant = await modularityExplicitness(dataset, constantRepresentation(4), options);
    expect(constant.modularity).toBe(0);
    expect(constant.explicitness_test).toBeCloseTo(0.5, 6);
  });
});

describe('rocAuc', () => {
  it('is the Mann-Whitney statistic with ties counted one half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBeCloseTo(0.75, 12);
    expect(rocAuc([1, 2, 3], [false, true, true])).toBe(1);
    expect(rocAuc([0.5, 0.5], [false, true])).toBe(0.5);
    expect(rocAuc([1, 2], [true, true])).toBeNaN();
  });
});
