/**
 * DCI: disentanglement, completeness, informativeness (Eastwood & Williams 2018, "A Framework
 * for the Quantitative Evaluation of Disentangled Representations",
 * https://openreview.net/forum?id=By-7dz-AZ), following disentanglement_lib's
 * `evaluation/metrics/dci.py` (`compute_importance_gbt`, `disentanglement`, `completeness`).
 *
 * The importance matrix R[code][factor] is the feature importance of each code dimension in a
 * per-factor classifier. Like disentanglement_lib we use gradient-boosted trees with sklearn's
 * `GradientBoostingClassifier()` defaults (see gradient-boosting.ts: 100 stages of depth-3
 * trees, impurity-decrease importances). Informativeness is the classifiers' mean accuracy on
 * the train and test points (disentanglement_lib's `informativeness_train/test`).
 * - disentanglement = sum_i rho_i (1 - H_K(P_i.)), P_ij = R_ij / sum_j R_ij, rho_i = sum_j R_ij / sum R
 * - completeness    = sum_j rho_j (1 - H_D(P~_.j)), P~_ij = R_ij / sum_i R_ij, rho_j = sum_i R_ij / sum R
 * with entropies in base K (factors) and D (codes) of R + 1e-11, as scipy.stats.entropy.
 *
 * The quick budget keeps the same learner with fewer points and fewer boosting stages; that is
 * a cost-driven deviation, so quick scores are not comparable to published ones.
 */
import { createRng } from '@vaelab/core';
import type { ImageDataset } from '@vaelab/core';
import { fitGradientBoosting, predictGradientBoosting } from './gradient-boosting.ts';
import type { GradientBoostingOptions } from './gradient-boosting.ts';
import { columnCount, column } from './matrix.ts';
import type { Matrix } from './matrix.ts';
import { generateFactorCodes, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';

export interface DciOptions {
  /** Options of the per-factor gradient-boosted classifier (sklearn defaults). @default {} */
  readonly boosting?: GradientBoostingOptions;
}

export interface DciSamplingOptions extends DciOptions {
  /** Training points. @default 10000 */
  readonly numTrain?: number;
  /** Test points. @default 5000 */
  readonly numTest?: number;
  /** Images per representation call. @default 64 */
  readonly batchSize?: number;
  /** Seed of the factor sampler. @default 0 */
  readonly seed?: number;
}

export interface DciResult {
  readonly dci_disentanglement: number;
  readonly dci_completeness: number;
  readonly dci_informativeness_train: number;
  readonly dci_informativeness_test: number;
}

export interface DciDetails extends DciResult {
  /** `[code][factor]` importances (each factor's column sums to 1 unless nothing was split). */
  readonly importanceMatrix: Float64Array[];
}

/** scipy.stats.entropy(p + 1e-11, base): normalises, then -sum p log p / log base. */
function entropy(values: ArrayLike<number>, base: number): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] + 1e-11;
  let h = 0;
  for (let i = 0; i < values.length; i++) {
    const p = (values[i] + 1e-11) / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return h / Math.log(base);
}

/** Disentanglement of an importance matrix `[code][factor]` (needs at least two factors). */
export function dciDisentanglement(importance: readonly ArrayLike<number>[]): number {
  const numFactors = importance[0].length;
  if (numFactors < 2) throw new RangeError('dci: disentanglement needs at least two factors');
  let total = 0;
  for (const row of importance) for (let j = 0; j < numFactors; j++) total += row[j];
  let score = 0;
  for (const row of importance) {
    let rowSum = 0;
    for (let j = 0; j < numFactors; j++) rowSum += row[j];
    // The reference falls back to uniform weights when every importance is zero. An all-zero
    // row is the uniform distribution, whose normalised entropy is exactly 1: its term is 0
    // (computed, 1 - H rounds to 2.2e-16 instead).
    const weight = total === 0 ? 1 / importance.length : rowSum / total;
    if (rowSum > 0) score += weight * (1 - entropy(row, numFactors));
  }
  return score;
}

/** Completeness of an importance matrix `[code][factor]` (needs at least two codes). */
export function dciCompleteness(importance: readonly ArrayLike<number>[]): number {
  const numCodes = importance.length;
  if (numCodes < 2) throw new RangeError('dci: completeness needs at least two code dimensions');
  const numFactors = importance[0].length;
  let total = 0;
  for (const row of importance) for (let j = 0; j < numFactors; j++) total += row[j];
  let score = 0;
  for (let j = 0; j < numFactors; j++) {
    const col = Float64Array.from(importance, (row) => row[j]);
    let colSum = 0;
    for (const v of col) colSum += v;
    const weight = total === 0 ? 1 / numFactors : colSum / total;
    if (colSum > 0) score += weight * (1 - entropy(col, numCodes)); // an all-zero column scores exactly 0, as above
  }
  return score;
}

/**
 * DCI from train and test codes and factors (points x dims). A factor with a single value in
 * the training set cannot be classified (sklearn would throw): its importances are 0 and its
 * accuracy is the fraction of points carrying that value.
 */
export function dciFromCodes(
  codes: Matrix, factors: Matrix, codesTest: Matrix, factorsTest: Matrix, options: DciOptions = {},
): DciDetails {
  const numCodes = columnCount(codes, 'dci codes');
  const numFactors = columnCount(factors, 'dci factors');
  if (codes.length !== factors.length || codesTest.length !== factorsTest.length) {
    throw new RangeError('dci: codes and factors differ in length');
  }
  const importanceMatrix = Array.from({ length: numCodes }, () => new Float64Array(numFactors));
  let trainAcc = 0;
  let testAcc = 0;
  for (let j = 0; j < numFactors; j++) {
    const y = column(factors, j);
    const yTest = column(factorsTest, j);
    const accuracy = (pred: ArrayLike<number>, truth: Float64Array) => {
      let hits = 0;
      for (let t = 0; t < truth.length; t++) if (pred[t] === truth[t]) hits++;
      return hits / truth.length;
    };
    if (new Set(y).size < 2) {
      trainAcc += 1;
      testAcc += accuracy(new Float64Array(yTest.length).fill(y[0]), yTest);
      continue;
    }
    const model = fitGradientBoosting(codes, y, { ...options.boosting, seed: (options.boosting?.seed ?? 0) + j });
    for (let i = 0; i < numCodes; i++) importanceMatrix[i][j] = Math.abs(model.featureImportances[i]);
    trainAcc += accuracy(predictGradientBoosting(model, codes), y);
    testAcc += accuracy(predictGradientBoosting(model, codesTest), yTest);
  }
  return {
    dci_disentanglement: dciDisentanglement(importanceMatrix),
    dci_completeness: dciCompleteness(importanceMatrix),
    dci_informativeness_train: trainAcc / numFactors,
    dci_informativeness_test: testAcc / numFactors,
    importanceMatrix,
  };
}

/** DCI of a representation on points drawn from the dataset's factor space. */
export async function dci(
  dataset: ImageDataset, represent: RepresentationFn, options: DciSamplingOptions = {},
): Promise<DciResult> {
  const space = requireFactors(dataset, 'dci');
  const rng = createRng(options.seed ?? 0);
  const batch = options.batchSize ?? 64;
  const train = await generateFactorCodes(space, represent, options.numTrain ?? 10_000, rng, batch);
  const test = await generateFactorCodes(space, represent, options.numTest ?? 5_000, rng, batch);
  const { importanceMatrix: _, ...scores } = dciFromCodes(train.codes, train.factors, test.codes, test.factors, options);
  return scores;
}
