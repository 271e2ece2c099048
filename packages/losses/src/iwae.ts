import * as tf from '@tensorflow/tfjs-core';

/**
 * The importance-weighted bound (Burda et al. 2015, eq. 8):
 * log p(x) >= log (1/k) sum_i w_i, with log w_i = log p(x, z_i) - log q(z_i | x) and z_i ~ q(z|x).
 * `logWeights` is `[k, batch]`; the log-sum-exp over k is computed stably. With k = 1 it is
 * the ELBO estimate; it does not decrease in expectation as k grows.
 */
export function iwaeBound(logWeights: tf.Tensor): tf.Tensor {
  const k = logWeights.shape[0];
  return tf.tidy(() => tf.sub(tf.logSumExp(logWeights, 0), Math.log(k)));
}

/** The same bound on plain numbers: one row of k log-weights. Used when weights are gathered in chunks. */
export function logMeanExp(logWeights: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < logWeights.length; i++) max = Math.max(max, logWeights[i]);
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < logWeights.length; i++) sum += Math.exp(logWeights[i] - max);
  return max + Math.log(sum / logWeights.length);
}
