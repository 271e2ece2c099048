import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseForward } from './dense.ts';
import { createRng } from '../rng.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('denseForward', () => {
  const rng = createRng(3);
  const x = tf.tensor2d(rng.fillNormal(new Float32Array(15)), [5, 3]);
  const w = tf.tensor2d(rng.fillNormal(new Float32Array(6)), [3, 2]);
  const b = tf.tensor1d([0.1, -0.2]);
  const target = tf.tensor2d(rng.fillNormal(new Float32Array(10)), [5, 2]);
  const loss = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor): tf.Scalar =>
    tf.sum(tf.square(tf.sub(tf.tanh(denseForward(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D)), target)));

  it('computes x W + b', () => {
    const expected = tf.add(tf.matMul(x, w), b);
    expect(tf.max(tf.abs(tf.sub(denseForward(x, w, b), expected))).dataSync()[0]).toBeLessThan(1e-6);
  });

  it('has gradients that match central finite differences (float64 reference on plain arrays)', () => {
    const grads = tf.grads(loss)([x, w, b]).map((g) => Array.from(g.dataSync()));
    const inputs = [x, w, b].map((t) => Array.from(t.dataSync()));
    const shapes = [x.shape, w.shape, b.shape];
    const h = 1e-2;
    for (let which = 0; which < 3; which++) {
      for (let i = 0; i < inputs[which].length; i++) {
        const eval_ = (delta: number): number => {
          const args = inputs.map((arr, j) => {
            const copy = arr.slice();
            if (j === which) copy[i] += delta;
            return tf.tensor(copy, shapes[j]);
          });
          return loss(args[0], args[1], args[2]).dataSync()[0];
        };
        const numeric = (eval_(h) - eval_(-h)) / (2 * h);
        expect(Math.abs(grads[which][i] - numeric)).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric)));
      }
    }
  });

  it('skips the input gradient when asked', () => {
    const g = tf.grad((xx: tf.Tensor) => tf.sum(denseForward(xx as tf.Tensor2D, w, b, false)))(x);
    expect(Array.from(g.dataSync()).every((v) => v === 0)).toBe(true);
  });
});
