import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@vaelab/core';

/**
 * Permutes each latent dimension independently across the batch (Kim & Mnih 2018,
 * Algorithm 1; disentanglement_lib's `shuffle_codes`). Every column keeps its values, so each
 * dimension's marginal is unchanged, while the dependence between dimensions is broken: the
 * rows are then samples of prod_j q(z_j).
 */
export function permuteDimensions(z: tf.Tensor2D, rng: Rng): tf.Tensor2D {
  const [rows, dims] = z.shape;
  const indices = new Int32Array(rows * dims);
  const order = new Int32Array(rows);
  for (let j = 0; j < dims; j++) {
    for (let i = 0; i < rows; i++) order[i] = i;
    rng.shuffle(order);
    for (let i = 0; i < rows; i++) indices[i * dims + j] = order[i] * dims + j;
  }
  return tf.tidy(() => tf.reshape(tf.gather(tf.reshape(z, [-1]), tf.tensor1d(indices, 'int32')), [rows, dims]) as tf.Tensor2D);
}
