import * as tf from '@tensorflow/tfjs-core';
import { activate, addVariable, glorotUniform } from './module.ts';
import type { Activation, Module } from './module.ts';
import type { Rng } from '../rng.ts';

/**
 * y = x W + b with a backward pass written as explicit transposes and plain matMuls:
 * dx = dy W^T, dW = x^T dy, db = sum(dy). The stock matMul gradient asks for transposed
 * matMuls, which the WebAssembly backend runs in a slow scalar loop; plain matMuls reach
 * XNNPACK (measured 3-4x faster for a whole VAE step on wasm; see BENCHMARKS.md).
 *
 * `needsInputGradient: false` skips dx entirely (a zero placeholder of the right shape is
 * returned instead), for the first layer whose input is the data.
 */
export function denseForward(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, needsInputGradient = true): tf.Tensor2D {
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
    apply: (x) =>
      activate(denseForward(x as tf.Tensor2D, kernel as tf.Tensor2D, bias as tf.Tensor1D, needsInputGradient), activation),
  };
}
