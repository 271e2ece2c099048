/**
 * Small models and datasets for the tests of this folder: a plain `BaseVAE` subclass, a way to
 * make chosen latent dimensions ignore the input, and random-pixel image sets.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BaseVAE, createRng, normalizeBaseConfig } from '@vaelab/core';
import type { BaseVaeConfig, ImageDataset, ImageShape } from '@vaelab/core';

/** The base VAE with nothing overridden. */
export class TinyVAE extends BaseVAE {
  readonly variantName = 'tiny-vae';
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

/** `size` images of uniform random pixels (labels: `i % classes`). */
export function randomImages(size: number, shape: ImageShape = [8, 8, 1], seed = 0, classes = 4): ImageDataset {
  const width = shape[0] * shape[1] * shape[2];
  const pixels = createRng(seed).fillUniform(new Float32Array(size * width));
  return {
    name: `random-${size}`,
    size,
    shape,
    numClasses: classes,
    images(indices, out = new Float32Array(indices.length * width)) {
      for (let i = 0; i < indices.length; i++) out.set(pixels.subarray(indices[i] * width, (indices[i] + 1) * width), i * width);
      return out;
    },
    labels: (indices) => Int32Array.from(indices, (i) => i % classes),
  };
}
