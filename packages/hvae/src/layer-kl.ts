import * as tf from '@tensorflow/tfjs-core';

/**
 * The bound's term of a stochastic layer below the top, per example and dimension, in nats:
 * log q(z_l | z_{l-1}) - log p(z_l | z_{l+1}) at the sampled z_l, for diagonal Gaussians
 * (the 2 pi terms cancel):
 *
 *   0.5 * (logvarP - logvarQ + (z - muP)^2 / exp(logvarP) - (z - muQ)^2 / exp(logvarQ)).
 *
 * Why not the closed-form KL(q(z_l | .) || p(z_l | z_{l+1})) at the sampled z_{l+1}: z_{l+1}
 * was drawn from q(z_{l+1} | z_l) with this very z_l, so the two are not independent and the
 * closed form is not an unbiased estimate of E_q[log q(z_l | .) - log p(z_l | z_{l+1})], the
 * term of the ELBO (Burda et al. 2015, "Importance Weighted Autoencoders", eq. 8 with k = 1, as
 * their `log_weightsIq_samples` computes it; Sønderby et al. 2016, "Ladder Variational
 * Autoencoders", section 2, who estimate the KL terms below the top by Monte Carlo). Averaged over samples it is the KL of layer l in the bound;
 * a single sample can be negative.
 *
 * `logvarQ` and `logvarP` are expected already clamped, `z` drawn with the clamped `logvarQ`.
 */
export function sampledLayerKl(z: tf.Tensor, muQ: tf.Tensor, logvarQ: tf.Tensor, muP: tf.Tensor, logvarP: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const underP = tf.div(tf.square(tf.sub(z, muP)), tf.exp(logvarP));
    const underQ = tf.div(tf.square(tf.sub(z, muQ)), tf.exp(logvarQ));
    return tf.mul(tf.add(tf.sub(logvarP, logvarQ), tf.sub(underP, underQ)), 0.5);
  });
}
