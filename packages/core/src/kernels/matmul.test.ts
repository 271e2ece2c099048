import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendKernels } from './loader.ts';
import { wasmMatMul } from './matmul.ts';
import type { FusedActivation } from './matmul.ts';
import { createRng } from '../rng.ts';
import { relativeError } from '@vaelab/testing';

const rng = createRng(11);
const uniform = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.next() * 2 - 1);

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** op(A) op(B) + bias, activation, in float64 on plain arrays: a reference independent of tfjs. */
function reference(a: Float32Array, b: Float32Array, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, bias?: Float32Array, relu = false): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = bias ? bias[j] : 0;
      for (let p = 0; p < k; p++) sum += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j]);
      out[i * n + j] = relu ? Math.max(0, sum) : sum;
    }
  }
  return out;
}

interface Case { m: number; k: number; n: number; transposeA: boolean; transposeB: boolean; bias: boolean; activation: FusedActivation }

function run({ m, k, n, transposeA, transposeB, bias, activation }: Case): { ours: Float32Array; stock: Float32Array; a: Float32Array; b: Float32Array; biasValues?: Float32Array } {
  const a = uniform(m * k);
  const b = uniform(k * n);
  const biasValues = bias ? uniform(n) : undefined;
  return tf.tidy(() => {
    const ta = tf.tensor2d(a, transposeA ? [k, m] : [m, k]);
    const tb = tf.tensor2d(b, transposeB ? [n, k] : [k, n]);
    const tBias = biasValues ? tf.tensor1d(biasValues) : undefined;
    const ours = wasmMatMul(ta, tb, { transposeA, transposeB, bias: tBias, activation }).dataSync() as Float32Array;
    // Transposes as their own kernels: the wasm matMul runs transposed operands in a scalar loop
    // that takes tens of seconds at these shapes; both forms are the stock matMul.
    let stock: tf.Tensor = tf.matMul(transposeA ? tf.transpose(ta) : ta, transposeB ? tf.transpose(tb) : tb);
    if (tBias) stock = tf.add(stock, tBias);
    if (activation === 'relu') stock = tf.relu(stock);
    return { ours, stock: stock.dataSync() as Float32Array, a, b, biasValues };
  });
}

const TRANSPOSES = [[false, false], [false, true], [true, false], [true, true]] as const;

/** [M, K, N] of every dense layer the shipped models run, forward and in evaluation batches. */
const MODEL_SHAPES: readonly [string, number, number, number][] = [
  ['quick beta encoder 1024->256', 64, 1024, 256],
  ['quick beta 256->256', 64, 256, 256],
  ['quick beta encoder head 256->20', 64, 256, 20],
  ['quick beta decoder 10->256', 64, 10, 256],
  ['quick beta decoder 256->1024', 64, 256, 1024],
  ['classic VAE 784->400', 128, 784, 400],
  ['classic VAE 400->40', 128, 400, 40],
  ['classic VAE 20->400', 128, 20, 400],
  ['classic VAE 400->784', 128, 400, 784],
  ['evaluation batch 1024->256', 500, 1024, 256],
  ['evaluation batch 784->400', 500, 784, 400],
  ['conv encoder head 64x64 1024->256', 64, 1024, 256],
  ['conv decoder stem 256->1024', 64, 256, 1024],
  ['conv encoder head 32x32 256->256', 64, 256, 256],
];

const ODD_SHAPES: readonly [number, number, number][] = [[1, 1, 1], [7, 5, 9], [3, 13, 6], [5, 1, 17], [9, 33, 3], [2, 7, 8], [13, 11, 12], [4, 9, 7], [1, 31, 1]];

describe('vaelab GEMM on the wasm backend', () => {
  it('loads on the wasm backend and not elsewhere', async () => {
    expect(backendKernels()).toBeDefined();
    await tf.setBackend('cpu');
    expect(backendKernels()).toBeUndefined();
    await tf.setBackend('wasm');
  });

  for (const [name, m, k, n] of MODEL_SHAPES) {
    it(`matches the stock matMul on ${name} [${m}x${k}x${n}] in all four transpose combinations`, () => {
      for (const [transposeA, transposeB] of TRANSPOSES) {
        const { ours, stock } = run({ m, k, n, transposeA, transposeB, bias: false, activation: 'linear' });
        expect(relativeError(ours, stock), `transposeA ${transposeA} transposeB ${transposeB}`).toBeLessThan(1e-5);
      }
      for (const activation of ['linear', 'relu'] as const) {
        const { ours, stock } = run({ m, k, n, transposeA: false, transposeB: false, bias: true, activation });
        expect(relativeError(ours, stock), `bias + ${activation}`).toBeLessThan(1e-5);
      }
    });
  }

  it('matches stock and a float64 reference on odd shapes, every transpose, with and without bias and ReLU', () => {
    for (const [m, k, n] of ODD_SHAPES) {
      for (const [transposeA, transposeB] of TRANSPOSES) {
        for (const [bias, activation] of [[false, 'linear'], [true, 'linear'], [true, 'relu'], [false, 'relu']] as const) {
          const { ours, stock, a, b, biasValues } = run({ m, k, n, transposeA, transposeB, bias, activation });
          const what = `${m}x${k}x${n} transposeA ${transposeA} transposeB ${transposeB} bias ${bias} ${activation}`;
          expect(ours.length, what).toBe(m * n);
          expect(relativeError(ours, stock), what).toBeLessThan(1e-5);
          expect(relativeError(ours, reference(a, b, m, k, n, transposeA, transposeB, biasValues, activation === 'relu')), what).toBeLessThan(1e-5);
        }
      }
    }
  });

  it('rejects operands whose inner sizes differ, naming the shapes', () => {
    const a = tf.zeros([3, 4]) as tf.Tensor2D;
    const b = tf.zeros([5, 2]) as tf.Tensor2D;
    expect(() => wasmMatMul(a, b)).toThrow(/inner sizes differ: \[3,4\] x \[5,2\]/);
    tf.dispose([a, b]);
  });

  it('creates no tensors beyond its output and survives memory growth', () => {
    const before = tf.memory().numTensors;
    const a = tf.tensor2d(uniform(64 * 32), [64, 32]);
    const b = tf.tensor2d(uniform(32 * 16), [32, 16]);
    const firstTensor = wasmMatMul(a, b);
    const first = firstTensor.dataSync().slice();
    // Grow the backend's memory (a 256 MB tensor), then run again on the same operands.
    const big = tf.zeros([64 * 1024 * 1024]);
    const again = wasmMatMul(a, b);
    expect(Array.from(again.dataSync())).toEqual(Array.from(first));
    tf.dispose([a, b, big, firstTensor, again]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
