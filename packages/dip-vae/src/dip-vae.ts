import * as tf from '@tensorflow/tfjs-core';
import { BaseVAE, normalizeConfig } from '@vaelab/core';
import type { ObjectiveInput } from '@vaelab/core';
import { diagonalWeight, dipVaeConfigSchema } from './config.ts';
import type { DipVaeConfig, DipVaeInit } from './config.ts';
import { aggregatePosteriorCovariance, dipPenalty, encoderMeanCovariance } from './covariance.ts';

/**
 * DIP-VAE (Kumar, Sattigeri & Balakrishnan 2018, "Variational Inference of Disentangled Latent
 * Concepts from Unlabeled Observations"): the VAE plus a penalty pulling a covariance of the
 * codes towards the identity, so that the aggregate posterior matches the factorised prior in
 * its second moments:
 *
 *   loss = reconstruction + KL + lambdaOd * sum_{i != j} C_ij^2 + lambdaD * sum_i (C_ii - 1)^2
 *
 * with C = Cov[mu(x)] for DIP-VAE-I (eq. 6) and C = E[Sigma(x)] + Cov[mu(x)] for DIP-VAE-II
 * (eq. 7), both estimated on the batch, as disentanglement_lib's `DIPVAE`. Only
 * {@link DIPVAE.regularizer} differs from the plain VAE.
 *
 * @example
 * const model = new DIPVAE({ type: 'ii', lambdaOd: 10, inputShape: [64, 64, 1], latentDim: 10, architecture: { kind: 'conv' } });
 */
export class DIPVAE extends BaseVAE<DipVaeConfig> {
  readonly variantName = 'dip-vae';

  /** Builds a DIP-VAE from a partial config; invalid fields throw a `ConfigError` naming them. */
  constructor(config: DipVaeInit = {}) {
    super(normalizeConfig(dipVaeConfigSchema, config, 'DIP-VAE config'));
  }

  /** The covariance the penalty acts on, estimated on the batch. */
  penalizedCovariance(input: ObjectiveInput): tf.Tensor2D {
    if (this.config.type === 'i') return encoderMeanCovariance(input.mu);
    return aggregatePosteriorCovariance(input.mu, tf.clipByValue(input.logvar, ...this.config.logvarRange) as tf.Tensor2D);
  }

  /** KL (with the shared schedule and floor) plus the covariance penalty. */
  protected override regularizer(klPerDim: tf.Tensor2D, step: number, input?: ObjectiveInput): tf.Scalar {
    const kl = super.regularizer(klPerDim, step);
    if (!input) return kl;
    const penalty = dipPenalty(this.penalizedCovariance(input), this.config.lambdaOd, diagonalWeight(this.config));
    return tf.add(kl, penalty) as tf.Scalar;
  }
}
