import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denseForward } from './dense.ts';
import { backendKernels } from '../kernels/loader.ts';
import { createRng } from '../rng.ts';
import { relativeError } from '@vaelab/testing';

/**
 * The dense layer on wasm (vaelab's GEMM, fused bias and ReLU, hand-written backward pass)
 * against the stock ops and their stock gradients on the cpu backend.
 */
const rng = createRng(5);
const normal = (n: number): Float32Array => rng.fillNormal(new Float32Array(n));

interface Layer { x: Float32Array; w: Float32Array; b: Float32Array; weights: Float32Array; m: number; k: number; n: number }

function layer(m: number, k: number, n: number): Layer {
  return { x: normal(m * k), w: normal(k * n).map((v) => v / Math.sqrt(k)), b: normal(n), weights: normal(m * n), m, k, n };
}

/** Loss sum(weights * act(x W + b)) and its gradients with respect to x, W and b. */
function gradients(l: Layer, activation: 'linear' | 'relu', ours: boolean, needsInputGradient = true): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor2d(l.x, [l.m, l.k]);
    const w = tf.tensor2d(l.w, [l.k, l.n]);
    const b = tf.tensor1d(l.b);
    const weights = tf.tensor2d(l.weights, [l.m, l.n]);
    const forward = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor): tf.Tensor2D => {
      if (ours) return denseForward(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, needsInputGradient, activation);
      const z = tf.add(tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D), bb);
      return (activation === 'relu' ? tf.relu(z) : z) as tf.Tensor2D;
    };
    const loss = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor): tf.Scalar => tf.sum(tf.mul(forward(xx, ww, bb), weights));
    const value = forward(x, w, b).dataSync() as Float32Array;
    return [value, ...tf.grads(loss)([x, w, b]).map((g) => g.dataSync() as Float32Array)];
  });
}

const SHAPES: readonly [number, number, number][] = [[64, 1024, 256], [64, 256, 20], [128, 20, 400], [7, 5, 9], [1, 3, 1], [13, 11, 6]];
const NAMES = ['output', 'dx', 'dW', 'db'];

describe('denseForward on the wasm backend', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
    expect(backendKernels()).toBeDefined();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const [m, k, n] of SHAPES) {
    for (const activation of ['linear', 'relu'] as const) {
      it(`matches the cpu backend's stock output and gradients at [${m}x${k}] -> ${n}, ${activation}`, async () => {
        const l = layer(m, k, n);
        await tf.setBackend('cpu');
        const expected = gradients(l, activation, false);
        await tf.setBackend('wasm');
        const actual = gradients(l, activation, true);
        for (let i = 0; i < NAMES.length; i++) expect(relativeError(actual[i], expected[i]), NAMES[i]).toBeLessThan(1e-5);
      });
    }
  }

  it('returns a zero input gradient when the input needs none, and the same weight gradients', async () => {
    const l = layer(9, 6, 4);
    const full = gradients(l, 'relu', true);
    const skipped = gradients(l, 'relu', true, false);
    expect(Array.from(skipped[1]).every((v) => v === 0)).toBe(true);
    expect(Array.from(skipped[2])).toEqual(Array.from(full[2]));
    expect(Array.from(skipped[3])).toEqual(Array.from(full[3]));
  });

  it('keeps the tensor count flat over repeated training-like steps', () => {
    const l = layer(16, 8, 4);
    gradients(l, 'relu', true);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) gradients(l, 'relu', true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
