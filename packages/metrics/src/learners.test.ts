import { describe, expect, it } from 'vitest';
import { fitGradientBoosting, predictGradientBoosting } from './gradient-boosting.ts';
import { fitLinearSvc, predictLinearSvc, solveL2SquaredHingeDual, squaredHingePrimal } from './linear-svc.ts';
import { fitLogisticRegression, predictLogisticRegression } from './logistic-regression.ts';
import { createRng } from '@vaelab/core';

describe('linear SVC (liblinear dual coordinate descent)', () => {
  it('reaches the closed-form optimum of a symmetric two-point problem', () => {
    // x = +-1 with bias feature 1, labels +-1, cost C: by symmetry b = 0 and
    // w minimises 0.5 w^2 + 2 C (1 - w)^2 -> w = 4C / (1 + 4C).
    const C = 0.3;
    const x = [Float64Array.of(1, 1), Float64Array.of(-1, 1)];
    const { w } = solveL2SquaredHingeDual(x, Int8Array.of(1, -1), Float64Array.of(C, C), 1e-12, 10_000, createRng(0));
    expect(w[0]).toBeCloseTo((4 * C) / (1 + 4 * C), 10);
    expect(w[1]).toBeCloseTo(0, 10);
  });

  it('cannot lower the primal objective by perturbing its solution (non-separable data)', () => {
    const rng = createRng(1);
    const x = Array.from({ length: 200 }, () => Float64Array.of(rng.normal(), rng.normal(), 1));
    const y = Int8Array.from(x, (r) => (r[0] + 0.5 * r[1] + 0.8 * rng.normal() > 0 ? 1 : -1));
    const cost = new Float64Array(200).fill(0.5);
    const { w } = solveL2SquaredHingeDual(x, y, cost, 1e-10, 100_000, createRng(2));
    const f = squaredHingePrimal(w, x, y, cost);
    for (let k = 0; k < 3; k++) for (const h of [1e-4, -1e-4]) {
      const v = w.slice();
      v[k] += h;
      expect(squaredHingePrimal(v, x, y, cost)).toBeGreaterThanOrEqual(f);
    }
  });

  it('separates a separable one-vs-rest problem', () => {
    const x = [[-3], [-2.5], [0], [0.2], [3], [3.4]];
    const y = [0, 0, 1, 1, 2, 2];
    const model = fitLinearSvc(x, y, { C: 100 });
    expect(Array.from(predictLinearSvc(model, [[-2.8], [3.2]]))).toEqual([0, 2]);
  });
});

describe('logistic regression (L-BFGS)', () => {
  it('matches the closed-form optimum of a symmetric binary problem', () => {
    // Points x = +-1 with labels 1/0: b = 0 and w solves w / C = 2 sigmoid(-w).
    const C = 2;
    const model = fitLogisticRegression([[1], [-1]], [1, 0], { C });
    const w = model.coef[0][0];
    expect(model.intercept[0]).toBeCloseTo(0, 8);
    expect(w / C).toBeCloseTo(2 / (1 + Math.exp(w)), 8);
  });

  it('fits a separable multinomial problem', () => {
    const x = [[0, 0], [0.1, 0], [5, 5], [5.1, 5], [0, 5], [0.1, 5.2]];
    const y = [3, 3, 7, 7, 9, 9];
    const model = fitLogisticRegression(x, y, { C: 100 });
    expect(Array.from(predictLogisticRegression(model, x))).toEqual(y);
  });
});

describe('gradient boosting', () => {
  it('puts all importance on the only informative feature', () => {
    const rng = createRng(3);
    const x = Array.from({ length: 300 }, () => [rng.next(), rng.next()]);
    const y = x.map(([a]) => (a < 0.3 ? 0 : a < 0.6 ? 1 : 2));
    const model = fitGradientBoosting(x, y, { numStages: 10 });
    expect(model.featureImportances[0]).toBeGreaterThan(0.99);
    expect(Array.from(predictGradientBoosting(model, [[0.1, 0.5], [0.45, 0.5], [0.9, 0.5]]))).toEqual([0, 1, 2]);
  });
});
