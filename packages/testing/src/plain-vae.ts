import * as tf from '@tensorflow/tfjs-core';
import { BaseVAE, normalizeBaseConfig } from '@vaelab/core';
import type { BaseVaeConfig } from '@vaelab/core';

/**
 * The plain VAE of the tests: `BaseVAE` with nothing overridden (Kingma & Welling 2014's
 * objective as core implements it), the reference that variants are compared against.
 */
export class PlainVAE extends BaseVAE {
  readonly variantName = 'plain';
  constructor(config: Partial<BaseVaeConfig> = {}) {
    super(normalizeBaseConfig(config));
  }
}

/**
 * Makes the encoder ignore x in latent dims `dims` (zero kernel columns and bias of their mean
 * and log-variance, so q(z_j|x) = N(0, 1), the prior) and multiplies the live dims' columns by
 * `gain` so their means clearly vary with x. MLP encoders only.
 */
export function silenceDims(model: BaseVAE, dims: readonly number[], gain = 3): void {
  const d = model.config.latentDim;
  const layers = [...model.variables.keys()].filter((k) => /^encoder\/dense\d+\/kernel$/.test(k));
  const last = layers.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))[layers.length - 1].replace(/\/kernel$/, '');
  const kernel = model.variables.get(`${last}/kernel`)!;
  const bias = model.variables.get(`${last}/bias`)!;
  const cols = kernel.shape[1] as number;
  const mask = new Float32Array(cols).fill(1);
  for (let j = 0; j < d; j++) mask[j] = gain;
  for (const j of dims) {
    mask[j] = 0;
    mask[d + j] = 0;
  }
  tf.tidy(() => {
    kernel.assign(tf.mul(kernel, tf.tensor2d(mask, [1, cols])));
    bias.assign(tf.mul(bias, tf.tensor1d(mask)));
  });
}
