import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { gaussianTotalCorrelation, gaussianWassersteinCorrelation, unsupervisedFromCodes, unsupervisedScores } from './unsupervised.ts';
import { identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

const identity5 = Array.from({ length: 25 }, (_, t) => (t % 6 === 0 ? 1 : 0));

describe('Gaussian total and Wasserstein correlation (disentanglement_lib unsupervised_metrics_test)', () => {
  it('are 0 for an identity covariance', () => {
    expect(Math.abs(gaussianTotalCorrelation(identity5, 5))).toBeLessThan(1e-12);
    expect(Math.abs(gaussianWassersteinCorrelation(identity5, 5))).toBeLessThan(1e-12);
  });

  it('total correlation is KL(N(0, C) || N(0, diag C)) in closed form', () => {
    // 0.5 (tr(D^-1 C) - k + log(det D / det C)) for C = [[4, 1.8], [1.8, 1]]: det C = 0.76.
    const kl = 0.5 * (2 - 2 + Math.log(4 / 0.76));
    expect(gaussianTotalCorrelation([4, 1.8, 1.8, 1], 2)).toBeCloseTo(kl, 12);
  });

  it('Wasserstein correlation is tr(C + D - 2 (C D)^(1/2)), eigenvalues of C D by the quadratic formula', () => {
    // C = [[4, 1], [1, 1]], C D = [[16, 1], [4, 1]]: trace 17, determinant 12.
    const root = Math.sqrt(17 * 17 - 4 * 12);
    const traceSqrt = Math.sqrt((17 + root) / 2) + Math.sqrt((17 - root) / 2);
    expect(gaussianWassersteinCorrelation([4, 1, 1, 1], 2)).toBeCloseTo(2 * 5 - 2 * traceSqrt, 12);
  });
});

describe('unsupervisedScores', () => {
  const sizes = [10, 10, 10, 10];
  const dataset = syntheticFactorDataset(sizes);
  const options = { numTrain: 3000, batchSize: 500, seed: 3 };

  it('independent codes score near 0 on all four; duplicated codes score high', async () => {
    const independent = await unsupervisedScores(dataset, identityRepresentation(sizes, 0.01, createRng(1)), options);
    expect(Math.abs(independent.gaussian_total_correlation)).toBeLessThan(0.01);
    expect(Math.abs(independent.gaussian_wasserstein_correlation_norm)).toBeLessThan(0.01);
    expect(independent.mutual_info_score).toBeLessThan(0.1); // the plug-in estimate of 0 is biased upwards
    const inner = identityRepresentation(sizes, 0.01, createRng(1));
    const duplicated = async (images: Float32Array, n: number): Promise<Float32Array> => {
      const z = (await inner(images, n)) as Float32Array;
      return Float32Array.from({ length: n * 2 }, (_, t) => z[Math.floor(t / 2) * 4]);
    };
    const dup = await unsupervisedScores(dataset, duplicated, options);
    expect(dup.gaussian_total_correlation).toBeGreaterThan(2);
    expect(dup.mutual_info_score).toBeGreaterThan(2); // the entropy of 10 equal bins is log 10 = 2.30
  });

  it('leaves a constant dimension out of the Gaussian scores instead of returning NaN', () => {
    const rng = createRng(2);
    const codes = Array.from({ length: 500 }, () => [rng.normal(), rng.normal(), 3]);
    const r = unsupervisedFromCodes(codes);
    expect(Number.isFinite(r.gaussian_total_correlation)).toBe(true);
    expect(Math.abs(r.gaussian_total_correlation)).toBeLessThan(0.02);
  });
});
