import type * as tf from '@tensorflow/tfjs-core';
import type { ConditionOptions, Encoding, LatentLayer, LossTerms, Variant } from './variant.ts';
import type { DecoderDescription, DecoderInputs } from './decoder-description.ts';
import type { Rng } from './rng.ts';

/**
 * The step at which a model is evaluated rather than trained: past the end of every KL schedule
 * (`klWeight` returns the linear warm-up's `to`, the cyclical schedule's `max`, the constant's
 * weight) and every capacity ramp (C = `capacity.max`), so an evaluation's `loss` is the
 * objective the training ended on. vaelab's variants have no other training-only behaviour
 * (no dropout or batch statistics) that evaluation would switch off.
 */
export const EVALUATION_STEP = Number.MAX_SAFE_INTEGER;

/** What a conditional model is conditioned on: a one-hot class of `classes` values (CVAE, Sohn et al. 2015). */
export interface ModelCondition {
  /** Classes of the label; the condition is a vector of this width. */
  classes: number;
}

/** One stochastic layer of a model, bottom (next to x) first. */
export interface LatentLayerInfo {
  /** `z` for a single-layer model, `z1`, `z2`, ... for a hierarchical one. */
  name: string;
  /** Dimensions of the layer. */
  size: number;
}

/** Options of the evaluation passes: the condition's labels and the noise stream the samples z are drawn from. */
export interface PassOptions extends ConditionOptions {
  /** Source of the reparameterisation noise. @default the model's own seeded stream */
  noise?: Rng;
}

/** One evaluation-mode pass of a batch through the inference network. */
export interface PosteriorPass {
  /**
   * Every stochastic layer, bottom first: posterior mean and log-variance (as the encoder gives
   * them, before the model's log-variance clipping) and one sample z. A hierarchical model's
   * upper layers are those of q(z_{l+1} | z_l) at the sampled z_l, and a lower layer carries its
   * conditional prior p(z_l | z_{l+1}) at the sampled z_{l+1} (`priorMu`, `priorLogvar`).
   */
  layers: LatentLayer[];
  /**
   * The KL term of each example and latent dimension, `[batch, latentSize]`, layers concatenated
   * bottom first: the closed form against N(0, I) for a single layer (and a hierarchical
   * model's top), the sampled log q - log p below it. Exactly the terms the model trains on.
   */
  klPerDimension: tf.Tensor2D;
}

/**
 * What metrics, reports and the command line may use of a trained model. Training hooks
 * (`forward`, `objective`, `regularizer`, `conditionOf`, ...) are protected members of
 * `BaseVAE`, for variants to override; code outside a variant calls only these.
 */
export interface VaeModel extends Variant {
  /** Values per image. */
  readonly inputSize: number;
  /** Total latent dimensions across layers (the width of `klPerDimension`). */
  readonly latentSize: number;
  /** Width of the code `sample` and `decode` start from (a hierarchical model's top layer). */
  readonly priorSize: number;
  /** The stochastic layers, bottom first. */
  readonly latentLayers: readonly LatentLayerInfo[];
  /** Present for a conditional model: its `{ label }` options and datasets need class labels. */
  readonly condition: ModelCondition | undefined;
  /** What the decoder reads (z1 and the condition). */
  readonly decoderInputs: DecoderInputs;
  posterior(x: tf.Tensor2D, options?: PassOptions): PosteriorPass;
  klPerDimension(x: tf.Tensor2D, options?: PassOptions): tf.Tensor2D;
  logImportanceWeights(x: tf.Tensor2D, k: number, options?: PassOptions): tf.Tensor2D;
  /** Loss terms of a batch at `step` (`EVALUATION_STEP` to evaluate); labels for a conditional model. */
  lossTerms(x: tf.Tensor2D, step: number, labels?: ArrayLike<number>, rng?: Rng): LossTerms;
  decodeBottom(z1: tf.Tensor2D, options?: ConditionOptions): tf.Tensor2D;
  describeDecoder(): DecoderDescription;
  encode(x: tf.Tensor2D, options?: ConditionOptions): Encoding;
}
