import * as tf from '@tensorflow/tfjs-core';
import { BaseVAE, decodeCheckpoint, normalizeConfig, readCheckpoint, restoreModel } from '@vaelab/core';
import { capacity, freeBitsKl, klWeight } from '@vaelab/losses';
import { betaVaeConfigSchema } from './config.ts';
import type { BetaVaeConfig, BetaVaeInit } from './config.ts';

const NAME = 'beta-vae';

/**
 * beta-VAE (Higgins et al. 2017, eq. 4): the VAE with the KL term weighted by beta > 1, which
 * pressures the posterior towards the factorised prior and favours disentangled codes. With
 * `capacity` set it is the capacity-annealed form of Burgess et al. 2018 (eq. 8): the KL is
 * held near a target C(step) rising linearly from 0 to `capacity.max` nats.
 *
 * Only {@link BetaVAE.regularizer} differs from the plain VAE: the reported `elbo` stays the
 * true ELBO (weight 1), so a beta-VAE's bound can be compared with any other variant's, while
 * `loss` is what is minimised.
 *
 * @example
 * const model = new BetaVAE({ beta: 4, inputShape: [32, 32, 1], architecture: { kind: 'conv' } });
 * const annealed = new BetaVAE({ capacity: { max: 25, steps: 100_000, gamma: 1000 } });
 */
export class BetaVAE extends BaseVAE<BetaVaeConfig> {
  readonly variantName = NAME;

  /** Builds a beta-VAE from a partial config; invalid fields (e.g. a negative beta) throw a `ConfigError` naming them. */
  constructor(config: BetaVaeInit = {}) {
    super(normalizeConfig(betaVaeConfigSchema, config, 'beta-VAE config'));
  }

  /** The capacity target C(step) in nats, or null in the beta form. */
  capacityAt(step: number): number | null {
    const c = this.config.capacity;
    return c === null ? null : capacity(step, c.max, c.steps);
  }

  /** beta * KL, or gamma * |KL - C(step)|; both times the KL schedule's weight, KL with the free-bits floor. */
  protected override regularizer(klPerDim: tf.Tensor2D, step: number): tf.Scalar {
    const kl = freeBitsKl(klPerDim, this.config.freeBits);
    const weight = klWeight(this.config.klSchedule, step);
    const target = this.capacityAt(step);
    if (target === null) return tf.mul(kl, this.config.beta * weight);
    return tf.mul(tf.abs(tf.sub(kl, target)), this.config.capacity!.gamma * weight);
  }

  /** Loads a model written by `save`. */
  static async load(path: string): Promise<BetaVAE> {
    return restoreModel(await readCheckpoint(path), NAME, (c) => new BetaVAE(c as BetaVaeInit), path);
  }

  /** Rebuilds a model from `toBytes()` output. */
  static fromBytes(bytes: Uint8Array): BetaVAE {
    return restoreModel(decodeCheckpoint(bytes), NAME, (c) => new BetaVAE(c as BetaVaeInit));
  }
}
