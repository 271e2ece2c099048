import * as tf from '@tensorflow/tfjs-core';

/**
 * The evidence lower bound per example: E_q[log p(x|z)] - KL(q(z|x) || p(z))
 * (Kingma & Welling 2014, eq. 3), from a one-sample log-likelihood and the KL per dimension.
 */
export function elbo(logLikelihood: tf.Tensor, klPerDim: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sub(logLikelihood, tf.sum(klPerDim, -1)));
}

/**
 * Free bits (Kingma et al. 2016, eq. 15): the KL of each latent dimension, averaged over the
 * minibatch, is floored at `lambda` nats, so the optimiser gains nothing by pushing a
 * dimension's KL below it. `klPerDim` is `[batch, dim]`; returns the scalar sum over dims of
 * max(lambda, mean_batch KL_j). With lambda = 0 it is the plain mean KL.
 */
export function freeBitsKl(klPerDim: tf.Tensor, lambda: number): tf.Scalar {
  if (!(lambda >= 0)) throw new RangeError(`free bits lambda must be >= 0, got ${lambda}`);
  return tf.tidy(() => {
    const perDim = klPerDim.rank > 1 ? tf.mean(klPerDim, 0) : klPerDim;
    return tf.sum(lambda > 0 ? tf.maximum(perDim, lambda) : perDim) as tf.Scalar;
  });
}
