import * as tf from '@tensorflow/tfjs-core';
import { binarize } from './data.ts';
import type { Binarization, ImageDataset } from './data.ts';
import { HELD_OUT_CAP, heldOutIndices } from './held-out.ts';
import { createRng } from './rng.ts';
import { EVALUATION_STEP } from './contract.ts';
import { checkLabels } from './labels.ts';
import { binarizationFor } from './training-config.ts';
import type { BaseVAE } from './model.ts';
import type { EvalResult } from './train-types.ts';

/** The binarization a model is trained and evaluated with unless told otherwise: its likelihood's ({@link binarizationFor}). */
export function defaultBinarization(model: BaseVAE): Binarization {
  return binarizationFor(model.config.likelihood);
}

/** Options of {@link evaluateModel}. */
export interface EvaluateOptions {
  /** Cap on examples: a split larger than this is evaluated on a seeded random sample of this size (`heldOutIndices`). @default 10000 */
  maxExamples?: number;
  /** Seed of the example draw, the binarization and the reparameterisation noise, so repeated evaluations agree. @default 0 */
  seed?: number;
  /** @default the likelihood's ({@link binarizationFor}) */
  binarization?: Binarization;
  /** @default 500 */
  batchSize?: number;
}

/**
 * Average loss terms over a seeded random sample of a held-out split (all of it when it has at
 * most `maxExamples` examples), in batches, with fixed noise.
 */
export function evaluateModel(model: BaseVAE, data: ImageDataset, options: EvaluateOptions = {}): EvalResult {
  checkLabels(model, data);
  const seed = options.seed ?? 0;
  const sample = heldOutIndices(data.size, { maxExamples: options.maxExamples ?? HELD_OUT_CAP, seed });
  const n = sample.length;
  if (n === 0) throw new RangeError(`evaluateModel: dataset '${data.name}' has no examples`);
  const batch = Math.min(options.batchSize ?? 500, n);
  const rng = createRng(seed);
  const binarization = options.binarization ?? defaultBinarization(model);
  const sums = { loss: 0, elbo: 0, reconstruction: 0, kl: 0 };
  const klPerDim = new Float64Array(model.latentSize);
  let klPerLayer: Float64Array | undefined;
  for (let start = 0; start < n; start += batch) {
    const rows = Math.min(batch, n - start);
    const indices = sample.subarray(start, start + rows);
    const pixels = binarize(data.images(indices), binarization, rng);
    const labels = model.condition ? data.labels!(indices) : undefined;
    const [scalars, perDim] = tf.tidy(() => {
      const t = model.lossTerms(tf.tensor2d(pixels, [rows, model.inputSize]), EVALUATION_STEP, labels, rng);
      return [tf.stack([t.loss, t.elbo, t.reconstruction, t.kl, ...(t.klPerLayer ?? [])]).dataSync(), t.klPerDim.dataSync()];
    });
    sums.loss += scalars[0] * rows;
    sums.elbo += scalars[1] * rows;
    sums.reconstruction += scalars[2] * rows;
    sums.kl += scalars[3] * rows;
    for (let j = 0; j < klPerDim.length; j++) klPerDim[j] += perDim[j] * rows;
    if (scalars.length > 4) {
      klPerLayer ??= new Float64Array(scalars.length - 4);
      for (let l = 0; l < klPerLayer.length; l++) klPerLayer[l] += scalars[4 + l] * rows;
    }
  }
  return {
    examples: n,
    loss: sums.loss / n,
    elbo: sums.elbo / n,
    reconstruction: sums.reconstruction / n,
    kl: sums.kl / n,
    klPerDim: Array.from(klPerDim, (v) => v / n),
    klPerLayer: klPerLayer ? Array.from(klPerLayer, (v) => v / n) : undefined,
  };
}
