import * as tf from '@tensorflow/tfjs-core';

/**
 * Covariance of the encoder means over a batch, Cov[mu(x)] = E[mu mu^T] - E[mu] E[mu]^T
 * (Kumar et al. 2018, eq. 6; the biased 1/M estimate, as disentanglement_lib's
 * `compute_covariance_z_mean`). `mu` is `[M, D]`; the result is `[D, D]`.
 */
export function encoderMeanCovariance(mu: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const rows = mu.shape[0];
    const centred = tf.sub(mu, tf.mean(mu, 0, true));
    return tf.div(tf.matMul(tf.transpose(centred), centred), rows) as tf.Tensor2D;
  });
}

/**
 * Covariance of the aggregate posterior q(z) = E_x q(z|x) for diagonal Gaussian posteriors:
 * Cov_q(z) = E[diag(exp(logvar))] + Cov[mu(x)] (Kumar et al. 2018, eq. 7).
 */
export function aggregatePosteriorCovariance(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor2D {
  // diag(v) as eye * v: tf.diag has no gradient.
  return tf.tidy(() => tf.add(encoderMeanCovariance(mu), tf.mul(tf.eye(mu.shape[1]), tf.mean(tf.exp(logvar), 0))) as tf.Tensor2D);
}

/**
 * DIP-VAE's penalty on a covariance matrix's distance from the identity (Kumar et al. 2018,
 * eqs. 6 and 7; disentanglement_lib's `regularize_diag_off_diag_dip`):
 *
 *   lambdaOd * sum_{i != j} C_ij^2 + lambdaD * sum_i (C_ii - 1)^2
 */
export function dipPenalty(covariance: tf.Tensor2D, lambdaOd: number, lambdaD: number): tf.Scalar {
  return tf.tidy(() => {
    const size = covariance.shape[0];
    const eye = tf.eye(size);
    const diagonal = tf.sum(tf.mul(covariance, eye), 1);
    const offDiagonal = tf.mul(covariance, tf.sub(1, eye));
    return tf.add(tf.mul(tf.sum(tf.square(offDiagonal)), lambdaOd), tf.mul(tf.sum(tf.square(tf.sub(diagonal, 1))), lambdaD)) as tf.Scalar;
  });
}
