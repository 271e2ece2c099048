import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dSame, conv2dTransposeSame, samePadding } from './conv.ts';
import { createRng } from '../rng.ts';

const rng = createRng(7);
const rand = (shape: number[]): tf.Tensor => tf.tensor(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b))), shape);
function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('convolutions with explicit gradients (checked against tfjs stock gradients on the CPU backend)', () => {
  it('same padding follows TensorFlow', () => {
    expect(samePadding(64, 4, 2)).toEqual([1, 1]);
    expect(samePadding(16, 2, 2)).toEqual([0, 0]);
    expect(samePadding(5, 3, 2)).toEqual([1, 1]);
  });

  for (const [size, k, s] of [[8, 4, 2], [8, 2, 2], [7, 3, 2], [6, 3, 1], [8, 1, 2], [9, 3, 3]] as const) {
    it(`conv2d ${size}x${size} kernel ${k} stride ${s}: value and all three gradients`, () => {
      const x = rand([2, size, size, 3]) as tf.Tensor4D;
      const f = rand([k, k, 3, 4]) as tf.Tensor4D;
      const b = rand([4]) as tf.Tensor1D;
      const w = rand([2, Math.ceil(size / s), Math.ceil(size / s), 4]);
      const ours = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(conv2dSame(xx as tf.Tensor4D, ff as tf.Tensor4D, bb as tf.Tensor1D, s), w));
      const stock = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, s, 'same'), bb), w));
      expect(maxAbsDiff(ours(x, f, b), stock(x, f, b))).toBeLessThan(1e-3);
      const g1 = tf.grads(ours)([x, f, b]);
      const g2 = tf.grads(stock)([x, f, b]);
      for (let i = 0; i < 3; i++) expect(maxAbsDiff(g1[i], g2[i])).toBeLessThan(1e-3);
    });
  }

  for (const [size, k] of [[4, 4], [8, 4], [4, 2]] as const) {
    it(`conv2dTranspose ${size}->${size * 2} kernel ${k}: value and all three gradients`, () => {
      const x = rand([2, size, size, 3]) as tf.Tensor4D;
      const f = rand([k, k, 5, 3]) as tf.Tensor4D;
      const b = rand([5]) as tf.Tensor1D;
      const w = rand([2, size * 2, size * 2, 5]);
      const ours = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(conv2dTransposeSame(xx as tf.Tensor4D, ff as tf.Tensor4D, bb as tf.Tensor1D, 2), w));
      const stock = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.mul(tf.add(tf.conv2dTranspose(xx as tf.Tensor4D, ff as tf.Tensor4D, [2, size * 2, size * 2, 5], 2, 'same'), bb), w));
      expect(maxAbsDiff(ours(x, f, b), stock(x, f, b))).toBeLessThan(1e-3);
      const g1 = tf.grads(ours)([x, f, b]);
      const g2 = tf.grads(stock)([x, f, b]);
      for (let i = 0; i < 3; i++) expect(maxAbsDiff(g1[i], g2[i])).toBeLessThan(1e-3);
    });
  }
});
