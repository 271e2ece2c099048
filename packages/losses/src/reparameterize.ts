import * as tf from '@tensorflow/tfjs-core';

/** Range that log-variances are clamped to before exponentiation. */
export type LogvarRange = readonly [min: number, max: number];

/** @default [-10, 10]: exp(±10) spans 4.5e-5 to 2.2e4, wide enough for any useful posterior and safe in float32. */
export const DEFAULT_LOGVAR_RANGE: LogvarRange = [-10, 10];

/** Clamps log-variances so that exp() neither overflows nor vanishes. */
export function clampLogvar(logvar: tf.Tensor, range: LogvarRange = DEFAULT_LOGVAR_RANGE): tf.Tensor {
  return tf.clipByValue(logvar, range[0], range[1]);
}

/**
 * The reparameterisation trick (Kingma & Welling 2014, eq. 10): z = mu + exp(0.5 * logvar) * eps
 * with eps ~ N(0, I) supplied by the caller, so that the noise comes from a seeded generator.
 * Log-variances are clamped to `range` first.
 */
export function reparameterize(
  mu: tf.Tensor,
  logvar: tf.Tensor,
  eps: tf.Tensor,
  range: LogvarRange = DEFAULT_LOGVAR_RANGE,
): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(tf.mul(clampLogvar(logvar, range), 0.5)), eps)));
}
