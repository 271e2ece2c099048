/**
 * How the model-level metrics read a dataset: which examples, how their pixels are binarized
 * and which labels a conditional model is given. One convention for every metric of this
 * folder, the same as core's `evaluateModel`: a Bernoulli model sees dynamically binarized
 * pixels drawn from a seeded generator, any other model grey levels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { binarizationFor, binarize, checkLabels, heldOutIndices } from '@vaelab/core';
import type { VaeModel, Binarization, ImageDataset, Rng } from '@vaelab/core';

/** The binarization a model is trained with by default: core's one rule, by its likelihood. */
export function defaultBinarization(model: VaeModel): Binarization {
  return binarizationFor(model.config.likelihood);
}

/** Whether the model's encoder and decoder take a class condition (CVAE). */
export function isConditional(model: VaeModel): boolean {
  return model.condition !== undefined;
}

/**
 * The examples a metric reads: core's `heldOutIndices`, a seeded uniform sample without
 * replacement (all of a smaller set), because some sets are ordered by their factors
 * (dSprites: the first thousand images are all the same square). With one seed, metrics with
 * smaller budgets read a prefix of the examples of larger ones, and of `evaluateModel`'s.
 */
export function chooseIndices(data: ImageDataset, n: number, seed: number): Int32Array {
  if (!(n > 0)) throw new RangeError(`${data.name}: need at least one example, asked for ${n}`);
  return heldOutIndices(data.size, { maxExamples: n, seed });
}

/** Checks that a model can read a dataset: same image size, and labels of its classes for a conditional model (core's `checkLabels`). */
export function checkModelData(model: VaeModel, data: ImageDataset, what: string): void {
  const [h, w, c] = data.shape;
  if (h * w * c !== model.inputSize) {
    throw new Error(`${what}: the model takes ${model.config.inputShape.join('x')} images, dataset '${data.name}' has ${data.shape.join('x')}`);
  }
  checkLabels(model, data);
}

/** One batch of examples as the model sees it. */
export interface ModelBatch {
  /** `n x inputSize` pixels, binarized as asked. */
  readonly pixels: Float32Array;
  /** Class labels, read only for a conditional model. */
  readonly labels?: Int32Array;
  readonly n: number;
}

/** Reads examples `indices`, binarizes them with `rng` and fetches labels when the model needs them. */
export function readBatch(model: VaeModel, data: ImageDataset, indices: Int32Array, binarization: Binarization, rng: Rng): ModelBatch {
  const pixels = binarize(data.images(indices), binarization, rng);
  const labels = isConditional(model) ? data.labels!(indices) : undefined;
  return { pixels, labels, n: indices.length };
}

/** Consecutive slices of `indices` of at most `batchSize` (views, no copy). */
export function* slices(indices: Int32Array, batchSize: number): Generator<Int32Array> {
  const size = Math.max(1, Math.floor(batchSize));
  for (let start = 0; start < indices.length; start += size) yield indices.subarray(start, start + size);
}

/** Reads a 2-D tensor back as float64 rows (the pure metrics work in float64); the caller disposes it. */
export function tensorRows(t: tf.Tensor2D): Float64Array[] {
  const [n, d] = t.shape;
  const values = t.dataSync();
  const rows: Float64Array[] = [];
  for (let i = 0; i < n; i++) rows.push(Float64Array.from(values.subarray(i * d, (i + 1) * d)));
  return rows;
}

/** The column of the factor rows that equals the dataset's labels, or -1. */
export function labelFactor(data: ImageDataset): number {
  const space = data.factors;
  if (!space || !data.labels || data.size === 0) return -1;
  const probe = Int32Array.from({ length: Math.min(64, data.size) }, (_, i) => Math.floor((i * data.size) / Math.min(64, data.size)));
  const labels = data.labels(probe);
  const rows = space.factorsOf(probe);
  const k = space.sizes.length;
  for (let f = 0; f < k; f++) if (labels.every((y, i) => rows[i * k + f] === y)) return f;
  return -1;
}
