import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { irs, irsFromCodes, quantile } from './irs.ts';
import { constantRepresentation, identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

const sizes = [3, 6, 10, 10];
const dataset = syntheticFactorDataset(sizes);
const options = { numTrain: 3000, batchSize: 500, seed: 1 };

describe('irs', () => {
  it('is in [0.9, 1] for the identity and in [0, 0.1] for a constant representation (disentanglement_lib irs_test)', async () => {
    const identity = await irs(dataset, identityRepresentation(sizes, 0, createRng(2)), options);
    expect(identity.irs).toBeGreaterThanOrEqual(0.9);
    expect(identity.irs).toBeLessThanOrEqual(1);
    expect(identity.irs_active_dims).toBe(4);
    const constant = await irs(dataset, constantRepresentation(4), options);
    expect(constant.irs).toBe(0);
    expect(constant.irs_active_dims).toBe(0);
  });

  it('keeps a high score for duplicated latents and drops constant dimensions', async () => {
    const duplicated = async (images: Float32Array, n: number): Promise<Float32Array> => {
      const z = identityRepresentation(sizes, 0, createRng(2))(images, n) as Float32Array;
      const out = new Float32Array(n * 9);
      for (let i = 0; i < n; i++) {
        out.set(z.subarray(i * 4, i * 4 + 4), i * 9);
        out.set(z.subarray(i * 4, i * 4 + 4), i * 9 + 4);
        out[i * 9 + 8] = 1; // a constant dimension
      }
      return out;
    };
    const r = await irs(dataset, duplicated, options);
    expect(r.irs_active_dims).toBe(8);
    expect(r.irs).toBeGreaterThanOrEqual(0.9);
  });

  it('matches a hand-computed 2x2 example: weights are the largest deviations', () => {
    // z0 = f0 scores 1 (no deviation within f0's groups); z1 = f0 + f1 deviates by 0.5 within
    // every group of either factor, against a largest deviation of 1: 1 - 0.5 = 0.5.
    // Weighted by largest deviations 0.5 and 1: (0.5 * 1 + 1 * 0.5) / 1.5 = 2/3.
    const factors = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const codes = factors.map(([a, b]) => [a, a + b]);
    const r = irsFromCodes(codes, factors, { diffQuantile: 1 });
    expect(r.irsMatrix[0][0]).toBeCloseTo(1, 12);
    expect(r.irsMatrix[0][1]).toBeCloseTo(0, 12);
    expect(r.irsMatrix[1][0]).toBeCloseTo(0.5, 12);
    expect(r.irs).toBeCloseTo(2 / 3, 12);
  });

  it('takes quantiles as numpy does (linear interpolation)', () => {
    expect(quantile(Float64Array.from([4, 1, 3, 2]), 0.99)).toBeCloseTo(3.97, 12);
    expect(quantile(Float64Array.from([5]), 0.99)).toBe(5);
    expect(quantile(Float64Array.from([0, 10]), 0.5)).toBe(5);
  });
});
