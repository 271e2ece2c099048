import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { sap, sapFromCodes } from './sap.ts';
import { constantRepresentation, identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

const sizes = [3, 6, 10, 10];
const dataset = syntheticFactorDataset(sizes);

describe('sap', () => {
  it('separates the identity from a constant representation (discrete factors, LinearSVC)', async () => {
    const options = { numTrain: 1000, numTest: 500, batchSize: 500, seed: 4 };
    const identity = await sap(dataset, identityRepresentation(sizes, 0.01, createRng(5)), options);
    const constant = await sap(dataset, constantRepresentation(4), options);
    // A linear SVC on one scalar code can only single out the extreme values of a many-valued
    // factor, so even the ideal code scores well below 1 on discrete SAP (published SAP values
    // are typically < 0.2); a constant code gives every code the same accuracy, i.e. a gap of 0.
    expect(identity.sap).toBeGreaterThan(0.1);
    expect(constant.sap).toBe(0);
  });

  it('discrete factors: each factor is best predicted by its own code', () => {
    const rng = createRng(12);
    const make = (n: number) => {
      const factors = Array.from({ length: n }, () => [rng.int(3), rng.int(4)]);
      return { factors, codes: factors.map(([a, b]) => [a + 0.1 * rng.normal(), b + 0.1 * rng.normal()]) };
    };
    const train = make(400);
    const r = sapFromCodes(train.codes, train.factors, { test: make(200) });
    expect(r.scoreMatrix[0][0]).toBeGreaterThan(r.scoreMatrix[1][0]);
    expect(r.scoreMatrix[1][1]).toBeGreaterThan(r.scoreMatrix[0][1]);
  });

  it('continuous factors: squared correlation, 1 on the matching code and 0 for a constant code', () => {
    const factors = Array.from({ length: 50 }, (_, i) => [i % 5, (i * 7) % 11]);
    const codes = factors.map(([a, b], i) => [2 * a + 1, -b, 3, Math.sin(i)]);
    const r = sapFromCodes(codes, factors, { continuousFactors: true });
    expect(r.scoreMatrix[0][0]).toBeCloseTo(1, 12);
    expect(r.scoreMatrix[1][1]).toBeCloseTo(1, 12);
    expect(r.scoreMatrix[2][0]).toBe(0);
    expect(r.sap).toBeGreaterThan(0.5);
  });

  it('discrete factors require a test split', () => {
    expect(() => sapFromCodes([[0, 1], [1, 0]], [[0], [1]])).toThrow(/test split/);
  });
});
