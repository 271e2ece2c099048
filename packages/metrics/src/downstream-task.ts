/**
 * The downstream task of disentanglement_lib (`evaluation/metrics/downstream_task.py`;
 * Locatello et al. 2019, "Challenging Common Assumptions in the Unsupervised Learning of
 * Disentangled Representations", https://arxiv.org/abs/1811.12359, Section 6): how well each
 * factor can be predicted from the code with few labels. For every training size (10, 100,
 * 1,000 and 10,000 points) fresh train points and 5,000 test points are drawn, one classifier
 * per factor is fitted, and the mean (and the worst) accuracy over factors is reported. Two
 * predictors, as its two configurations: `lr`, `LogisticRegressionCV(Cs=10, cv=5 folds)`
 * (`logistic-regression-cv.ts`), and `gbt`, sklearn's default `GradientBoostingClassifier()`
 * (`gradient-boosting.ts`).
 *
 * Names: `downstream_<lr|gbt>_<size>_train_accuracy`, `_test_accuracy` (the means over factors)
 * and `_min_test_accuracy`, disentanglement_lib's `<size>:mean_train_accuracy` and so on.
 */
import { createRng } from '@vaelab/core';
import type { ImageDataset } from '@vaelab/core';
import { fitGradientBoosting, predictGradientBoosting } from './gradient-boosting.ts';
import type { GradientBoostingOptions } from './gradient-boosting.ts';
import { fitLogisticRegressionCv } from './logistic-regression-cv.ts';
import type { LogisticRegressionCvOptions, Predictor } from './logistic-regression-cv.ts';
import { column } from './matrix.ts';
import type { Matrix } from './matrix.ts';
import { generateFactorCodes, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';

/** The two predictors of disentanglement_lib's downstream-task configurations. */
export type DownstreamPredictor = 'lr' | 'gbt';

export interface DownstreamOptions {
  /** Predictors to run. @default ['lr', 'gbt'] */
  readonly predictors?: readonly DownstreamPredictor[];
  /** Options of `LogisticRegressionCV`. @default {} */
  readonly logisticCv?: LogisticRegressionCvOptions;
  /** Options of the gradient-boosted trees (sklearn defaults). @default {} */
  readonly boosting?: GradientBoostingOptions;
}

export interface DownstreamSamplingOptions extends DownstreamOptions {
  /** Training sizes. @default [10, 100, 1000, 10000] */
  readonly numTrain?: readonly number[];
  /** Test points per training size. @default 5000 */
  readonly numTest?: number;
  /** Images per representation call. @default 16 */
  readonly batchSize?: number;
  /** Seed of the factor sampler. @default 0 */
  readonly seed?: number;
}

/** Accuracies of one predictor on one training set. */
export interface DownstreamAccuracy {
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  readonly minTestAccuracy: number;
  /** Test accuracy of each factor. */
  readonly perFactor: Float64Array;
}

function fitPredictor(kind: DownstreamPredictor, x: Matrix, y: Float64Array, factor: number, options: DownstreamOptions): Predictor {
  if (kind === 'lr') return fitLogisticRegressionCv(x, y, options.logisticCv);
  if (new Set(y).size < 2) return { predict: (points) => new Float64Array(points.length).fill(y[0]) };
  const model = fitGradientBoosting(x, y, { ...options.boosting, seed: (options.boosting?.seed ?? 0) + factor });
  return { predict: (points) => predictGradientBoosting(model, points) };
}

function accuracy(predicted: Float64Array, truth: Float64Array): number {
  let hits = 0;
  for (let t = 0; t < truth.length; t++) if (predicted[t] === truth[t]) hits++;
  return hits / truth.length;
}

/** One predictor per factor fitted on the train codes, scored on train and test (disentanglement_lib `_compute_loss`). */
export function downstreamAccuracy(
  kind: DownstreamPredictor, codes: Matrix, factors: Matrix, codesTest: Matrix, factorsTest: Matrix, options: DownstreamOptions = {},
): DownstreamAccuracy {
  if (codes.length !== factors.length || codesTest.length !== factorsTest.length) throw new RangeError('downstream: codes and factors differ in length');
  const k = factors[0].length;
  let train = 0;
  const perFactor = new Float64Array(k);
  for (let f = 0; f < k; f++) {
    const y = column(factors, f);
    const model = fitPredictor(kind, codes, y, f, options);
    train += accuracy(model.predict(codes), y) / k;
    perFactor[f] = accuracy(model.predict(codesTest), column(factorsTest, f));
  }
  return { trainAccuracy: train, testAccuracy: perFactor.reduce((s, v) => s + v, 0) / k, minTestAccuracy: Math.min(...perFactor), perFactor };
}

/** The downstream task of a representation: every predictor at every training size. */
export async function downstreamTask(
  dataset: ImageDataset, represent: RepresentationFn, options: DownstreamSamplingOptions = {},
): Promise<Record<string, number>> {
  const space = requireFactors(dataset, 'downstreamTask');
  const rng = createRng(options.seed ?? 0);
  const batch = options.batchSize ?? 16;
  const out: Record<string, number> = {};
  for (const size of options.numTrain ?? [10, 100, 1000, 10_000]) {
    const train = await generateFactorCodes(space, represent, size, rng, batch);
    const test = await generateFactorCodes(space, represent, options.numTest ?? 5000, rng, batch);
    for (const kind of options.predictors ?? ['lr', 'gbt']) {
      const r = downstreamAccuracy(kind, train.codes, train.factors, test.codes, test.factors, options);
      out[`downstream_${kind}_${size}_train_accuracy`] = r.trainAccuracy;
      out[`downstream_${kind}_${size}_test_accuracy`] = r.testAccuracy;
      out[`downstream_${kind}_${size}_min_test_accuracy`] = r.minTestAccuracy;
    }
  }
  return out;
}
