import * as tf from '@tensorflow/tfjs-core';
import { activate, addVariable, glorotUniform } from './module.ts';
import type { Activation, Module } from './module.ts';
import type { Rng } from '../rng.ts';
import { backendKernels } from '../kernels/loader.ts';
import { wasmMatMul } from '../kernels/matmul.ts';
import type { FusedActivation } from '../kernels/matmul.ts';
import { wasmReluGrad } from '../kernels/relu-grad.ts';

/**
 * y = act(x W + b) with a backward pass that keeps the WebAssembly backend off its slow paths.
 *
 * On wasm, vaelab's own GEMM (kernels/matmul.ts) computes the forward pass with the bias and a
 * ReLU fused into one kernel, and the backward pass reads the transposes in place:
 * dz = dy * [y > 0], dx = dz W^T, dW = x^T dz, db = sum(dz). The stock matMul there runs
 * XNNPACK, which re-packs the weight on every call because every weight is a new tensor each
 * step, and sends transposed matMuls to a scalar loop (BENCHMARKS.md, "Levers of the training
 * step").
 *
 * Elsewhere the backward pass is written as explicit transposes and plain matMuls, and the
 * activation is applied by {@link activate} with its stock gradient.
 *
 * `needsInputGradient: false` skips dx entirely (a zero placeholder of the right shape is
 * returned instead), for the first layer whose input is the data.
 */
export function denseForward(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, needsInputGradient = true, activation: Activation = 'linear'): tf.Tensor2D {
  if (backendKernels()) {
    if (activation === 'linear' || activation === 'relu') return wasmDense(x, kernel, bias, needsInputGradient, activation);
    return activate(wasmDense(x, kernel, bias, needsInputGradient, 'linear'), activation) as tf.Tensor2D;
  }
  const op = tf.customGrad((xIn, w, b, save) => {
    const xx = xIn as tf.Tensor2D;
    const ww = w as tf.Tensor2D;
    (save as tf.GradSaveFunc)([xx, ww]);
    return {
      value: tf.add(tf.matMul(xx, ww), b as tf.Tensor1D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const dy2 = dy as tf.Tensor2D;
        const dx = needsInputGradient ? tf.matMul(dy2, tf.transpose(ws)) : tf.zerosLike(xs);
        return [dx, tf.matMul(tf.transpose(xs), dy2), tf.sum(dy2, 0)];
      },
    };
  });
  return activate(op(x, kernel, bias) as tf.Tensor2D, activation) as tf.Tensor2D;
}

function wasmDense(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, needsInputGradient: boolean, activation: FusedActivation): tf.Tensor2D {
  const op = tf.customGrad((xIn, w, b, save) => {
    const xx = xIn as tf.Tensor2D;
    const ww = w as tf.Tensor2D;
    const y = wasmMatMul(xx, ww, { bias: b as tf.Tensor1D, activation });
    (save as tf.GradSaveFunc)(activation === 'relu' ? [xx, ww, y] : [xx, ww]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D?];
        const dz = ys ? wasmReluGrad(dy as tf.Tensor2D, ys) : (dy as tf.Tensor2D);
        const dx = needsInputGradient ? wasmMatMul(dz, ws, { transposeB: true }) : tf.zerosLike(xs);
        return [dx, wasmMatMul(xs, dz, { transposeA: true }), tf.sum(dz, 0)];
      },
    };
  });
  return op(x, kernel, bias) as tf.Tensor2D;
}

/** Options of {@link dense}. */
export interface DenseOptions {
  /** @default 'linear' */
  activation?: Activation;
  /** Whether gradients must flow to the input (false for a layer fed by data). @default true */
  needsInputGradient?: boolean;
}

/** A fully connected layer with Glorot-uniform kernel and zero bias. */
export function dense(name: string, inputs: number, units: number, rng: Rng, options: DenseOptions = {}): Module {
  const variables = new Map<string, tf.Variable>();
  const kernel = addVariable(variables, name, 'kernel', glorotUniform([inputs, units], inputs, units, rng));
  const bias = addVariable(variables, name, 'bias', tf.zeros([units]));
  const activation = options.activation ?? 'linear';
  const needsInputGradient = options.needsInputGradient ?? true;
  return {
    variables,
    apply: (x) => denseForward(x as tf.Tensor2D, kernel as tf.Tensor2D, bias as tf.Tensor1D, needsInputGradient, activation),
  };
}
