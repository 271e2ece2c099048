import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { discreteMutualInfo, histogramDiscretize, mig, migFromCodes } from './mig.ts';
import { constantRepresentation, identityRepresentation, linearlyMixed, syntheticFactorDataset } from './synthetic.ts';

const sizes = [3, 6, 10, 10];
const dataset = syntheticFactorDataset(sizes);
const options = { numTrain: 2000, batchSize: 500, seed: 1 };

/** A random rotation of R^4 (QR of a Gaussian matrix by Gram-Schmidt). */
function randomRotation(d: number, seed: number): number[] {
  const rng = createRng(seed);
  const cols: number[][] = [];
  for (let c = 0; c < d; c++) {
    let v = Array.from({ length: d }, () => rng.normal());
    for (const u of cols) {
      const dot = v.reduce((s, x, i) => s + x * u[i], 0);
      v = v.map((x, i) => x - dot * u[i]);
    }
    const norm = Math.hypot(...v);
    cols.push(v.map((x) => x / norm));
  }
  const m: number[] = [];
  for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) m.push(cols[c][r]);
  return m;
}

describe('mig', () => {
  it('is near 1 for the identity, near 0 for a constant, and drops under a rotation', async () => {
    const identity = await mig(dataset, identityRepresentation(sizes, 0.01, createRng(2)), options);
    const constant = await mig(dataset, constantRepresentation(4), options);
    const rotated = await mig(dataset, linearlyMixed(identityRepresentation(sizes, 0.01, createRng(2)), randomRotation(4, 3), 4), options);
    expect(identity.mig).toBeGreaterThanOrEqual(0.9);
    expect(constant.mig).toBeLessThanOrEqual(0.1);
    expect(rotated.mig).toBeLessThan(identity.mig - 0.3);
  });

  it('mutual information of a variable with itself is its entropy, and 0 against a constant', () => {
    const x = [0, 0, 1, 1, 2, 2, 2, 2];
    const h = -(0.25 * Math.log(0.25) * 2 + 0.5 * Math.log(0.5));
    expect(discreteMutualInfo(x, x)).toBeCloseTo(h, 12);
    expect(discreteMutualInfo(x, x.map(() => 7))).toBe(0);
  });

  it('bins like np.digitize against np.histogram edges, constant columns into bin 1', () => {
    expect(Array.from(histogramDiscretize([0, 1, 2, 3, 4], 4))).toEqual([1, 2, 3, 4, 4]);
    expect(Array.from(histogramDiscretize([5, 5, 5], 20))).toEqual([11, 11, 11]);
  });

  it('rejects mismatched inputs and datasets without factors', async () => {
    expect(() => migFromCodes([[0, 1]], [[0], [1]])).toThrow(/codes but/);
    const noFactors = { ...dataset, name: 'mnist/test', factors: undefined };
    await expect(mig(noFactors, constantRepresentation(2))).rejects.toThrow("mig: dataset 'mnist/test' has no ground-truth factors");
  });
});
