/**
 * The dense layer's matMuls at the shapes the models train with, on WebAssembly: tfjs's stock
 * path (XNNPACK matMul, explicit transposes in the backward pass, a separate bias add) against
 * vaelab's GEMM (packages/core/src/kernels). Each call gets operands it has never seen, as in
 * training where every weight and gradient is a new tensor each step; the stock matMul then
 * pays XNNPACK's packing of the second operand on every call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, wasmMatMul } from '@vaelab/core';
import type { BenchRow } from './row.ts';

/** [batch, inputs, units] of the dense layers the benchmark times. */
const LAYERS: readonly [string, number, number, number][] = [
  ['quick beta MLP 1024->256', 64, 1024, 256],
  ['quick beta MLP 256->256', 64, 256, 256],
  ['quick beta MLP 256->1024', 64, 256, 1024],
  ['classic VAE 784->400', 128, 784, 400],
  ['classic VAE 400->784', 128, 400, 784],
  ['evaluation batch 1024->256', 500, 1024, 256],
];

function randomTensor(shape: [number, number]): tf.Tensor2D {
  const values = new Float32Array(shape[0] * shape[1]);
  for (let i = 0; i < values.length; i++) values[i] = Math.random() * 2 - 1;
  return tf.tensor2d(values, shape);
}

/** Milliseconds per call of `op` over `calls` fresh operand sets (made outside the timing). */
function timeCalls(calls: number, make: () => tf.Tensor2D[], op: (operands: tf.Tensor2D[]) => tf.Tensor): number {
  const sets = Array.from({ length: calls }, make);
  const started = performance.now();
  for (const operands of sets) {
    const out = tf.tidy(() => op(operands));
    out.dataSync();
    out.dispose();
  }
  const ms = (performance.now() - started) / calls;
  for (const operands of sets) tf.dispose(operands);
  return ms;
}

type Pass = [name: string, make: (m: number, k: number, n: number) => tf.Tensor2D[], stock: (t: tf.Tensor2D[]) => tf.Tensor, ours: (t: tf.Tensor2D[]) => tf.Tensor];

const PASSES: Pass[] = [
  ['forward x W + b', (m, k, n) => [randomTensor([m, k]), randomTensor([k, n]), randomTensor([1, n])],
    ([x, w, b]) => tf.add(tf.matMul(x, w), b.reshape([-1])), ([x, w, b]) => wasmMatMul(x, w, { bias: b.reshape([-1]) as tf.Tensor1D })],
  ['backward dx = dy W^T', (m, k, n) => [randomTensor([m, n]), randomTensor([k, n])],
    ([dy, w]) => tf.matMul(dy, tf.transpose(w)), ([dy, w]) => wasmMatMul(dy, w, { transposeB: true })],
  ['backward dW = x^T dy', (m, k, n) => [randomTensor([m, k]), randomTensor([m, n])],
    ([x, dy]) => tf.matMul(tf.transpose(x), dy), ([x, dy]) => wasmMatMul(x, dy, { transposeA: true })],
];

/** Per layer and pass: vaelab's GEMM in ms per call, with the stock path as the baseline (lower is better). */
export async function benchKernels(calls = 40, rounds = 3): Promise<BenchRow[]> {
  await selectBackend('wasm');
  const rows: BenchRow[] = [];
  for (const [layer, m, k, n] of LAYERS) {
    for (const [pass, make, stock, ours] of PASSES) {
      // A/B interleaved, best of `rounds`: the machine may be shared.
      let stockMs = Infinity;
      let oursMs = Infinity;
      for (let r = 0; r < rounds; r++) {
        stockMs = Math.min(stockMs, timeCalls(calls, () => make(m, k, n), stock));
        oursMs = Math.min(oursMs, timeCalls(calls, () => make(m, k, n), ours));
      }
      rows.push({ name: `${layer} ${pass} [${m}x${k}x${n}]`, backend: 'wasm', value: oursMs, unit: 'ms/call', baseline: stockMs, note: 'baseline: stock tfjs' });
    }
  }
  return rows;
}
