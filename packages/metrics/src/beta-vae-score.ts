/**
 * beta-VAE disentanglement score (Higgins et al. 2017, "beta-VAE: Learning Basic Visual Concepts
 * with a Constrained Variational Framework", https://openreview.net/forum?id=Sy2fzU9gl),
 * following disentanglement_lib's `evaluation/metrics/beta_vae.py` (`compute_beta_vae_sklearn`).
 *
 * One training point: pick a factor index uniformly, draw two batches of factor vectors that
 * share that factor's value pairwise, encode both, and take the mean over the batch of
 * |z1 - z2|; the label is the fixed factor. A linear classifier (sklearn's default
 * `LogisticRegression`, see logistic-regression.ts) predicts the label; the score is its
 * accuracy on the training points and on fresh evaluation points.
 */
import { createRng } from '@vaelab/core';
import type { FactorSpace, ImageDataset, Rng } from '@vaelab/core';
import { fitLogisticRegression, predictLogisticRegression } from './logistic-regression.ts';
import type { LogisticRegressionOptions } from './logistic-regression.ts';
import type { Matrix } from './matrix.ts';
import { representGroups, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';

export interface BetaVaeScoreOptions {
  /** Pairs averaged into one feature vector. @default 64 */
  readonly batchSize?: number;
  /** Training feature vectors. @default 10000 */
  readonly numTrain?: number;
  /** Evaluation feature vectors. @default 5000 */
  readonly numEval?: number;
  /** Seed of the factor sampler. @default 0 */
  readonly seed?: number;
  /** Classifier options (sklearn defaults). @default {} */
  readonly classifier?: LogisticRegressionOptions;
}

export interface BetaVaeScoreResult {
  readonly beta_vae_train_accuracy: number;
  readonly beta_vae_eval_accuracy: number;
}

/**
 * Accuracy of the logistic-regression classifier trained on `trainFeatures` (points x code
 * dims) / `trainLabels` (fixed-factor index) and evaluated on both sets.
 */
export function betaVaeScoreFromFeatures(
  trainFeatures: Matrix, trainLabels: ArrayLike<number>, evalFeatures: Matrix, evalLabels: ArrayLike<number>,
  options: LogisticRegressionOptions = {},
): BetaVaeScoreResult {
  const accuracy = (x: Matrix, y: ArrayLike<number>, model: ReturnType<typeof fitLogisticRegression>) => {
    const pred = predictLogisticRegression(model, x);
    let hits = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hits++;
    return hits / pred.length;
  };
  if (new Set(Array.from(trainLabels)).size < 2) {
    // A single fixed factor (one-factor dataset or tiny sample): the constant classifier.
    const only = trainLabels[0];
    const evalHits = Array.from(evalLabels).filter((v) => v === only).length;
    return { beta_vae_train_accuracy: 1, beta_vae_eval_accuracy: evalHits / evalLabels.length };
  }
  const model = fitLogisticRegression(trainFeatures, trainLabels, options);
  return {
    beta_vae_train_accuracy: accuracy(trainFeatures, trainLabels, model),
    beta_vae_eval_accuracy: accuracy(evalFeatures, evalLabels, model),
  };
}

/**
 * disentanglement_lib's `_generate_training_batch`: `numPoints` features, each the mean
 * |z(x1) - z(x2)| over `batchSize` pairs sharing one randomly chosen factor (the label). The
 * pairs are drawn in the reference's order and encoded many points at a time.
 */
async function featureBatch(
  space: FactorSpace, representFn: RepresentationFn, batchSize: number, numPoints: number, rng: Rng,
): Promise<{ features: Float64Array[]; labels: Int32Array }> {
  const numFactors = space.sizes.length;
  const labels = new Int32Array(numPoints);
  const groups: Int32Array[] = [];
  for (let p = 0; p < numPoints; p++) {
    const index = rng.int(numFactors);
    const f1 = space.sample(batchSize, rng);
    const f2 = space.sample(batchSize, rng);
    for (let i = 0; i < batchSize; i++) f2[i * numFactors + index] = f1[i * numFactors + index];
    labels[p] = index;
    groups.push(f1, f2);
  }
  const { codes, dim } = await representGroups(space, representFn, groups);
  const features = labels.length === 0 ? [] : Array.from(labels, (_, p) => {
    const z1 = codes[2 * p];
    const z2 = codes[2 * p + 1];
    const feature = new Float64Array(dim);
    for (let i = 0; i < batchSize; i++) for (let j = 0; j < dim; j++) feature[j] += Math.abs(z1[i * dim + j] - z2[i * dim + j]);
    for (let j = 0; j < dim; j++) feature[j] /= batchSize;
    return feature;
  });
  return { features, labels };
}

/** beta-VAE score of a representation on the dataset's factor space. */
export async function betaVaeScore(
  dataset: ImageDataset, representFn: RepresentationFn, options: BetaVaeScoreOptions = {},
): Promise<BetaVaeScoreResult> {
  const space = requireFactors(dataset, 'betaVaeScore');
  const rng = createRng(options.seed ?? 0);
  const batchSize = options.batchSize ?? 64;
  const train = await featureBatch(space, representFn, batchSize, options.numTrain ?? 10_000, rng);
  const evals = await featureBatch(space, representFn, batchSize, options.numEval ?? 5_000, rng);
  return betaVaeScoreFromFeatures(train.features, train.labels, evals.features, evals.labels, options.classifier);
}
