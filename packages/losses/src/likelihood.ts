import * as tf from '@tensorflow/tfjs-core';

/**
 * log p(x | logits) of independent Bernoulli pixels, summed over the last axis.
 * Written as -(max(l, 0) - l * x + log(1 + exp(-|l|))) so that no log(0) is taken and nothing
 * overflows, even at |logit| = 100 (the same form as TensorFlow's
 * `sigmoid_cross_entropy_with_logits`). Targets may be soft (in [0, 1]).
 */
export function bernoulliLogLikelihood(logits: tf.Tensor, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const crossEntropy = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.neg(tf.sum(crossEntropy, -1));
  });
}

/**
 * log N(x; mean, exp(logvar)) of independent pixels, summed over the last axis. `logvar` is a
 * tensor (learned, per pixel or per example) or a number (fixed variance; 0 means unit variance).
 */
export function gaussianLogLikelihood(mean: tf.Tensor, x: tf.Tensor, logvar: tf.Tensor | number): tf.Tensor {
  return tf.tidy(() => {
    const lv = typeof logvar === 'number' ? tf.scalar(logvar) : logvar;
    const sq = tf.div(tf.square(tf.sub(x, mean)), tf.exp(lv));
    const perPixel = tf.add(tf.add(sq, tf.broadcastTo(lv, sq.shape)), Math.log(2 * Math.PI));
    return tf.mul(tf.sum(perPixel, -1), -0.5);
  });
}
