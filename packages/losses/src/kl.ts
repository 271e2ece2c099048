import * as tf from '@tensorflow/tfjs-core';

/**
 * KL(N(mu, exp(logvar)) || N(0, 1)) per example and dimension, in nats:
 * 0.5 * (mu^2 + exp(logvar) - 1 - logvar) (Kingma & Welling 2014, appendix B).
 * Returns the same shape as `mu`, so callers can report KL per latent dimension.
 */
export function gaussianKlStandard(mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(logvar, 1)), 0.5));
}

/**
 * KL(N(muQ, exp(logvarQ)) || N(muP, exp(logvarP))) per element, in nats, for diagonal Gaussians:
 * 0.5 * (logvarP - logvarQ + (exp(logvarQ) + (muQ - muP)^2) / exp(logvarP) - 1).
 * The hierarchical VAE uses it between q(z_i | z_{i-1}) and p(z_i | z_{i+1}).
 */
export function gaussianKl(muQ: tf.Tensor, logvarQ: tf.Tensor, muP: tf.Tensor, logvarP: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const ratio = tf.div(tf.add(tf.exp(logvarQ), tf.square(tf.sub(muQ, muP))), tf.exp(logvarP));
    return tf.mul(tf.sub(tf.add(tf.sub(logvarP, logvarQ), ratio), 1), 0.5);
  });
}

/** Log-density of a diagonal Gaussian at `z`, summed over the last axis: one value per row. */
export function gaussianLogDensity(z: tf.Tensor, mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const sq = tf.div(tf.square(tf.sub(z, mu)), tf.exp(logvar));
    return tf.mul(tf.sum(tf.add(tf.add(sq, logvar), Math.log(2 * Math.PI)), -1), -0.5);
  });
}
