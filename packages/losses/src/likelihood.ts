import * as tf from '@tensorflow/tfjs-core';

/**
 * log p(x | logits) of independent Bernoulli pixels, summed over the last axis.
 * Written as -(max(l, 0) - l * x + log(1 + exp(-|l|))) so that no log(0) is taken and nothing
 * overflows, even at |logit| = 100 (the same form as TensorFlow's
 * `sigmoid_cross_entropy_with_logits`). Targets may be soft (in [0, 1]).
 *
 * The gradient is written out, d/dl = x - sigmoid(l) and d/dx = l (times the incoming
 * gradient per row): three kernels instead of the dozen that differentiating the stable form
 * op by op takes, which counts in a training step of small batches.
 */
export function bernoulliLogLikelihood(logits: tf.Tensor, x: tf.Tensor): tf.Tensor {
  return bernoulli(logits, x);
}

const bernoulli = tf.customGrad((logits, x, save) => {
  const l = logits as tf.Tensor;
  const target = x as tf.Tensor;
  (save as tf.GradSaveFunc)([l, target]);
  const value = tf.tidy(() => {
    const crossEntropy = tf.add(tf.sub(tf.relu(l), tf.mul(l, target)), tf.log1p(tf.exp(tf.neg(tf.abs(l)))));
    return tf.neg(tf.sum(crossEntropy, -1));
  });
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [ls, xs] = saved;
      const perRow = tf.expandDims(dy, -1);
      return [tf.mul(perRow, tf.sub(xs, tf.sigmoid(ls))), tf.mul(perRow, ls)];
    },
  };
});

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
