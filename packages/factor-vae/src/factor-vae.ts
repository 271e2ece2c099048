import * as tf from '@tensorflow/tfjs-core';
import { BaseVAE, createRng, mlp, normalizeConfig } from '@vaelab/core';
import type { AuxiliaryBatch, Module, ObjectiveInput, Rng } from '@vaelab/core';
import { factorVaeConfigSchema } from './config.ts';
import type { FactorVaeConfig, FactorVaeInit } from './config.ts';
import { permuteDimensions } from './permute.ts';

/** disentanglement_lib clips the discriminator's probabilities before taking their log. */
const PROBABILITY_FLOOR = 1e-6;

/**
 * FactorVAE (Kim & Mnih 2018, "Disentangling by Factorizing"): the VAE plus gamma times the
 * total correlation TC = KL(q(z) || prod_j q(z_j)), estimated by a discriminator that tells
 * codes z ~ q(z) from codes whose dimensions were permuted across the batch (samples of
 * prod_j q(z_j)):
 *
 *   loss = reconstruction + KL + gamma * E[logit_0(z) - logit_1(z)]       (eq. 2 and 3)
 *
 * The discriminator (an MLP with leaky-ReLU units and 2 logits) is trained on its own
 * cross-entropy with its own Adam, in {@link FactorVAE.auxiliaryStep}, which core's training
 * loop calls after every VAE update; the VAE's optimizer never sees its variables, and its
 * gradient never reaches the VAE. This follows disentanglement_lib's `FactorVAE`, which trains
 * both on one batch; there the discriminator sees the same codes as the VAE step, here codes
 * drawn again from the updated encoder (Kim & Mnih's Algorithm 2 draws a second batch).
 *
 * The discriminator is not part of the checkpoint: it only serves training, and a loaded model
 * encodes, decodes and samples without it. A loaded model's `loss` therefore uses a fresh
 * discriminator; its `elbo`, reconstruction and KL are unaffected.
 *
 * @example
 * const model = new FactorVAE({ gamma: 40, inputShape: [64, 64, 1], latentDim: 10, architecture: { kind: 'conv' } });
 */
export class FactorVAE extends BaseVAE<FactorVaeConfig> {
  readonly variantName = 'factor-vae';
  /** The discriminator's variables by name; kept apart from {@link BaseVAE.variables}. */
  readonly discriminatorVariables: ReadonlyMap<string, tf.Variable>;
  private readonly discriminator: Module;
  private readonly discriminatorNoise: Rng;
  private optimizer?: tf.Optimizer;

  /** Builds a FactorVAE from a partial config; invalid fields throw a `ConfigError` naming them. */
  constructor(config: FactorVaeInit = {}) {
    super(normalizeConfig(factorVaeConfigSchema, config, 'FactorVAE config'));
    // A stream of its own, so the VAE's initialisation and noise are the plain VAE's for a seed.
    const rng = createRng(this.config.seed ^ 0x0fac7042);
    this.discriminator = mlp('discriminator', this.config.latentDim, this.config.discriminatorHidden, 2, 'leakyRelu', rng);
    this.discriminatorVariables = this.discriminator.variables;
    this.discriminatorNoise = rng.fork();
  }

  /** Discriminator logits `[batch, 2]`: column 0 for "from q(z)", column 1 for "permuted". */
  discriminate(z: tf.Tensor2D): tf.Tensor2D {
    return this.discriminator.apply(z) as tf.Tensor2D;
  }

  /** The discriminator's TC estimate on codes `z`: the mean log density ratio logit_0 - logit_1. */
  totalCorrelation(z: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const [real, permuted] = tf.split(this.discriminate(z), 2, 1);
      return tf.mean(tf.sub(real, permuted)) as tf.Scalar;
    });
  }

  /** KL (with the shared schedule and floor) plus gamma * TC. */
  protected override regularizer(klPerDim: tf.Tensor2D, step: number, input?: ObjectiveInput): tf.Scalar {
    const kl = super.regularizer(klPerDim, step);
    if (!input || this.config.gamma === 0) return kl;
    return tf.add(kl, tf.mul(this.totalCorrelation(input.z), this.config.gamma)) as tf.Scalar;
  }

  /**
   * The discriminator's loss: the cross-entropy of telling codes from permuted codes,
   * -(0.5 E[log D_0(z)] + 0.5 E[log D_1(permuted)]), probabilities clipped to [1e-6, 1 - 1e-6]
   * as in disentanglement_lib.
   */
  discriminatorLoss(z: tf.Tensor2D, permuted: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const logProbability = (codes: tf.Tensor2D, column: number): tf.Scalar => {
        const probabilities = tf.clipByValue(tf.softmax(this.discriminate(codes)), PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR);
        return tf.mean(tf.log(tf.slice(probabilities, [0, column], [-1, 1]))) as tf.Scalar;
      };
      return tf.mul(tf.add(logProbability(z, 0), logProbability(permuted, 1)), -0.5) as tf.Scalar;
    });
  }

  /** One Adam step of the discriminator on codes `z` and their permutation; touches no VAE variable. */
  discriminatorStep(z: tf.Tensor2D): void {
    const { discriminatorLearningRate, discriminatorBeta1, discriminatorBeta2 } = this.config;
    this.optimizer ??= tf.train.adam(discriminatorLearningRate, discriminatorBeta1, discriminatorBeta2, 1e-8);
    const optimizer = this.optimizer;
    tf.tidy(() => {
      const permuted = permuteDimensions(z, this.discriminatorNoise);
      const { grads } = tf.variableGrads(() => this.discriminatorLoss(z, permuted), [...this.discriminatorVariables.values()]);
      optimizer.applyGradients(grads);
    });
  }

  /** Trains the discriminator on codes drawn from the (just updated) encoder for the step's batch. */
  override auxiliaryStep({ x, labels }: AuxiliaryBatch): void {
    tf.tidy(() => this.discriminatorStep(this.posteriorSample(x, this.conditionOf(labels, x.shape[0]), this.discriminatorNoise).z));
  }

  override dispose(): void {
    super.dispose();
    for (const variable of this.discriminatorVariables.values()) variable.dispose();
    this.optimizer?.dispose();
    this.optimizer = undefined;
  }
}
