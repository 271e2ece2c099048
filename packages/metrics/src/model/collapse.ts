/**
 * Posterior collapse of a trained model, measured on a set of examples with the pure
 * estimators of `../posterior-collapse.ts`:
 *
 * - `kl`, `kl/dim<j>` (0-based): the model's own KL terms per latent dimension
 *   (`model.posterior(x).klPerDimension`), averaged over the examples. For a single-layer model this is
 *   the closed form 0.5 (mu^2 + exp(logvar) - 1 - logvar) against N(0, I); for a hierarchical
 *   model the top layer's is that closed form and a lower layer's the sampled
 *   log q(z_l | .) - log p(z_l | z_{l+1}), exactly the terms the model trains on, concatenated
 *   bottom-up.
 * - `active_units`: Burda et al. 2015 ("Importance Weighted Autoencoders", Section 5.2),
 *   Cov_x(E_q[z_j | x]) > 0.01 over the posterior means; for a hierarchical model the sum over
 *   its layers. As in their code (`get_units_variances` in the IWAE repository), the means of
 *   layer l + 1 are those of q(z_{l+1} | z_l) at a sample z_l of the layer below (the chain
 *   x -> z1 -> z2 ... drawn once per example), not at the propagated means; that is what the
 *   forward pass computes, so its `layers[l].mu` are used.
 * - `mutual_information`: He et al. 2019's estimator (`calc_mi`) with one z drawn from q(z|x)
 *   per example. Deviation: q(z) is estimated from all measured examples at once by default,
 *   not per test batch of 50 as their loop does, because the estimate cannot exceed log B for
 *   B examples per estimate: with B = 50 (3.91 nats) healthy MNIST models all sit at the
 *   ceiling, with B = 1,000 it is 6.91. `mi_batch_size` records the B used, so a reader knows
 *   the ceiling. For a hierarchical
 *   model it is computed on the bottom layer z1: inference is the chain x -> z1 -> z2 ..., so
 *   I(x; z1, ..., zL) = I(x; z1).
 * - `kl/layer<i>`, `active_units/layer<i>` (1-based, bottom first) for hierarchical models.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@vaelab/core';
import type { VaeModel, Binarization, ImageDataset } from '@vaelab/core';
import { activeUnits, mutualInformation } from '../posterior-collapse.ts';
import type { Row } from '../matrix.ts';
import { checkModelData, chooseIndices, defaultBinarization, readBatch, slices, tensorRows } from './batches.ts';

/** Options of {@link collapseMetrics}. */
export interface CollapseOptions {
  /** Examples measured (all of a smaller set; a seeded draw otherwise). @default 2000 */
  examples?: number;
  /** Seed of the example draw, the binarization and the posterior samples. @default 0 */
  seed?: number;
  /** @default 'dynamic' for a Bernoulli model, else 'none' (as training) */
  binarization?: Binarization;
  /**
   * Examples per aggregate-posterior estimate of the mutual information; the estimate's
   * ceiling is log of it (He et al. 2019 used their batch size, 50). @default all examples
   */
  miBatchSize?: number;
  /** Variance of the posterior mean above which a unit is active. @default 0.01 */
  threshold?: number;
  /** Examples per forward pass. @default 500 */
  batchSize?: number;
}

/** Posterior parameters of one layer, as float64 rows. */
interface LayerRows {
  means: Row[];
}

/** Posterior-collapse numbers of `model` on `data` under the store's names (see the file comment). */
export function collapseMetrics(model: VaeModel, data: ImageDataset, options: CollapseOptions = {}): Record<string, number> {
  checkModelData(model, data, 'collapseMetrics');
  const seed = options.seed ?? 0;
  const binarization = options.binarization ?? defaultBinarization(model);
  const indices = chooseIndices(data, options.examples ?? 2000, seed);
  if (indices.length < 2) throw new RangeError(`collapseMetrics: needs at least two examples, dataset '${data.name}' has ${data.size}`);
  const dataRng = createRng(seed + 1);
  const noise = createRng(seed + 2);
  const [lo, hi] = model.config.logvarRange;
  const klSum = new Float64Array(model.latentSize);
  const layers: LayerRows[] = [];
  const bottom = { mu: [] as Row[], logvar: [] as Row[], z: [] as Row[] };

  for (const slice of slices(indices, options.batchSize ?? 500)) {
    const batch = readBatch(model, data, slice, binarization, dataRng);
    tf.tidy(() => {
      const x = tf.tensor2d(batch.pixels, [batch.n, model.inputSize]);
      const pass = model.posterior(x, { label: batch.labels, noise });
      pass.layers.forEach(({ mu }, l) => {
        layers[l] ??= { means: [] };
        layers[l].means.push(...tensorRows(mu));
      });
      const perDim = tf.sum(pass.klPerDimension, 0).dataSync();
      for (let j = 0; j < klSum.length; j++) klSum[j] += perDim[j];
      const first = pass.layers[0];
      bottom.mu.push(...tensorRows(first.mu));
      bottom.logvar.push(...tensorRows(tf.clipByValue(first.logvar, lo, hi) as tf.Tensor2D));
      bottom.z.push(...tensorRows(first.z));
    });
  }

  const n = indices.length;
  const out: Record<string, number> = {};
  let kl = 0;
  for (let j = 0; j < klSum.length; j++) {
    out[`kl/dim${j}`] = klSum[j] / n;
    kl += klSum[j] / n;
  }
  out.kl = kl;
  const threshold = options.threshold ?? 0.01;
  const perLayer = layers.map((l) => activeUnits(l.means, { threshold }).count);
  out.active_units = perLayer.reduce((a, b) => a + b, 0);
  const miBatch = Math.min(options.miBatchSize ?? n, n);
  out.mutual_information = mutualInformation(bottom.mu, bottom.logvar, bottom.z, { batchSize: miBatch });
  out.mi_batch_size = miBatch;
  if (layers.length > 1) {
    let offset = 0;
    layers.forEach((layer, l) => {
      const width = layer.means[0].length;
      let sum = 0;
      for (let j = offset; j < offset + width; j++) sum += klSum[j] / n;
      out[`kl/layer${l + 1}`] = sum;
      out[`active_units/layer${l + 1}`] = perLayer[l];
      offset += width;
    });
  }
  return out;
}
