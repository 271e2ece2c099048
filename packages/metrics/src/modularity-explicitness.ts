/**
 * Modularity and explicitness (Ridgeway & Mozer 2018, "Learning Deep Disentangled Embeddings
 * With the F-Statistic Loss", https://arxiv.org/abs/1802.05312, Section 3), following
 * disentanglement_lib's `evaluation/metrics/modularity_explicitness.py` and its
 * `unsupervised_study_v1` configuration (10,000 train / 5,000 test points, codes discretized
 * into 20 histogram bins for the mutual information).
 *
 * - Modularity: each code dimension should carry information about one factor only. With m_if
 *   the mutual information between code i and factor f and theta_i = max_f m_if,
 *   delta_i = sum_{f != argmax} m_if^2 / (theta_i^2 (K - 1)) and modularity_i = 1 - delta_i
 *   (0 for a code that carries no information); the score is the mean over codes.
 * - Explicitness: a one-vs-rest reading of each factor from the standardised codes: sklearn's
 *   default `LogisticRegression()` (C = 1, multinomial) per factor, scored by the macro ROC-AUC
 *   of its class probabilities, averaged over factors, on the train and the test points.
 *
 * Deviation: disentanglement_lib standardises by the codes' standard deviation, dividing by
 * zero for a constant dimension; a constant dimension is only centred here (its z-score is 0).
 * A factor with a single value among the training points cannot be classified (sklearn throws)
 * and is left out of the explicitness mean.
 */
import { createRng } from '@vaelab/core';
import type { ImageDataset } from '@vaelab/core';
import { fitLogisticRegression, predictProbaLogisticRegression } from './logistic-regression.ts';
import type { LogisticRegressionOptions } from './logistic-regression.ts';
import { column, columns } from './matrix.ts';
import type { Matrix } from './matrix.ts';
import { discreteMutualInfo, histogramDiscretize } from './mig.ts';
import { rocAuc } from './roc-auc.ts';
import { generateFactorCodes, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';

export interface ModularityExplicitnessOptions {
  /** Histogram bins of the codes for the mutual information. @default 20 */
  readonly numBins?: number;
  /** The explicitness classifier (sklearn's defaults). @default {} */
  readonly logistic?: LogisticRegressionOptions;
}

export interface ModularityExplicitnessSamplingOptions extends ModularityExplicitnessOptions {
  /** Training points. @default 10000 */
  readonly numTrain?: number;
  /** Test points. @default 5000 */
  readonly numTest?: number;
  /** Images per representation call. @default 16 */
  readonly batchSize?: number;
  /** Seed of the factor sampler. @default 0 */
  readonly seed?: number;
}

export interface ModularityExplicitnessResult {
  readonly modularity: number;
  readonly explicitness_train: number;
  readonly explicitness_test: number;
}

/** Modularity of a `[code][factor]` mutual-information matrix. */
export function modularity(mutualInformation: readonly ArrayLike<number>[]): number {
  if (mutualInformation.length === 0) throw new RangeError('modularity: no codes');
  let total = 0;
  for (const row of mutualInformation) {
    let max = 0;
    let sum = 0;
    for (let f = 0; f < row.length; f++) {
      const sq = row[f] * row[f];
      sum += sq;
      max = Math.max(max, sq);
    }
    if (max > 0) total += 1 - (sum - max) / (max * (row.length - 1));
  }
  return total / mutualInformation.length;
}

/** `[code][factor]` mutual information of histogram-discretized codes and discrete factors, in nats. */
export function codeFactorMutualInfo(codes: Matrix, factors: Matrix, numBins = 20): Float64Array[] {
  const factorCols = columns(factors, 'mutual information factors');
  return columns(codes, 'mutual information codes').map((c) => {
    const discrete = histogramDiscretize(c, numBins);
    return Float64Array.from(factorCols, (f) => discreteMutualInfo(discrete, f));
  });
}

/** Centres and scales each column by the training mean and (population) standard deviation. */
function standardise(train: Matrix, test: Matrix): [Float64Array[], Float64Array[]] {
  const cols = columns(train, 'explicitness codes');
  const means = cols.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
  const stds = cols.map((c, j) => Math.sqrt(c.reduce((s, v) => s + (v - means[j]) ** 2, 0) / c.length));
  const apply = (rows: Matrix) => rows.map((r) => Float64Array.from(cols, (_, j) => (r[j] - means[j]) / (stds[j] > 0 ? stds[j] : 1)));
  return [apply(train), apply(test)];
}

/** Macro one-vs-rest ROC-AUC of class probabilities over the classes present in `truth`. */
function macroAuc(probabilities: Float64Array[], classes: number[], truth: Float64Array): number {
  let total = 0;
  let count = 0;
  for (const value of new Set(truth)) {
    const c = classes.indexOf(value);
    const auc = rocAuc(probabilities.map((p) => (c < 0 ? 0 : p[c])), Array.from(truth, (y) => y === value));
    if (Number.isNaN(auc)) continue;
    total += auc;
    count++;
  }
  return count === 0 ? Number.NaN : total / count;
}

/** Modularity and explicitness from train and test codes and factors (points x dims). */
export function modularityExplicitnessFromCodes(
  codes: Matrix, factors: Matrix, codesTest: Matrix, factorsTest: Matrix, options: ModularityExplicitnessOptions = {},
): ModularityExplicitnessResult {
  if (codes.length !== factors.length || codesTest.length !== factorsTest.length) throw new RangeError('modularity: codes and factors differ in length');
  const score = modularity(codeFactorMutualInfo(codes, factors, options.numBins ?? 20));
  const [train, test] = standardise(codes, codesTest);
  let sumTrain = 0;
  let sumTest = 0;
  let count = 0;
  for (let f = 0; f < factors[0].length; f++) {
    const y = column(factors, f);
    const yTest = column(factorsTest, f);
    if (new Set(y).size < 2) continue;
    const model = fitLogisticRegression(train, y, options.logistic);
    sumTrain += macroAuc(predictProbaLogisticRegression(model, train), model.classes, y);
    sumTest += macroAuc(predictProbaLogisticRegression(model, test), model.classes, yTest);
    count++;
  }
  return { modularity: score, explicitness_train: sumTrain / count, explicitness_test: sumTest / count };
}

/** Modularity and explicitness of a representation on points drawn from the dataset's factor space. */
export async function modularityExplicitness(
  dataset: ImageDataset, represent: RepresentationFn, options: ModularityExplicitnessSamplingOptions = {},
): Promise<ModularityExplicitnessResult> {
  const space = requireFactors(dataset, 'modularityExplicitness');
  const rng = createRng(options.seed ?? 0);
  const batch = options.batchSize ?? 16;
  const train = await generateFactorCodes(space, represent, options.numTrain ?? 10_000, rng, batch);
  const test = await generateFactorCodes(space, represent, options.numTest ?? 5_000, rng, batch);
  return modularityExplicitnessFromCodes(train.codes, train.factors, test.codes, test.factors, options);
}
