/**
 * Importance-sampled log-likelihood (Burda, Grosse & Salakhutdinov 2015, "Importance Weighted
 * Autoencoders", https://arxiv.org/abs/1509.00519, eq. 8 and Section 5.1):
 *
 *   log p(x) >= L_k = E[log (1/k) sum_i w_i],   w_i = p(x, z_i) / q(z_i | x),  z_i ~ q(z | x)
 *
 * The paper's protocol estimates log p(x) with k = 5000 on the test set. The weights come from
 * the model itself (its public `logImportanceWeights`, summed over every stochastic layer), so
 * every variant is measured by one code path. Each example is binarized once and
 * repeated k times; rows go through the model `chunk` at a time (several examples per pass when
 * k is small, one example over several passes when k is large), so memory is bounded by `chunk`
 * rows whatever k is. The log-mean-exp is accumulated in float64 with a running maximum.
 *
 * `log_likelihood_elbo` is the model's ELBO (closed-form KL, as `evaluateModel` computes it) on
 * the same examples and the same binarized pixels, so that the two numbers compare directly:
 * L_k >= ELBO up to Monte Carlo noise. Compared on different examples, the spread between
 * examples (several nats on dSprites) would swamp the gap.
 */
import * as tf from '@tensorflow/tfjs-core';
import { EVALUATION_STEP, createRng } from '@vaelab/core';
import type { VaeModel, Binarization, ImageDataset } from '@vaelab/core';
import { checkModelData, chooseIndices, defaultBinarization, readBatch } from './batches.ts';

/** Options of {@link iwaeLogLikelihood}. */
export interface IwaeOptions {
  /** Importance samples per example (Burda et al.'s evaluation uses 5000). @default 5000 */
  k?: number;
  /** Examples measured (all of a smaller set; a seeded draw otherwise). @default 2000 */
  examples?: number;
  /** Seed of the example draw, the binarization and the posterior samples. @default 0 */
  seed?: number;
  /** Rows per forward pass. @default 1000 */
  chunk?: number;
  /** @default 'dynamic' for a Bernoulli model, else 'none' (as training) */
  binarization?: Binarization;
}

/** The sweep setting: k = 100 importance samples on 500 examples. */
export const IWAE_QUICK: Readonly<Required<Pick<IwaeOptions, 'k' | 'examples'>>> = { k: 100, examples: 500 };
/** Burda et al.'s protocol: k = 5000 (on up to 10,000 test examples, the MNIST test set). */
export const IWAE_FULL: Readonly<Required<Pick<IwaeOptions, 'k' | 'examples'>>> = { k: 5000, examples: 10_000 };

/** Streaming log-sum-exp in float64. */
class LogSumExp {
  private max = -Infinity;
  private sum = 0;
  add(v: number): void {
    if (v === -Infinity) return;
    if (v > this.max) {
      this.sum = this.sum * Math.exp(this.max - v) + 1;
      this.max = v;
    } else {
      this.sum += Math.exp(v - this.max);
    }
  }
  value(): number {
    return this.max + Math.log(this.sum);
  }
}

/**
 * Mean over examples of log (1/k) sum_i w_i, in nats (`log_likelihood`). With k = 1 it is the
 * single-sample ELBO estimate with a sampled KL; it does not decrease with k in expectation.
 */
export function iwaeLogLikelihood(model: VaeModel, data: ImageDataset, options: IwaeOptions = {}): { log_likelihood: number; log_likelihood_elbo: number } {
  checkModelData(model, data, 'iwaeLogLikelihood');
  const k = options.k ?? 5000;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`iwaeLogLikelihood: k must be a positive integer, got ${k}`);
  const chunk = Math.max(1, Math.floor(options.chunk ?? 1000));
  const seed = options.seed ?? 0;
  const binarization = options.binarization ?? defaultBinarization(model);
  const indices = chooseIndices(data, options.examples ?? 2000, seed);
  const dataRng = createRng(seed + 1);
  const noise = createRng(seed + 2);
  const elboNoise = createRng(seed + 4);
  const width = model.inputSize;
  const perPass = Math.max(1, Math.floor(chunk / k)); // examples per pass when k < chunk
  let total = 0;
  let elboTotal = 0;

  for (let start = 0; start < indices.length; start += perPass) {
    const batch = readBatch(model, data, indices.subarray(start, start + perPass), binarization, dataRng);
    const sums = Array.from({ length: batch.n }, () => new LogSumExp());
    elboTotal += batch.n * tf.tidy(() => model.lossTerms(tf.tensor2d(batch.pixels, [batch.n, width]), EVALUATION_STEP, batch.labels, elboNoise).elbo.dataSync()[0]);
    // Passes over the n * k rows [example 0 x k, example 1 x k, ...], `chunk` rows at a time:
    // several whole examples per pass when k < chunk, else one example over several passes.
    if (k <= chunk) {
      const weights = tf.tidy(() => model.logImportanceWeights(tf.tensor2d(batch.pixels, [batch.n, width]), k, { label: batch.labels, noise }).dataSync());
      for (let r = 0; r < weights.length; r++) sums[Math.floor(r / k)].add(weights[r]);
    } else {
      for (let from = 0; from < k; from += chunk) {
        const count = Math.min(chunk, k - from);
        const weights = tf.tidy(() => model.logImportanceWeights(tf.tensor2d(batch.pixels, [1, width]), count, { label: batch.labels, noise }).dataSync());
        for (let r = 0; r < count; r++) sums[0].add(weights[r]);
      }
    }
    for (const s of sums) total += s.value() - Math.log(k);
  }
  return { log_likelihood: total / indices.length, log_likelihood_elbo: elboTotal / indices.length };
}
