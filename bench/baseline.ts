import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@vaelab/core';
import type { ImageDataset } from '@vaelab/core';

/**
 * The classic VAE written the ordinary way: tf.layers Dense layers, stock gradients (every
 * matMul's backward pass as tfjs defines it), `optimizer.minimize`. Same model, loss, batch and
 * optimiser as vaelab's VAE, so the ratio of the two throughputs is the speed-up.
 */
export async function baselineSamplesPerSecond(train: ImageDataset, run: { epochs: number } | { steps: number }, batch = 128, latent = 20, hidden = 400): Promise<number> {
  const width = train.shape[0] * train.shape[1] * train.shape[2];
  const encoder = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [width], units: hidden, activation: 'relu' }), tfl.layers.dense({ units: 2 * latent })] });
  const decoder = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [latent], units: hidden, activation: 'relu' }), tfl.layers.dense({ units: width })] });
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const rng = createRng(0);
  const stepsPerEpoch = Math.floor(train.size / batch);
  // A step budget runs like vaelab's fit: passes over the data, the last one cut short.
  const total = 'steps' in run ? run.steps : run.epochs * stepsPerEpoch;
  const pixels = new Float32Array(batch * width);
  const order = Int32Array.from({ length: train.size }, (_, i) => i);
  const started = performance.now();
  for (let epoch = 0; epoch * stepsPerEpoch < total; epoch++) {
    rng.shuffle(order);
    for (let s = 0; s < stepsPerEpoch && epoch * stepsPerEpoch + s < total; s++) {
      train.images(order.subarray(s * batch, (s + 1) * batch), pixels);
      for (let i = 0; i < pixels.length; i++) pixels[i] = rng.next() < pixels[i] ? 1 : 0;
      const eps = tf.tensor2d(rng.fillNormal(new Float32Array(batch * latent)), [batch, latent]);
      const x = tf.tensor2d(pixels, [batch, width]);
      const cost = optimizer.minimize(() => {
        const h = encoder.apply(x) as tf.Tensor2D;
        const mu = h.slice([0, 0], [batch, latent]);
        const logvar = h.slice([0, latent], [batch, latent]);
        const z = mu.add(logvar.mul(0.5).exp().mul(eps));
        const logits = decoder.apply(z) as tf.Tensor2D;
        const bce = tf.losses.sigmoidCrossEntropy(x, logits, undefined, undefined, tf.Reduction.NONE).sum(1);
        const kl = mu.square().add(logvar.exp()).sub(1).sub(logvar).mul(0.5).sum(1);
        return bce.add(kl).mean() as tf.Scalar;
      }, true);
      cost?.dataSync();
      tf.dispose([cost!, x, eps]);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  optimizer.dispose();
  encoder.dispose?.();
  decoder.dispose?.();
  return (total * batch) / seconds;
}
