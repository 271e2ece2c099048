import * as tf from '@tensorflow/tfjs-core';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Total correlation TC = KL(q(z) || prod_j q(z_j)) of a batch's aggregate posterior, by
 * minibatch-weighted sampling (Chen et al. 2018, "Isolating Sources of Disentanglement in
 * VAEs", section 4.1) as disentanglement_lib's `total_correlation` computes it:
 *
 *   log q(z_i)        ~ logsumexp_k  sum_j log q(z_ij | x_k)
 *   log prod_j q(z_ij) ~ sum_j logsumexp_k log q(z_ij | x_k)
 *   TC ~ mean_i [log q(z_i) - log prod_j q(z_ij)] + (D - 1) log M
 *
 * for M codes z_i of D dimensions, each drawn from its own posterior N(mu_i, exp(logvar_i)).
 * disentanglement_lib drops every constant ("they do not matter for the minimization"); this
 * adds back (D - 1) log M, the normalisers of the batch mixture q(z) = 1/M sum_k q(z|x_k), so
 * that the value reads as a TC: near 0 for a factorised aggregate posterior, positive for a
 * correlated one. The constant changes no gradient. `logvar` should already be clamped.
 */
export function totalCorrelation({ z, mu, logvar }: { z: tf.Tensor2D; mu: tf.Tensor2D; logvar: tf.Tensor2D }): tf.Scalar {
  return tf.tidy(() => {
    const [rows, dims] = z.shape;
    // log q(z_ij | x_k) as [i, k, j].
    const diff = tf.sub(tf.expandDims(z, 1), tf.expandDims(mu, 0));
    const logvarK = tf.expandDims(logvar, 0);
    const logDensity = tf.mul(tf.add(tf.add(tf.mul(tf.square(diff), tf.exp(tf.neg(logvarK))), logvarK), LOG_2PI), -0.5);
    const logJoint = tf.logSumExp(tf.sum(logDensity, 2), 1);
    const logProduct = tf.sum(tf.logSumExp(logDensity, 1), 1);
    return tf.add(tf.mean(tf.sub(logJoint, logProduct)), (dims - 1) * Math.log(rows)) as tf.Scalar;
  });
}
