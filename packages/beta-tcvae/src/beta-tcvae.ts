import * as tf from '@tensorflow/tfjs-core';
import { BaseVAE, normalizeConfig } from '@vaelab/core';
import type { ObjectiveInput } from '@vaelab/core';
import { betaTcvaeConfigSchema } from './config.ts';
import type { BetaTcvaeConfig, BetaTcvaeInit } from './config.ts';
import { totalCorrelation } from './total-correlation.ts';

/**
 * beta-TCVAE (Chen et al. 2018, "Isolating Sources of Disentanglement in Variational
 * Autoencoders", eq. 5 with alpha = gamma = 1): the ELBO's KL splits into index-code mutual
 * information, total correlation and dimension-wise KL, and only the total correlation is
 * weighted by beta:
 *
 *   loss = reconstruction + KL + (beta - 1) * TC
 *
 * with TC estimated on each batch by minibatch-weighted sampling ({@link totalCorrelation}),
 * as in disentanglement_lib's `BetaTCVAE`. Only {@link BetaTCVAE.regularizer} differs from
 * the plain VAE; the KL keeps the shared schedule and free-bits floor.
 *
 * @example
 * const model = new BetaTCVAE({ beta: 6, inputShape: [64, 64, 1], latentDim: 10, architecture: { kind: 'conv' } });
 */
export class BetaTCVAE extends BaseVAE<BetaTcvaeConfig> {
  readonly variantName = 'beta-tcvae';

  /** Builds a beta-TCVAE from a partial config; invalid fields throw a `ConfigError` naming them. */
  constructor(config: BetaTcvaeInit = {}) {
    super(normalizeConfig(betaTcvaeConfigSchema, config, 'beta-TCVAE config'));
  }

  /** The batch's total-correlation estimate at the sampled codes. */
  totalCorrelation(input: ObjectiveInput): tf.Scalar {
    return totalCorrelation({ z: input.z, mu: input.mu, logvar: tf.clipByValue(input.logvar, ...this.config.logvarRange) as tf.Tensor2D });
  }

  /** KL (with the shared schedule and floor) plus (beta - 1) * TC. */
  protected override regularizer(klPerDim: tf.Tensor2D, step: number, input?: ObjectiveInput): tf.Scalar {
    const kl = super.regularizer(klPerDim, step);
    if (!input || this.config.beta === 1) return kl;
    return tf.add(kl, tf.mul(this.totalCorrelation(input), this.config.beta - 1)) as tf.Scalar;
  }
}
