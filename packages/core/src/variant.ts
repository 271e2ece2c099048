import type * as tf from '@tensorflow/tfjs-core';
import type { BaseVaeConfig } from './config.ts';
import type { ImageDataset } from './data.ts';
import type { EvalResult, FitOptions, FitResult } from './train-types.ts';

/** One stochastic layer's posterior (and, for a hierarchical model, its conditional prior). */
export interface LatentLayer {
  mu: tf.Tensor2D;
  logvar: tf.Tensor2D;
  z: tf.Tensor2D;
  /** Conditional prior p(z_i | z_{i+1}); absent for a standard-normal prior. */
  priorMu?: tf.Tensor2D;
  priorLogvar?: tf.Tensor2D;
}

/**
 * The one named object every objective takes (never positional arguments). `recon` is the
 * decoder output: logits for a Bernoulli likelihood, means for a Gaussian.
 */
export interface ObjectiveInput {
  x: tf.Tensor2D;
  recon: tf.Tensor2D;
  mu: tf.Tensor2D;
  logvar: tf.Tensor2D;
  z: tf.Tensor2D;
  /** 0-based training step, for schedules. */
  step: number;
  /** Condition vector (one-hot label) of a conditional model. */
  condition?: tf.Tensor2D;
  /** Every stochastic layer, bottom (z1) first, for hierarchical models. */
  layers?: LatentLayer[];
}

/**
 * The terms every variant reports, under fixed names. All are batch means in nats per example.
 * `loss` is what is minimised; `elbo` is always the true ELBO (KL weight 1) so that variants
 * can be compared; `klPerDim` is the KL of each latent dimension (concatenated across layers).
 */
export interface LossTerms {
  loss: tf.Scalar;
  elbo: tf.Scalar;
  reconstruction: tf.Scalar;
  kl: tf.Scalar;
  klPerDim: tf.Tensor1D;
  /** KL of each stochastic layer, reported as `kl/layer1`, `kl/layer2`, ... */
  klPerLayer?: tf.Scalar[];
}

/** The batch of one training step, as {@link BaseVAE.auxiliaryStep} receives it. */
export interface AuxiliaryBatch {
  /** The step's (binarized) images, `[batch, pixels]`. */
  x: tf.Tensor2D;
  /** 0-based training step. */
  step: number;
  /** Class labels of a conditional model's batch. */
  labels?: ArrayLike<number>;
}

/** Posterior parameters of a batch; `layers` for hierarchical models (bottom first). */
export interface Encoding {
  mu: tf.Tensor2D;
  logvar: tf.Tensor2D;
  layers?: { mu: tf.Tensor2D; logvar: tf.Tensor2D }[];
}

/** Options of {@link Variant.sample} and friends for conditional models. */
export interface ConditionOptions {
  /** Class label(s) for a conditional model: one for all rows, or one per row. */
  label?: number | ArrayLike<number>;
}

/**
 * What every VAE variant offers: the same training, encoding and generation API, and the same
 * reported terms. Implemented by `BaseVAE` in this package; variants override its hooks.
 */
export interface Variant {
  /** Registered variant name, e.g. `vae`, `beta-vae`. */
  readonly variantName: string;
  readonly config: BaseVaeConfig;
  fit(train: ImageDataset, options?: FitOptions): Promise<FitResult>;
  evaluate(data: ImageDataset, options?: { maxExamples?: number; seed?: number }): EvalResult;
  encode(x: tf.Tensor2D, options?: ConditionOptions): Encoding;
  decode(z: tf.Tensor2D, options?: ConditionOptions): tf.Tensor2D;
  reconstruct(x: tf.Tensor2D, options?: ConditionOptions): tf.Tensor2D;
  sample(n: number, options?: ConditionOptions & { seed?: number }): tf.Tensor2D;
  interpolate(a: tf.Tensor2D, b: tf.Tensor2D, steps: number, options?: ConditionOptions): tf.Tensor2D;
  save(path: string): Promise<void>;
  toBytes(): Uint8Array;
  dispose(): void;
}
