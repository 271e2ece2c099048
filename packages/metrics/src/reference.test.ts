import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitGradientBoosting, predictGradientBoosting } from './gradient-boosting.ts';
import { fitLinearSvc } from './linear-svc.ts';
import { fitLogisticRegression, predictLogisticRegression } from './logistic-regression.ts';
import { histogramDiscretize, migFromCodes } from './mig.ts';
import { sapFromCodes } from './sap.ts';

// Written by packages/metrics/reference/reference.py (numpy transcription of disentanglement_lib,
// plus sklearn's learners when available). Points x dims throughout.
const fixtures = JSON.parse(
  readFileSync(new URL('../reference/fixtures.json', import.meta.url), 'utf8'),
) as Record<string, any>;
const codes = fixtures.codes as number[][];
const factors = fixtures.factors as number[][];
const codesTest = fixtures.codesTest as number[][];
const factorsTest = fixtures.factorsTest as number[][];
const col = (rows: number[][], j: number) => rows.map((r) => [r[j]]);

function expectMatrixClose(actual: ArrayLike<number>[], expected: number[][], tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < expected[i].length; j++) {
      expect(Math.abs(actual[i][j] - expected[i][j])).toBeLessThanOrEqual(tol);
    }
  }
}

describe('agreement with the disentanglement_lib transcription', () => {
  it('discretises codes into the same histogram bins as numpy', () => {
    const expected = fixtures.mig.discretizedPerDim as number[][];
    for (let j = 0; j < codes[0].length; j++) {
      expect(Array.from(histogramDiscretize(codes.map((r) => r[j]), 20))).toEqual(expected[j]);
    }
  });

  it('MIG, its mutual information matrix and factor entropies agree to 1e-6', () => {
    const r = migFromCodes(codes, factors, { numBins: fixtures.numBins });
    expect(Math.abs(r.mig - fixtures.mig.mig)).toBeLessThan(1e-6);
    expectMatrixClose(r.mutualInformation, fixtures.mig.mutualInformation, 1e-6);
    expectMatrixClose([r.factorEntropy], [fixtures.mig.factorEntropy], 1e-6);
  });

  it('SAP score matrix for continuous factors agrees to 1e-6', () => {
    const r = sapFromCodes(codes, factors, { continuousFactors: true });
    expectMatrixClose(r.scoreMatrix, fixtures.sapContinuous.scoreMatrix, 1e-6);
    expect(Math.abs(r.sap - fixtures.sapContinuous.sap)).toBeLessThan(1e-6);
  });
});

describe.runIf(fixtures.sapDiscrete)('agreement with sklearn learners', () => {
  it('LinearSVC dual coordinate descent reaches the primal optimum of liblinear', () => {
    for (const ref of fixtures.linearSvc.oneDimensional) {
      const model = fitLinearSvc(col(codes, ref.code), factors.map((r) => r[ref.factor]), {
        C: 0.01, classWeight: 'balanced', tol: 1e-10, maxIter: 200_000,
      });
      expectMatrixClose(model.coef, ref.coef, 1e-6);
      expectMatrixClose([model.intercept], [ref.intercept], 1e-6);
    }
    const bin = fixtures.linearSvc.binary;
    const model = fitLinearSvc(codes.map((r) => r.slice(0, 3)), factors.map((r) => r[0] % 2), {
      C: bin.C, tol: 1e-10, maxIter: 200_000,
    });
    expectMatrixClose(model.coef, bin.coef, 1e-6);
    expectMatrixClose([model.intercept], [bin.intercept], 1e-6);
  });

  it('SAP with discrete factors (LinearSVC accuracies) agrees within a few test points', () => {
    const r = sapFromCodes(codes, factors, { test: { codes: codesTest, factors: factorsTest } });
    const expected = fixtures.sapDiscrete.scoreMatrix as number[][];
    // Both solvers stop at liblinear's tol=1e-4 from different random coordinate orders, so a
    // test point sitting on a decision threshold may flip: allow 2 of 200 test points.
    expectMatrixClose(r.scoreMatrix.slice(0, 4), expected.slice(0, 4), 2 / 200 + 1e-12);
    // Code 4 is constant: every point gets the class with the largest one-vs-rest intercept, and
    // with balanced weights those intercepts nearly tie, so either solver may pick any of the
    // near-tied classes. The score must still be the test frequency of one class.
    for (let j = 0; j < factors[0].length; j++) {
      const freqs = new Set(factorsTest.map((row) => factorsTest.filter((o) => o[j] === row[j]).length / 200));
      expect([...freqs].some((f) => Math.abs(f - r.scoreMatrix[4][j]) < 1e-12)).toBe(true);
    }
    expect(Math.abs(r.sap - fixtures.sapDiscrete.sap)).toBeLessThanOrEqual(0.025 / 4 + 1e-12);
  });

  it('logistic regression reaches sklearn\'s optimum (multinomial and binary) to 1e-6', () => {
    for (const ref of fixtures.logisticRegression) {
      const x = codes.map((r) => ref.columns.map((c: number) => r[c]));
      const y = factors.map((r) => (ref.binarised ? Number(r[ref.factor] >= 5) : r[ref.factor]));
      const model = fitLogisticRegression(x, y, { C: ref.C });
      expectMatrixClose(model.coef, ref.coef, 1e-6);
      expectMatrixClose([model.intercept], [ref.intercept], 1e-6);
      const pred = predictLogisticRegression(model, x);
      expect(pred.filter((p, i) => p === y[i]).length / y.length).toBeCloseTo(ref.trainAccuracy, 12);
    }
  });

  it('gradient-boosted trees match sklearn\'s importances and accuracies', () => {
    const x = codes.map((r) => r.slice(0, 4));
    const xTest = codesTest.map((r) => r.slice(0, 4));
    for (const ref of fixtures.gradientBoosting) {
      const y = factors.map((r) => r[ref.factor]);
      const model = fitGradientBoosting(x, y);
      // Exactly tied splits are broken at random by both (sklearn's random feature order), so
      // importances agree in distribution: sklearn itself moves by ~0.004 across random_state.
      expectMatrixClose([model.featureImportances], [ref.importances], 0.01);
      const train = predictGradientBoosting(model, x);
      const test = predictGradientBoosting(model, xTest);
      expect(train.filter((p, i) => p === y[i]).length / y.length).toBeCloseTo(ref.trainAccuracy, 12);
      const testAcc = test.filter((p, i) => p === factorsTest[i][ref.factor]).length / xTest.length;
      expect(Math.abs(testAcc - ref.testAccuracy)).toBeLessThanOrEqual(3 / 200);
    }
  });
});
