import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { downstreamTask } from './downstream-task.ts';
import { DEFAULT_CS, fitLogisticRegressionCv } from './logistic-regression-cv.ts';
import { constantRepresentation, identityRepresentation, syntheticFactorDataset } from './synthetic.ts';

const sizes = [3, 6, 5];
const dataset = syntheticFactorDataset(sizes);
const options = { numTest: 300, batchSize: 500, seed: 2, logisticCv: { logistic: { tol: 1e-6, maxIter: 200 } }, boosting: { numStages: 20 } };

describe('downstreamTask', () => {
  it('predicts every factor of the identity code, better with 300 labels than with 10', async () => {
    const r = await downstreamTask(dataset, identityRepresentation(sizes, 0.01, createRng(1)), { ...options, numTrain: [10, 300] });
    for (const kind of ['lr', 'gbt']) {
      expect(r[`downstream_${kind}_300_test_accuracy`]).toBeGreaterThan(0.95);
      expect(r[`downstream_${kind}_300_min_test_accuracy`]).toBeLessThanOrEqual(r[`downstream_${kind}_300_test_accuracy`]);
      expect(r[`downstream_${kind}_10_test_accuracy`]).toBeLessThan(r[`downstream_${kind}_300_test_accuracy`]);
    }
  });

  it('does no better than the majority class from a constant code', async () => {
    const r = await downstreamTask(dataset, constantRepresentation(3), { ...options, numTrain: [300] });
    // The most frequent value of a uniform factor with v values holds about 1/v of the points.
    const chance = (1 / 3 + 1 / 6 + 1 / 5) / 3;
    for (const kind of ['lr', 'gbt']) expect(r[`downstream_${kind}_300_test_accuracy`]).toBeLessThan(chance + 0.1);
  });
});

describe('fitLogisticRegressionCv', () => {
  it('searches np.logspace(-4, 4, 10) and picks a weak penalty for separable classes', () => {
    expect(DEFAULT_CS[0]).toBeCloseTo(1e-4, 15);
    expect(DEFAULT_CS[9]).toBeCloseTo(1e4, 8);
    expect(DEFAULT_CS[3]).toBeCloseTo(10 ** (-4 + 8 / 3), 10);
    // Three negatives to a positive, split at 0, interleaved so that every fold sees both classes.
    const x = Array.from({ length: 40 }, (_, i) => [(i % 4 === 0 ? 1 : -1) * (0.1 + i / 40)]);
    const y = x.map(([v]) => (v > 0 ? 1 : 0));
    const model = fitLogisticRegressionCv(x, y, { logistic: { tol: 1e-8 } });
    // C = 1e-4 shrinks the weight to ~0, so the unpenalised intercept sends every point to the
    // majority class (75%); a larger C separates them, and ties go to the first C.
    expect(model.C).toBeGreaterThan(1e-3);
    expect(Array.from(model.predict(x))).toEqual(y);
  });
});
