import { BaseVAE, baseVaeConfigSchema, decodeCheckpoint, normalizeConfig, readCheckpoint, restoreModel } from '@vaelab/core';
import type { BaseVaeConfig } from '@vaelab/core';

/** Config of the plain VAE: the shared fields, nothing more. See {@link BaseVaeConfig} for defaults. */
export type VaeConfig = BaseVaeConfig;

/** Schema of {@link VaeConfig}. */
export const vaeConfigSchema = baseVaeConfigSchema;

/**
 * The plain VAE of Kingma & Welling 2014 ("Auto-Encoding Variational Bayes"): Gaussian encoder,
 * standard-normal prior, Bernoulli (or Gaussian) decoder, trained on the negative ELBO. With the
 * defaults it is the classic 784-400-20 MNIST model.
 *
 * @example
 * const vae = new VAE({ latentDim: 10 });
 * await vae.fit(mnist.train, { epochs: 10, test: mnist.test });
 */
export class VAE extends BaseVAE<VaeConfig> {
  readonly variantName = 'vae';

  /** Builds a VAE from a partial config; unknown or invalid fields throw a `ConfigError` naming them. */
  constructor(config: Partial<VaeConfig> = {}) {
    super(normalizeConfig(vaeConfigSchema, config, 'VAE config'));
  }

  /** Loads a model written by `save`. */
  static async load(path: string): Promise<VAE> {
    return restoreModel(await readCheckpoint(path), 'vae', (c) => new VAE(c as Partial<VaeConfig>), path);
  }

  /** Rebuilds a model from `toBytes()` output. */
  static fromBytes(bytes: Uint8Array): VAE {
    return restoreModel(decodeCheckpoint(bytes), 'vae', (c) => new VAE(c as Partial<VaeConfig>));
  }
}
